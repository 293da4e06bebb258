import { sql } from 'kysely';
import type { KeptResults, KeptResultsRow } from '../../app/availability/rollup-ports.js';
import type { Tx } from '../../app/shared/transaction.js';
import { LATEST_RESULTS_KEPT } from '../../domain/monitoring/monitor.js';
import { trxOf } from '../tx.js';
import { laidOver, NOTHING_SEEN } from './written-since.js';

/**
 * `RollupStore.keptResults`: one statement, one snapshot — the first row its snapshot and how many
 * kept rows there are, then the kept rows written since `held`'s snapshot (migration 040), their
 * times as PostgreSQL's own binary array (`array_send`: each an 8-byte count of microseconds since
 * 2000-01-01) and their outcomes as text. A row deleted since is the one thing not sent, so the
 * count decides: if the rows laid over are more than the table holds now, everything is read again.
 *
 * Binary, not text: turning each time into epoch milliseconds in SQL (`extract(epoch …)`, numeric)
 * cost the database ~30 µs a row — some 15 ms after each 15 s expiry, when ~500 rows have changed —
 * and `array_send` ~3 µs. `decodeKept` gives the same results the text did (ADR 0022, 2026-12-06,
 * evening).
 *
 * The bytes travel as hex text and are turned back by `Buffer.from` (native): as a bytea, PGlite's
 * driver decoded the hex one `parseInt` per byte in JavaScript (~136 KB after each expiry), and
 * node-postgres ran its own JavaScript decoder too (ADR 0022, "2026-12-06, night").
 */
export async function keptResults(tx: Tx, held: KeptResults | null): Promise<{ kept: KeptResults; reusable: boolean; sent: number }> {
  const { rows } = await sql<{ snapshot: string | null; clean: boolean | null; count: number | null; monitor_id: string | null; location: string | null; full: boolean | null; ats: string | null; oks: string | null }>`
    SELECT (SELECT count(*)::int FROM monitor_latest_results) AS count, pg_current_snapshot()::text AS snapshot, pg_current_xact_id_if_assigned() IS NULL AS clean,
           NULL::text AS monitor_id, NULL::text AS location, NULL::boolean AS full, NULL::text AS ats, NULL::text AS oks
    UNION ALL
    SELECT NULL, NULL, NULL, k.monitor_id::text, k.location, cardinality(k.ats) >= ${LATEST_RESULTS_KEPT}, encode(array_send(k.ats), 'hex'), k.oks::text
      FROM monitor_latest_results k WHERE kopa_written_since(k.xmin, ${held?.since ?? NOTHING_SEEN}::pg_snapshot)`.execute(trxOf(tx));
  const head = rows.find((r) => r.snapshot !== null)!;
  const changed = rows
    .filter((r) => r.snapshot === null)
    .map((r): KeptResultsRow => ({ monitorId: r.monitor_id!, location: r.location!, complete: r.full === false, results: decodeKept(r.ats === null ? null : Buffer.from(r.ats, 'hex'), r.oks) }));
  const kept = { since: head.snapshot!, rows: laidOver(held?.rows, changed, (r) => `${r.monitorId}|${r.location}`) };
  if (held && kept.rows.size !== head.count) return keptResults(tx, null);
  return { kept, reusable: head.clean === true, sent: changed.length };
}

/** Milliseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for timestamps. */
const POSTGRES_EPOCH_MS = 946_684_800_000;

/**
 * A kept row's results from `array_send(ats)` and `oks::text`, as the text form gave them:
 * `unnest(ats, oks)` in time order (microseconds, stably), each time floored to whole epoch
 * milliseconds, an outcome that is not true (false, NULL, or missing from a shorter array) a
 * failure, and a NULL time left out (`string_agg` skipped it). An infinite time made the text form
 * fail (infinity to bigint); it fails here too.
 */
export function decodeKept(ats: Uint8Array | null, oks: string | null): { at: number; ok: boolean }[] {
  if (ats === null) return [];
  const view = new DataView(ats.buffer, ats.byteOffset, ats.byteLength);
  const dimensions = view.getInt32(0);
  let count = dimensions === 0 ? 0 : 1;
  for (let d = 0; d < dimensions; d++) count *= view.getInt32(12 + 8 * d);
  // "{t,f,NULL}": the outcomes in the same (flattened) order; braces and commas only, booleans have no quoting.
  const outcomes = oks === null ? [] : oks.replace(/[{}]/g, '').split(',');
  const micros: { us: number; ok: boolean }[] = [];
  let at = 12 + 8 * dimensions;
  for (let i = 0; i < count; i++) {
    const length = view.getInt32(at);
    at += 4;
    if (length === -1) continue;
    const high = view.getInt32(at);
    const low = view.getUint32(at + 4);
    at += 8;
    // Exact while below 2^53 microseconds from 2000 (until ~2255 AD); ±infinity (the int64 extremes) and beyond fail.
    if (Math.abs(high) >= 2 ** 21) throw new Error(`kept result time out of range (${view.getBigInt64(at - 8)} µs since 2000)`);
    micros.push({ us: high * 2 ** 32 + low, ok: outcomes[i] === 't' });
  }
  let sorted = true;
  for (let i = 1; i < micros.length; i++) if (micros[i]!.us < micros[i - 1]!.us) sorted = false;
  if (!sorted) {
    // Kept newest first (migration 031): reversed, unless ties would then change places.
    let descending = true;
    for (let i = 1; i < micros.length; i++) if (micros[i]!.us >= micros[i - 1]!.us) descending = false;
    if (descending) micros.reverse();
    else micros.sort((a, b) => a.us - b.us);
  }
  // Floored to the millisecond (exact: integers below 2^53, and a multiple of 1,000 divides exactly).
  return micros.map(({ us, ok }) => ({ at: (us - (((us % 1000) + 1000) % 1000)) / 1000 + POSTGRES_EPOCH_MS, ok }));
}
