-- Issue 11, ADR 0022 "Reusing unchanged tails": each location's kept newest results (migration 031)
-- carry a version that every change to the row moves — probe ingestion's merge (new, late and
-- resent results alike), retention's trim, a rebuild, any hand edit — so a status computation can
-- ask only for the rows that changed since it last read them and reuse what it computed from the
-- rest. Values come from one sequence and are never given twice: equal version, equal row. A
-- trigger, not each writer, moves it, so no writer can forget to.
CREATE SEQUENCE monitor_latest_results_version;
GRANT USAGE ON SEQUENCE monitor_latest_results_version TO kopa_app;

ALTER TABLE monitor_latest_results ADD COLUMN version bigint NOT NULL DEFAULT nextval('monitor_latest_results_version');

CREATE OR REPLACE FUNCTION kopa_kept_results_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := nextval('monitor_latest_results_version');
  RETURN NEW;
END $$;

CREATE TRIGGER kept_results_version BEFORE INSERT OR UPDATE ON monitor_latest_results
  FOR EACH ROW EXECUTE FUNCTION kopa_kept_results_version();
