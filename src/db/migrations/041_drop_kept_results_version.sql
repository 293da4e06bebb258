-- Issue 11: migration 039's version of the kept newest results is unused. It served
-- `keptResultsChanged`, which the status page stopped calling when migration 040's
-- `kopa_written_since` took its place (the row's writing transaction, PostgreSQL's own record,
-- answers "changed since" without a column). The trigger still ran for every row ingestion's merge
-- wrote — a plpgsql call and a sequence step per kept row, about one per check — for no reader.
DROP TRIGGER kept_results_version ON monitor_latest_results;
DROP FUNCTION kopa_kept_results_version();
ALTER TABLE monitor_latest_results DROP COLUMN version;
DROP SEQUENCE monitor_latest_results_version;
