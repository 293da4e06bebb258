import { sql } from 'kysely';
import type { Tx } from '../../app/shared/transaction.js';
import { trxOf } from '../tx.js';

/** UTC hours, counted from the epoch: the same hours in every session time zone. */
const HOUR_OF = (column: string) => sql.raw(`date_bin('1 hour', ${column}, timestamptz '1970-01-01 00:00:00+00')`);

/**
 * Each location's latency per UTC hour (migration 035), kept by the availability rollup: for each
 * line, every whole hour in [the hour of `from`, the hour of `to`) is computed again from the raw
 * results, the line's later hours are dropped (stale after a rewind) and the line's kept hours are
 * marked to begin no later than the first of them. A line must already exist in monitor_rollups.
 */
export async function rollLatencyHours(tx: Tx, lines: { monitorId: string; location: string; from: Date; to: Date }[]): Promise<void> {
  if (lines.length === 0) return;
  const db = trxOf(tx);
  const input = sql`unnest(${sql.val(lines.map((l) => l.monitorId))}::uuid[], ${sql.val(lines.map((l) => l.location))}::text[],
                           ${sql.val(lines.map((l) => l.from.toISOString()))}::timestamptz[], ${sql.val(lines.map((l) => l.to.toISOString()))}::timestamptz[])
                    AS q(monitor_id, location, from_at, to_at)`;
  await sql`
    DELETE FROM monitor_latency_hours h USING (SELECT monitor_id, location, ${HOUR_OF('from_at')} AS from_hour FROM ${input}) q
    WHERE h.monitor_id = q.monitor_id AND h.location = q.location AND h.hour >= q.from_hour`.execute(db);
  await sql`
    INSERT INTO monitor_latency_hours (monitor_id, location, hour, checks, failures, measured, latency_sum, latency_max)
    SELECT q.monitor_id, q.location, ${HOUR_OF('p.at')}, count(*), count(*) FILTER (WHERE NOT p.ok), count(p.latency_ms), coalesce(sum(p.latency_ms), 0), max(p.latency_ms)
    FROM (SELECT monitor_id, location, ${HOUR_OF('from_at')} AS from_hour, ${HOUR_OF('to_at')} AS to_hour FROM ${input}) q
    JOIN probe_results p ON p.monitor_id = q.monitor_id AND p.location = q.location AND p.at >= q.from_hour AND p.at < q.to_hour
    GROUP BY 1, 2, 3`.execute(db);
  await sql`
    UPDATE monitor_rollups r SET latency_from = least(coalesce(r.latency_from, q.from_hour), q.from_hour)
    FROM (SELECT monitor_id, location, ${HOUR_OF('from_at')} AS from_hour FROM ${input}) q
    WHERE r.monitor_id = q.monitor_id AND r.location = q.location`.execute(db);
}

/** Drops the kept hours before `cutoffDate`'s month, as retention drops the raw results' months. */
export async function dropLatencyHoursBefore(tx: Tx, cutoffDate: string): Promise<void> {
  const keptFrom = sql`(date_trunc('month', ${cutoffDate}::date)::timestamp AT TIME ZONE 'UTC')`;
  await sql`DELETE FROM monitor_latency_hours WHERE hour < ${keptFrom}`.execute(trxOf(tx));
  await sql`UPDATE monitor_rollups SET latency_from = ${keptFrom} WHERE latency_from < ${keptFrom}`.execute(trxOf(tx));
}

export interface LatencyBucketRow {
  monitorId: string;
  bucket: Date;
  avgLatencyMs: number | null;
  maxLatencyMs: number | null;
  checks: number;
  failures: number;
}

/**
 * Every result of the given monitors in [from, to) in buckets of whole hours from `from` (itself a
 * whole UTC hour): each location's kept hours where its rollup line covers them, its raw results
 * elsewhere — before the kept hours, from the line's hour on, and for a location without a line.
 * The locations are those with results kept (migration 031) or a line: every location that has any.
 */
export async function latencyHourSeries(tx: Tx, monitorIds: string[], from: Date, to: Date, bucketHours: number): Promise<LatencyBucketRow[]> {
  if (monitorIds.length === 0) return [];
  const rows = await sql<{ monitor_id: string; bucket: Date; checks: string; failures: string; measured: string; latency_sum: string; latency_max: number | null }>`
    WITH pairs AS (
      SELECT k.monitor_id, k.location FROM monitor_latest_results k WHERE k.monitor_id = ANY(${sql.val(monitorIds)}::uuid[])
      UNION
      SELECT r.monitor_id, r.location FROM monitor_rollups r WHERE r.monitor_id = ANY(${sql.val(monitorIds)}::uuid[])
    ), lines AS (
      -- [kept_from, kept_to): the hours read from monitor_latency_hours; empty for a line without any.
      SELECT p.monitor_id, p.location, c.kept_from, greatest(c.kept_from, least(${HOUR_OF('r.rolled_to')}, date_bin('1 hour', ${to}::timestamptz, timestamptz '1970-01-01 00:00:00+00'))) AS kept_to
      FROM pairs p
      LEFT JOIN monitor_rollups r ON r.monitor_id = p.monitor_id AND r.location = p.location
      CROSS JOIN LATERAL (SELECT least(greatest(${from}::timestamptz, coalesce(r.latency_from, ${to}::timestamptz)), ${to}::timestamptz) AS kept_from) c
    ), parts AS (
      SELECT h.monitor_id, h.hour AS at, h.checks, h.failures, h.measured, h.latency_sum, h.latency_max
      FROM lines l JOIN monitor_latency_hours h ON h.monitor_id = l.monitor_id AND h.location = l.location AND h.hour >= l.kept_from AND h.hour < l.kept_to
      UNION ALL
      SELECT r.monitor_id, r.at, 1, (NOT r.ok)::int, (r.latency_ms IS NOT NULL)::int, coalesce(r.latency_ms, 0), r.latency_ms
      FROM lines l CROSS JOIN LATERAL (
        (SELECT monitor_id, at, ok, latency_ms FROM probe_results p WHERE p.monitor_id = l.monitor_id AND p.location = l.location AND p.at >= ${from} AND p.at < l.kept_from)
        UNION ALL
        (SELECT monitor_id, at, ok, latency_ms FROM probe_results p WHERE p.monitor_id = l.monitor_id AND p.location = l.location AND p.at >= l.kept_to AND p.at < ${to})
      ) r
    )
    SELECT monitor_id, date_bin(make_interval(hours => ${bucketHours}), at, ${from}::timestamptz) AS bucket,
           sum(checks)::text AS checks, sum(failures)::text AS failures, sum(measured)::text AS measured, sum(latency_sum)::text AS latency_sum, max(latency_max) AS latency_max
    FROM parts GROUP BY 1, 2 ORDER BY 1, 2`.execute(trxOf(tx));
  return rows.rows.map((r) => {
    const measured = Number(r.measured);
    // The mean of the results that measured a latency, to the nearest millisecond (halves up).
    return { monitorId: r.monitor_id, bucket: r.bucket, avgLatencyMs: measured === 0 ? null : Math.round(Number(r.latency_sum) / measured), maxLatencyMs: r.latency_max, checks: Number(r.checks), failures: Number(r.failures) };
  });
}
