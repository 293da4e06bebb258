-- The status page's settled days, kept (ADR 0022, "Kept days"): per service, per audience (the
-- monitors that speak for it: 'shared' for the shared monitors, else the municipality whose own
-- instance it is) and per Riga date, the milliseconds the timeline spends in each state. Only days
-- that end before every concerned monitor's rollup line are kept; the page reads them instead of
-- ninety days of segments and recomputes only the unsettled tip.
CREATE TABLE status_days (
  service_id      uuid NOT NULL REFERENCES services(id),
  audience        text NOT NULL,
  day             date NOT NULL,
  up_ms           integer NOT NULL CHECK (up_ms >= 0),
  down_ms         integer NOT NULL CHECK (down_ms >= 0),
  maintenance_ms  integer NOT NULL CHECK (maintenance_ms >= 0),
  unknown_ms      integer NOT NULL CHECK (unknown_ms >= 0),
  -- The state at the day's end and where its run began within the day: "since" walks these back.
  last_state      text NOT NULL CHECK (last_state IN ('up', 'down', 'maintenance', 'unknown')),
  last_start      timestamptz NOT NULL,
  -- What the figures were computed from (the monitors, their locations and rewinds, the day's
  -- announced windows): a row whose inputs changed no longer matches and is recomputed on read.
  fingerprint     text NOT NULL,
  computed_at     timestamptz NOT NULL,
  PRIMARY KEY (service_id, audience, day)
);

-- Counts the times a late result moved the line back: kept days computed before it no longer match.
ALTER TABLE monitor_rollups ADD COLUMN rewinds integer NOT NULL DEFAULT 0;

ALTER TABLE status_days ENABLE ROW LEVEL SECURITY;
ALTER TABLE status_days FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON status_days USING (kopa_is_agency());
GRANT SELECT, INSERT, UPDATE, DELETE ON status_days TO kopa_app;
