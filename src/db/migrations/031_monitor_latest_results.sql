-- Issue 11, ADR 0024: a monitor's state now is read from the newest results of each of its
-- locations kept as results arrive, not from a lookup into the raw results per monitor.
-- Each row holds exactly the 21 newest results by time of one (monitor, location) — enough for the
-- largest failures_to_confirm (20, monitors' CHECK) plus one — newest first, in three parallel arrays.
-- Probe ingestion merges what it newly stored into them in the same statement; retention trims
-- what it dropped (below).
CREATE TABLE monitor_latest_results (
  monitor_id  uuid NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
  location    text NOT NULL,
  ats         timestamptz[] NOT NULL,
  oks         boolean[] NOT NULL,
  latencies   integer[] NOT NULL,
  PRIMARY KEY (monitor_id, location),
  CHECK (cardinality(ats) BETWEEN 1 AND 21 AND cardinality(oks) = cardinality(ats) AND cardinality(latencies) = cardinality(ats))
);

-- Read and written like the raw results they summarise.
ALTER TABLE monitor_latest_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitor_latest_results FORCE ROW LEVEL SECURITY;
CREATE POLICY agency_only ON monitor_latest_results USING (kopa_is_agency());
GRANT SELECT, INSERT, UPDATE, DELETE ON monitor_latest_results TO kopa_app;

-- Derives every row from the raw results: the distinct (monitor, location) pairs by a skip scan of
-- the primary key, then each pair's 21 newest. Used here for an upgraded database; benchmarks that
-- write raw results with SQL call it too.
CREATE OR REPLACE FUNCTION kopa_rebuild_latest_results() RETURNS void
  LANGUAGE sql AS $$
  DELETE FROM monitor_latest_results;
  WITH RECURSIVE pairs AS (
    (SELECT monitor_id, location FROM probe_results ORDER BY monitor_id, location LIMIT 1)
    UNION ALL
    SELECT n.monitor_id, n.location FROM pairs p CROSS JOIN LATERAL (
      SELECT r.monitor_id, r.location FROM probe_results r WHERE (r.monitor_id, r.location) > (p.monitor_id, p.location)
      ORDER BY r.monitor_id, r.location LIMIT 1) n
  )
  INSERT INTO monitor_latest_results (monitor_id, location, ats, oks, latencies)
  SELECT p.monitor_id, p.location, l.ats, l.oks, l.latencies
  FROM pairs p JOIN monitors m ON m.id = p.monitor_id
  CROSS JOIN LATERAL (
    SELECT array_agg(at ORDER BY at DESC) AS ats, array_agg(ok ORDER BY at DESC) AS oks, array_agg(latency_ms ORDER BY at DESC) AS latencies
    FROM (SELECT at, ok, latency_ms FROM probe_results r WHERE r.monitor_id = p.monitor_id AND r.location = p.location ORDER BY at DESC LIMIT 21) newest
  ) l;
$$;
REVOKE ALL ON FUNCTION kopa_rebuild_latest_results() FROM PUBLIC;

-- Row-level security applies to the owner too (FORCE), so the backfill states the system role.
SELECT set_config('kopa.role', 'system', true);
SELECT kopa_rebuild_latest_results();
SELECT set_config('kopa.role', '', true);

-- Retention drops whole months of raw results before the month the cut-off day falls in; the kept
-- results of those months go with them, so the kept rows stay the newest of what is stored.
CREATE OR REPLACE FUNCTION kopa_drop_probe_partitions_before(cutoff date) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  part record;
  dropped integer := 0;
  -- Every partition ending on or before the cut-off goes: exactly the months before this instant.
  kept_from timestamptz := date_trunc('month', cutoff)::timestamp AT TIME ZONE 'UTC';
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
  DELETE FROM monitor_latest_results WHERE ats[1] < kept_from;
  UPDATE monitor_latest_results SET (ats, oks, latencies) = (
    SELECT array_agg(at ORDER BY at DESC), array_agg(ok ORDER BY at DESC), array_agg(latency_ms ORDER BY at DESC)
    FROM unnest(ats, oks, latencies) AS u(at, ok, latency_ms) WHERE at >= kept_from)
  WHERE ats[cardinality(ats)] < kept_from;
  RETURN dropped;
END $$;
REVOKE ALL ON FUNCTION kopa_drop_probe_partitions_before(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kopa_drop_probe_partitions_before(date) TO kopa_app;
