-- Issue 11, ADR 0022 "2026-12-07: written since, by age": migration 040's test took a snapshot of
-- the whole server (`pg_current_snapshot()`, twice) and four text conversions for every row it
-- looked at: 10 ms of the status page's 40 on the embedded database, for ~8,000 rows of which a
-- handful pass. The same test by `age()`: the distance, in transactions, from a fixed point of the
-- current transaction (its own id, or the next one to be given, read once per transaction) back
-- to the row's writer, against the distance back to the snapshot's xmin. A row is written since
-- exactly when its writer is no farther back than that xmin: the comparison is the one migration
-- 040 made, taken from another fixed point. Both distances are 32-bit modulo arithmetic, exact
-- for transactions of the last two billion; the held snapshot is always far younger, and a row
-- older than that may come out either way, as before (at worst it is sent again; a row written
-- since is never that old). A row written by the current transaction is at distance 0, and one
-- committed after it began (read committed), below 0: both count as written since.
-- `age()` of a special id (a frozen or bootstrap row, or the snapshot that sees nothing, '1:1:')
-- is the largest integer: such rows never count, and that snapshot makes every row count.
CREATE OR REPLACE FUNCTION kopa_written_since(written_by xid, since pg_snapshot) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT age(written_by) <= age((pg_snapshot_xmin(since)::text::bigint & 4294967295)::text::xid)
$$;
