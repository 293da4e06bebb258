import { sql, type Selectable } from 'kysely';
import type { OutageRecord, WatchStore } from '../../app/monitoring/watch-ports.js';
import type { MonitorOutagesTable } from '../watch-schema.js';
import { trxOf } from '../tx.js';
import { latencyHourSeries } from './latency-hours.js';

const toOutage = (r: Selectable<MonitorOutagesTable>): OutageRecord => ({
  id: r.id,
  monitorId: r.monitor_id,
  startedAt: r.started_at.toISOString(),
  confirmedAt: r.confirmed_at.toISOString(),
  endedAt: r.ended_at?.toISOString() ?? null,
  ticketIds: r.ticket_ids,
});

export const watchRepository: WatchStore = {
  async setPushToken(tx, monitorId, tokenHash, createdBy, at) {
    await trxOf(tx)
      .insertInto('monitor_push_tokens')
      .values({ monitor_id: monitorId, token_hash: tokenHash, created_by: createdBy, created_at: at })
      .onConflict((oc) => oc.column('monitor_id').doUpdateSet({ token_hash: tokenHash, created_by: createdBy, created_at: at }))
      .execute();
  },
  async monitorForPushToken(tx, tokenHash) {
    const row = await trxOf(tx).selectFrom('monitor_push_tokens').select('monitor_id').where('token_hash', '=', tokenHash).executeTakeFirst();
    return row?.monitor_id ?? null;
  },
  async latestResults(tx, monitorId, perLocation) {
    const rows = await sql<{ location: string; at: Date; ok: boolean }>`
      SELECT l.location, r.at, r.ok
      FROM monitors m CROSS JOIN LATERAL unnest(m.locations) AS l(location)
      CROSS JOIN LATERAL (
        SELECT at, ok FROM probe_results p WHERE p.monitor_id = m.id AND p.location = l.location ORDER BY at DESC LIMIT ${perLocation}
      ) r
      WHERE m.id = ${monitorId}
      ORDER BY l.location, r.at`.execute(trxOf(tx));
    return rows.rows;
  },
  async latencySeries(tx, monitorIds, from, to, bucketMinutes) {
    if (monitorIds.length === 0) return [];
    const rows = await sql<{ monitor_id: string; bucket: Date; avg_latency: string | null; max_latency: number | null; checks: string; failures: string }>`
      SELECT monitor_id, date_bin(make_interval(mins => ${bucketMinutes}), at, ${from}::timestamptz) AS bucket,
             avg(latency_ms)::text AS avg_latency, max(latency_ms) AS max_latency, count(*)::text AS checks, count(*) FILTER (WHERE NOT ok)::text AS failures
      FROM probe_results WHERE monitor_id = ANY(${sql.val(monitorIds)}::uuid[]) AND at >= ${from} AND at < ${to}
      GROUP BY 1, 2 ORDER BY 1, 2`.execute(trxOf(tx));
    return rows.rows.map((r) => ({ monitorId: r.monitor_id, bucket: r.bucket, avgLatencyMs: r.avg_latency === null ? null : Math.round(Number(r.avg_latency)), maxLatencyMs: r.max_latency, checks: Number(r.checks), failures: Number(r.failures) }));
  },
  latencyHourSeries,
  async latencyBuckets(tx, monitorId, starts, to) {
    if (starts.length === 0) return [];
    // width_bucket against the bucket starts: any bucket length (Riga days of 23 or 25 hours) in one
    // pass; the range on `at` prunes the monthly partitions and is an index condition of the primary key.
    const rows = await sql<{ i: number; p50: number | null; avg_latency: string | null; max_latency: number | null; checks: string; failures: string }>`
      SELECT width_bucket(at, ${sql.val(starts.map((s) => s.toISOString()))}::timestamptz[]) AS i,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS p50, avg(latency_ms)::text AS avg_latency, max(latency_ms) AS max_latency,
             count(*)::text AS checks, count(*) FILTER (WHERE NOT ok)::text AS failures
      FROM probe_results WHERE monitor_id = ${monitorId}::uuid AND at >= ${starts[0]!} AND at < ${to}
      GROUP BY 1 ORDER BY 1`.execute(trxOf(tx));
    const whole = (x: number | string | null) => (x === null ? null : Math.round(Number(x)));
    return rows.rows.map((r) => ({ index: Number(r.i) - 1, p50LatencyMs: whole(r.p50), avgLatencyMs: whole(r.avg_latency), maxLatencyMs: r.max_latency, checks: Number(r.checks), failures: Number(r.failures) }));
  },
  async openOutagesMany(tx, monitorIds) {
    if (monitorIds.length === 0) return new Map();
    const rows = await trxOf(tx).selectFrom('monitor_outages').selectAll().where(sql<boolean>`monitor_id = ANY(${sql.val([...monitorIds])}::uuid[])`).where('ended_at', 'is', null).execute();
    return new Map(rows.map((r) => [r.monitor_id, toOutage(r)]));
  },
  async startOutage(tx, monitorId, startedAt, confirmedAt) {
    const row = await sql<Selectable<MonitorOutagesTable>>`
      INSERT INTO monitor_outages (monitor_id, started_at, confirmed_at) VALUES (${monitorId}, ${startedAt}, ${confirmedAt})
      ON CONFLICT (monitor_id) WHERE ended_at IS NULL DO NOTHING
      RETURNING *`.execute(trxOf(tx));
    return row.rows[0] ? toOutage(row.rows[0]) : null;
  },
  async endOutage(tx, outageId, endedAt) {
    const result = await trxOf(tx).updateTable('monitor_outages').set({ ended_at: endedAt }).where('id', '=', outageId).where('ended_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
  async setOutageTickets(tx, outageId, ticketIds) {
    await trxOf(tx).updateTable('monitor_outages').set({ ticket_ids: ticketIds }).where('id', '=', outageId).execute();
  },
  async recentOutages(tx, since) {
    const rows = await trxOf(tx)
      .selectFrom('monitor_outages')
      .selectAll()
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>=', since)]))
      .orderBy('started_at', 'desc')
      .execute();
    return rows.map(toOutage);
  },
};
