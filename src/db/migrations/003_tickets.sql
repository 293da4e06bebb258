-- Service desk: tickets, their timeline (status changes, comments, escalations) and satisfaction.
CREATE SEQUENCE ticket_number_seq;

CREATE TABLE tickets (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number                     bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
  tenant_id                  uuid NOT NULL REFERENCES tenants(id),
  agreement_id               uuid REFERENCES agreements(id),
  calendar_id                text NOT NULL REFERENCES calendars(id),
  service_id                 uuid,
  priority                   text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  category                   text NOT NULL CHECK (category IN ('incident', 'request', 'question')),
  subject                    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  description                text NOT NULL,
  status                     text NOT NULL DEFAULT 'new'
                             CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed')),
  reporter_id                text,
  reporter_label             text NOT NULL,
  assignee_id                uuid REFERENCES users(id),
  reaction_target_minutes    integer NOT NULL CHECK (reaction_target_minutes > 0),
  resolution_target_minutes  integer NOT NULL CHECK (resolution_target_minutes > 0),
  reaction_due_at            timestamptz,
  resolution_due_at          timestamptz,
  first_response_at          timestamptz,
  resolved_at                timestamptz,
  -- Escalation markers: set once, so each warning and breach is raised once across replicas.
  reaction_warned_at         timestamptz,
  reaction_breached_at       timestamptz,
  resolution_warned_at       timestamptz,
  resolution_breached_at     timestamptz,
  satisfaction_rating        integer CHECK (satisfaction_rating BETWEEN 1 AND 5),
  satisfaction_comment       text,
  rated_at                   timestamptz,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_tenant ON tickets (tenant_id, created_at DESC);
CREATE INDEX tickets_open ON tickets (status) WHERE status NOT IN ('resolved', 'closed');

CREATE TABLE ticket_events (
  id           bigserial PRIMARY KEY,
  ticket_id    uuid NOT NULL REFERENCES tickets(id),
  tenant_id    uuid NOT NULL REFERENCES tenants(id),
  at           timestamptz NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('created', 'status', 'comment', 'assignment', 'escalation', 'rating')),
  actor_id     text,
  actor_label  text NOT NULL,
  by_staff     boolean NOT NULL,
  public       boolean NOT NULL DEFAULT true,
  from_status  text,
  to_status    text,
  body         text,
  data         jsonb
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at, id);

ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON tickets USING (kopa_can_see(tenant_id));

ALTER TABLE ticket_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_events FORCE ROW LEVEL SECURITY;
-- Internal notes are for agency eyes only, even inside the ticket's own tenant.
CREATE POLICY tenant_visibility ON ticket_events USING (kopa_can_see(tenant_id) AND (public OR kopa_is_agency()));

GRANT SELECT, INSERT, UPDATE ON tickets TO kopa_app;
GRANT SELECT, INSERT ON ticket_events TO kopa_app;
GRANT USAGE, SELECT ON ticket_number_seq, ticket_events_id_seq TO kopa_app;
