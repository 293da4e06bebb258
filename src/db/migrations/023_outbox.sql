-- The durable outbox (ADR 0020): every outgoing notice — an e-mail to one address, a signed webhook,
-- a Teams or Slack message — is a row written in the transaction of the change it reports, so it
-- exists exactly when that change committed. The job worker sends the due rows. One row per
-- recipient per event: the unique key makes recording idempotent however many replicas (or a retried
-- job) record the same event. A row being sent is `sending` until `next_attempt_at`, its claim's
-- expiry: a sender that died mid-way leaves it to be claimed again after that.
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  event_key       text NOT NULL CHECK (length(event_key) BETWEEN 1 AND 300),
  event           text NOT NULL CHECK (length(event) BETWEEN 1 AND 100),
  channel         text NOT NULL CHECK (channel IN ('email', 'webhook', 'teams', 'slack')),
  recipient       text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 2000),
  tenant_id       uuid REFERENCES tenants (id) ON DELETE CASCADE,
  subject         text CHECK (subject IS NULL OR length(subject) <= 1000),
  payload         jsonb NOT NULL,
  language        text NOT NULL DEFAULT 'lv' CHECK (language IN ('lv', 'en')),
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  UNIQUE (event_key, channel, recipient)
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX outbox_by_status ON outbox (status, id);
CREATE INDEX outbox_tenant ON outbox (tenant_id, id);

-- Recorded by whoever makes the change (a municipality's own transaction included); read and sent
-- by the agency. A municipality's rows are visible to it by the same rule as its other data, the
-- agency's own (no tenant) to the agency only.
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_visibility ON outbox USING (kopa_can_see(tenant_id)) WITH CHECK (kopa_can_see(tenant_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO kopa_app;
GRANT USAGE, SELECT ON SEQUENCE outbox_id_seq TO kopa_app;
