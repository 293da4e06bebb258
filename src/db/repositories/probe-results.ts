import { sql } from 'kysely';
import type { Store } from '../../app/ports.js';
import type { ProbeRow } from '../../app/monitoring/ports.js';
import type { Tx } from '../../app/shared/transaction.js';
import { LATEST_RESULTS_KEPT } from '../../domain/monitoring/monitor.js';
import { trxOf } from '../tx.js';

/**
 * Stores results of any number of monitors in one statement, duplicates skipped, and merges the
 * ones newly stored into each location's kept newest results (migration 031) in the same
 * statement. The merge runs in ON CONFLICT … DO UPDATE, which sees the row as last committed, so
 * two batches for one location at once both land (each merge waits for the other's row).
 */
async function insertAll(tx: Tx, rows: (ProbeRow & { monitorId: string })[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql<{ accepted: number }>`
    WITH stored AS (
      INSERT INTO probe_results (monitor_id, location, at, ok, latency_ms, error)
      SELECT r.monitor_id, r.location, r.at, r.ok, r.latency_ms, r.error
      FROM unnest(${sql.val(rows.map((r) => r.monitorId))}::uuid[], ${sql.val(rows.map((r) => r.location))}::text[],
                  ${sql.val(rows.map((r) => r.at.toISOString()))}::timestamptz[], ${sql.val(rows.map((r) => r.ok))}::boolean[],
                  ${sql.val(rows.map((r) => r.latencyMs))}::integer[], ${sql.val(rows.map((r) => r.error))}::text[])
        AS r(monitor_id, location, at, ok, latency_ms, error)
      ON CONFLICT DO NOTHING
      RETURNING monitor_id, location, at, ok, latency_ms
    ), newest AS (
      SELECT monitor_id, location, array_agg(at ORDER BY at DESC) AS ats, array_agg(ok ORDER BY at DESC) AS oks, array_agg(latency_ms ORDER BY at DESC) AS latencies
      FROM (SELECT s.*, row_number() OVER (PARTITION BY monitor_id, location ORDER BY at DESC) AS n FROM stored s) ranked
      WHERE n <= ${LATEST_RESULTS_KEPT}
      GROUP BY monitor_id, location
    ), kept AS (
      INSERT INTO monitor_latest_results AS cur (monitor_id, location, ats, oks, latencies)
      SELECT monitor_id, location, ats, oks, latencies FROM newest
      ON CONFLICT (monitor_id, location) DO UPDATE SET (ats, oks, latencies) = (
        SELECT array_agg(at ORDER BY at DESC), array_agg(ok ORDER BY at DESC), array_agg(latency_ms ORDER BY at DESC)
        FROM (SELECT * FROM unnest(cur.ats, cur.oks, cur.latencies) AS c(at, ok, latency_ms)
              UNION ALL
              SELECT * FROM unnest(excluded.ats, excluded.oks, excluded.latencies) AS e(at, ok, latency_ms)
              ORDER BY at DESC LIMIT ${LATEST_RESULTS_KEPT}) merged)
    )
    SELECT count(*)::integer AS accepted FROM stored`.execute(trxOf(tx));
  return Number(result.rows[0]?.accepted ?? 0);
}

export const probeResultRepository: Store['probeResults'] = {
  async ensurePartitions(tx, instants) {
    const months = new Set(instants.map((d) => d.toISOString().slice(0, 7)));
    for (const month of months) {
      await sql`SELECT kopa_ensure_probe_partition(${`${month}-01`}::date)`.execute(trxOf(tx));
    }
  },
  insert: (tx, monitorId, rows) => insertAll(tx, rows.map((r) => ({ ...r, monitorId }))),
  insertMany: (tx, batches) => insertAll(tx, batches.flatMap((b) => b.rows.map((r) => ({ ...r, monitorId: b.monitorId })))),
  async range(tx, monitorId, from, to) {
    return trxOf(tx)
      .selectFrom('probe_results')
      .select(['at', 'ok', 'location'])
      .where('monitor_id', '=', monitorId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at')
      .execute();
  },
  async latestKept(tx, monitorIds, perLocation) {
    if (monitorIds.length === 0) return [];
    // Times as epoch milliseconds: thousands of timestamps are cheaper sent as numbers than parsed.
    const rows = await sql<{ monitor_id: string; location: string; at_ms: number; ok: boolean; latency_ms: number | null }>`
      SELECT k.monitor_id, k.location, floor(extract(epoch FROM u.at) * 1000)::float8 AS at_ms, u.ok, u.latency_ms
      FROM monitor_latest_results k
      CROSS JOIN LATERAL unnest(k.ats[1:${perLocation}::integer], k.oks[1:${perLocation}::integer], k.latencies[1:${perLocation}::integer]) AS u(at, ok, latency_ms)
      WHERE k.monitor_id = ANY(${sql.val([...monitorIds])}::uuid[])
      ORDER BY k.monitor_id, k.location, u.at`.execute(trxOf(tx));
    return rows.rows.map((r) => ({ monitorId: r.monitor_id, location: r.location, atMs: Number(r.at_ms), ok: r.ok, latencyMs: r.latency_ms }));
  },
  async keptTips(tx, monitorIds, perLocation) {
    if (monitorIds.length === 0) return [];
    // One row per location, its newest results as two lists of text (epoch milliseconds, and t/f
    // as PostgreSQL writes booleans): a third of latestKept's rows, no latencies, and splitting text
    // is cheaper than parsing array values (measured by hand, not by a committed bench: ADR 0026).
    const rows = await sql<{ monitor_id: string; location: string; ats_ms: string | null; oks: string | null }>`
      SELECT k.monitor_id, k.location, array_to_string(k.oks[1:${perLocation}::integer], ',') AS oks,
        array_to_string(ARRAY(SELECT floor(extract(epoch FROM u.at) * 1000)::bigint FROM unnest(k.ats[1:${perLocation}::integer]) WITH ORDINALITY AS u(at, i) ORDER BY u.i), ',') AS ats_ms
      FROM monitor_latest_results k
      WHERE k.monitor_id = ANY(${sql.val([...monitorIds])}::uuid[])`.execute(trxOf(tx));
    const list = (text: string | null) => (text === null || text === '' ? [] : text.split(','));
    return rows.rows.map((r) => ({ monitorId: r.monitor_id, location: r.location, atsMs: list(r.ats_ms).map(Number), oks: list(r.oks).map((ok) => ok === 't') }));
  },
};
