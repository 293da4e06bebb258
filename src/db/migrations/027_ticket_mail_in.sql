-- Issue 14: tickets name the channel they came in by (Cabinet Regulation No. 399 counts requests per
-- channel), and mail to the desk is received: every mail's outcome is recorded once per Message-ID, so
-- a mail sent again is not applied twice; mail from unknown senders waits in quarantine for the desk.
ALTER TABLE tickets ADD COLUMN channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'email', 'api', 'phone'));
-- Tickets opened with an API token name the token as reporter: those came by the API.
UPDATE tickets SET channel = 'api' WHERE reporter_id IN (SELECT id::text FROM api_tokens);
ALTER TABLE tickets ALTER COLUMN channel DROP DEFAULT;
CREATE INDEX tickets_channel ON tickets (channel, created_at);

CREATE TABLE inbound_mail (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  message_id      text NOT NULL UNIQUE CHECK (length(message_id) BETWEEN 1 AND 1000),
  received_at     timestamptz NOT NULL,
  envelope_from   text NOT NULL CHECK (length(envelope_from) <= 1000),
  from_address    text NOT NULL CHECK (length(from_address) <= 1000),
  to_addresses    text NOT NULL CHECK (length(to_addresses) <= 4000),
  subject         text NOT NULL CHECK (length(subject) <= 1000),
  body            text NOT NULL,
  -- What became of it: a comment or a new ticket, ignored (auto-reply, bounce, loop), or quarantined
  -- until the desk discards it or assigns it.
  status          text NOT NULL CHECK (status IN ('comment', 'ticket', 'ignored', 'quarantined', 'discarded', 'assigned')),
  reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 100),
  ticket_id       uuid REFERENCES tickets (id),
  tenant_id       uuid REFERENCES tenants (id),
  -- The whole message, kept while quarantined so that assigning it can still take its attachments.
  raw             bytea,
  decided_by      text,
  decided_at      timestamptz
);
CREATE INDEX inbound_mail_status ON inbound_mail (status, received_at DESC, id);
CREATE INDEX inbound_mail_tenant ON inbound_mail (tenant_id);

-- Received mail is the agency desk's to handle (the API serves it to the desk only). A mail gets a
-- tenant_id only once it is known to come from that municipality's person (a comment or ticket it
-- made, or a refused mail of theirs); the database then lets that municipality's scope read it, by the
-- rule of all its data, as the outbox does. Mail from strangers has none: the agency's alone.
ALTER TABLE inbound_mail ENABLE ROW LEVEL SECURITY;
ALTER TABLE inbound_mail FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON inbound_mail USING (kopa_can_see(tenant_id)) WITH CHECK (kopa_can_see(tenant_id));

GRANT SELECT, INSERT, UPDATE ON inbound_mail TO kopa_app;
