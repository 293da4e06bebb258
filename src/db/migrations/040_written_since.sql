-- Issue 11, ADR 0022 "Reading only what changed": the status page keeps, per process, the rows it
-- reads on every computation (the monitors, the rollup lines, the kept days) and asks the database
-- only for the rows written since the statement that read them. "Written since" rests on
-- PostgreSQL's own bookkeeping, not on a version of our making: every row version carries the
-- transaction that wrote it (`xmin`), and a transaction not yet finished when a snapshot was taken
-- has an id at or above that snapshot's xmin — its subtransactions' ids too, which are given after
-- their parent's. So every row written after a snapshot (committed after it, or running then:
-- sequence values commit out of order; this does not) passes this test. A few rows written just
-- before it pass too, and are merely sent again. No writer, trigger or column is involved, so none
-- can forget it.
--
-- `xmin` is the 32-bit transaction id; the snapshot's bounds are 64-bit. A row the statement can
-- see was written before the current snapshot's xmax, so its full id is that xmax less the distance
-- between their low 32 bits (exact for any transaction of the last two billion; a row older than
-- that comes out at or below the xmax and at worst is sent again, never missed).
-- Inlined into the caller's query (one SELECT without FROM, each argument used once).
CREATE FUNCTION kopa_written_since(written_by xid, since pg_snapshot) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint
           - ((pg_snapshot_xmax(pg_current_snapshot())::text::bigint - written_by::text::bigint) & 4294967295))::text::xid8
         >= pg_snapshot_xmin(since)
$$;
