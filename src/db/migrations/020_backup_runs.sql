-- Backups, scheduled or from `kopa backup --out`: kept in the database so every replica's /metrics
-- can tell the age of the last good one, whichever replica (or host) made it.
CREATE TABLE backup_runs (
  id          bigserial PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  ok          boolean NOT NULL,
  file        text,
  bytes       bigint,
  error       text
);
CREATE INDEX backup_runs_good ON backup_runs (finished_at) WHERE ok;

ALTER TABLE backup_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE backup_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY system_only ON backup_runs USING (kopa_role() = 'system');

GRANT SELECT, INSERT ON backup_runs TO kopa_app;
GRANT USAGE, SELECT ON SEQUENCE backup_runs_id_seq TO kopa_app;
