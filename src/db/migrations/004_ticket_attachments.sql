-- Files attached to tickets, kept in the database with their digest (one backup, one access policy).
CREATE TABLE ticket_attachments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id     uuid NOT NULL REFERENCES tickets(id),
  tenant_id     uuid NOT NULL REFERENCES tenants(id),
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   text NOT NULL,
  by_staff      boolean NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id);

ALTER TABLE ticket_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_attachments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON ticket_attachments USING (kopa_can_see(tenant_id));
GRANT SELECT, INSERT ON ticket_attachments TO kopa_app;

ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check
  CHECK (kind IN ('created', 'status', 'comment', 'assignment', 'escalation', 'rating', 'attachment'));
