import { sql } from 'kysely';
import type { KeptResults, KeptResultsRow } from '../../app/availability/rollup-ports.js';
import type { Tx } from '../../app/shared/transaction.js';
import { LATEST_RESULTS_KEPT } from '../../domain/monitoring/monitor.js';
import { trxOf } from '../tx.js';
import { laidOver, NOTHING_SEEN } from './written-since.js';

/**
 * `RollupStore.keptResults`: one statement, one snapshot — the first row its snapshot and how many
 * kept rows there are, then the kept rows written since `held`'s snapshot (migration 040), their
 * results as text: "1733400000000+,1733400060000-", epoch milliseconds and outcome, oldest first.
 * A row deleted since is the one thing not sent, so the count decides: if the rows laid over are
 * more than the table holds now, everything is read again.
 */
export async function keptResults(tx: Tx, held: KeptResults | null): Promise<{ kept: KeptResults; reusable: boolean; sent: number }> {
  const { rows } = await sql<{ snapshot: string | null; clean: boolean | null; count: number | null; monitor_id: string | null; location: string | null; full: boolean | null; results: string | null }>`
    SELECT (SELECT count(*)::int FROM monitor_latest_results) AS count, pg_current_snapshot()::text AS snapshot, pg_current_xact_id_if_assigned() IS NULL AS clean,
           NULL::text AS monitor_id, NULL::text AS location, NULL::boolean AS full, NULL::text AS results
    UNION ALL
    SELECT NULL, NULL, NULL, k.monitor_id::text, k.location, cardinality(k.ats) >= ${LATEST_RESULTS_KEPT},
           (SELECT string_agg(floor(extract(epoch FROM u.at) * 1000)::bigint || CASE WHEN u.ok THEN '+' ELSE '-' END, ',' ORDER BY u.at) FROM unnest(k.ats, k.oks) AS u(at, ok))
      FROM monitor_latest_results k WHERE kopa_written_since(k.xmin, ${held?.since ?? NOTHING_SEEN}::pg_snapshot)`.execute(trxOf(tx));
  const head = rows.find((r) => r.snapshot !== null)!;
  const changed = rows
    .filter((r) => r.snapshot === null)
    .map((r): KeptResultsRow => ({
      monitorId: r.monitor_id!,
      location: r.location!,
      complete: r.full === false,
      results: r.results === null ? [] : r.results.split(',').map((x) => ({ at: Number(x.slice(0, -1)), ok: x.endsWith('+') })),
    }));
  const kept = { since: head.snapshot!, rows: laidOver(held?.rows, changed, (r) => `${r.monitorId}|${r.location}`) };
  if (held && kept.rows.size !== head.count) return keptResults(tx, null);
  return { kept, reusable: head.clean === true, sent: changed.length };
}
