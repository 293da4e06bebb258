-- Issue 11, ADR 0026: the monitors page's sparklines read each location's latency per UTC hour, kept
-- by the availability rollup as it settles results, instead of a day of raw results per monitor.
-- A row is every result of one (monitor, location) in [hour, hour + 1 h): how many, how many failed,
-- and of those that measured a latency (failed ones included) how many, their sum and their maximum,
-- so a bucket of any whole number of hours and locations has its exact mean and maximum.
CREATE TABLE monitor_latency_hours (
  monitor_id   uuid NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
  location     text NOT NULL,
  hour         timestamptz NOT NULL,
  checks       integer NOT NULL CHECK (checks > 0),
  failures     integer NOT NULL CHECK (failures BETWEEN 0 AND checks),
  measured     integer NOT NULL CHECK (measured BETWEEN 0 AND checks),
  latency_sum  bigint NOT NULL CHECK (latency_sum >= 0),
  latency_max  integer CHECK ((latency_max IS NULL) = (measured = 0)),
  PRIMARY KEY (monitor_id, location, hour)
);

-- The kept hours of a rollup line are [latency_from, the hour of rolled_to): null until the rollup
-- first completes an hour of it (an upgraded database's lines start empty and fill from then on).
-- Hours from the line's hour on are stale or missing; readers take those from the raw results.
ALTER TABLE monitor_rollups ADD COLUMN latency_from timestamptz;

-- Read and written like the raw results they summarise.
ALTER TABLE monitor_latency_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_latency_hours FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON monitor_latency_hours USING (kopa_is_agency());
GRANT SELECT, INSERT, UPDATE, DELETE ON monitor_latency_hours TO kopa_app;
