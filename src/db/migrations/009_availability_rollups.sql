-- Rolled-up availability: each monitor's confirmed state per location as time segments, so that
-- reports for closed periods read a few rows per day instead of every raw probe result. Raw
-- results can then be dropped after their retention while the segments stay for years.
CREATE TABLE monitor_segments (
  monitor_id  uuid NOT NULL REFERENCES monitors(id),
  location    text NOT NULL,
  start_at    timestamptz NOT NULL,
  end_at      timestamptz NOT NULL CHECK (end_at > start_at),
  state       text NOT NULL CHECK (state IN ('up', 'down', 'unknown')),
  PRIMARY KEY (monitor_id, location, start_at)
);

-- How far each monitor's segments are final. A result arriving behind this line (an agent
-- replaying its buffer) moves it back, and the rollup recomputes from there.
CREATE TABLE monitor_rollups (
  monitor_id  uuid NOT NULL REFERENCES monitors(id),
  location    text NOT NULL,
  rolled_to   timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (monitor_id, location)
);

ALTER TABLE monitor_segments ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_segments FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON monitor_segments USING (kopa_is_agency());
ALTER TABLE monitor_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON monitor_rollups USING (kopa_is_agency());

GRANT SELECT, INSERT, UPDATE, DELETE ON monitor_segments, monitor_rollups TO kopa_app;

-- Retention: drops whole monthly partitions of raw results that end before the given day.
CREATE OR REPLACE FUNCTION kopa_drop_probe_partitions_before(cutoff date) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  part record;
  dropped integer := 0;
BEGIN
  -- Never the recent past, whatever the caller asks: a week is the least any retention keeps.
  IF cutoff > current_date - 7 THEN
    RAISE EXCEPTION 'retention cutoff % is too recent', cutoff;
  END IF;
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
    WHERE p.relname = 'probe_results' AND c.relname ~ '^probe_results_[0-9]{4}_[0-9]{2}$'
  LOOP
    IF (to_date(substr(part.relname, 15), 'YYYY_MM') + interval '1 month')::date <= cutoff THEN
      EXECUTE format('DROP TABLE %I', part.relname);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  RETURN dropped;
END $$;
REVOKE ALL ON FUNCTION kopa_drop_probe_partitions_before(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kopa_drop_probe_partitions_before(date) TO kopa_app;
