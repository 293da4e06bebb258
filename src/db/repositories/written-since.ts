/**
 * Reading again only the rows written since a snapshot (migration 040, ADR 0022 "Reading only what
 * changed"): the pieces every such read shares.
 */

/** A snapshot that sees no transaction: every row was written since it. */
export const NOTHING_SEEN = '1:1:';

/**
 * `held` with `changed` laid over it by key, and only the rows `keep` accepts: a new map, `held`
 * itself is never changed (another computation may be using it). Unchanged, `held` is returned.
 */
export function laidOver<Row>(held: ReadonlyMap<string, Row> | undefined, changed: Row[], keyOf: (row: Row) => string, keep?: (row: Row) => boolean): ReadonlyMap<string, Row> {
  if (held && changed.length === 0 && !keep) return held;
  const out = new Map(held);
  for (const row of changed) out.set(keyOf(row), row);
  if (keep) for (const [key, row] of out) if (!keep(row)) out.delete(key);
  return out;
}
