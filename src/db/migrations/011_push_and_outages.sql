-- Push monitors: the monitored system calls a secret URL. Only the token's hash is kept.
CREATE TABLE monitor_push_tokens (
  monitor_id  uuid PRIMARY KEY REFERENCES monitors(id),
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL
);

-- Confirmed outages of critical monitors, as the outage watch saw them: one open row per monitor
-- at most, so that replicas notify and open tickets once.
CREATE TABLE monitor_outages (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  monitor_id    uuid NOT NULL REFERENCES monitors(id),
  started_at    timestamptz NOT NULL,
  confirmed_at  timestamptz NOT NULL,
  ended_at      timestamptz,
  ticket_ids    uuid[] NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX monitor_outages_one_open ON monitor_outages (monitor_id) WHERE ended_at IS NULL;
CREATE INDEX monitor_outages_time ON monitor_outages (started_at DESC);

ALTER TABLE monitor_push_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_push_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON monitor_push_tokens USING (kopa_is_agency());
ALTER TABLE monitor_outages ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_outages FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON monitor_outages USING (kopa_is_agency());

GRANT SELECT, INSERT, UPDATE, DELETE ON monitor_push_tokens TO kopa_app;
GRANT SELECT, INSERT, UPDATE ON monitor_outages TO kopa_app;
