import { sql } from 'kysely';
import type { RollupStore } from '../../app/availability/rollup-ports.js';
import type { State } from '../../domain/availability/timeline.js';
import { trxOf } from '../tx.js';

export const rollupRepository: RollupStore = {
  async cursors(tx) {
    const rows = await sql<{ monitor_id: string; location: string; rolled_to: Date | null; interval_seconds: number; failures_to_confirm: number }>`
      SELECT m.id AS monitor_id, l.location, r.rolled_to, m.interval_seconds, m.failures_to_confirm
      FROM monitors m CROSS JOIN LATERAL unnest(m.locations) AS l(location)
      LEFT JOIN monitor_rollups r ON r.monitor_id = m.id AND r.location = l.location
      ORDER BY m.id, l.location`.execute(trxOf(tx));
    return rows.rows.map((r) => ({ monitorId: r.monitor_id, location: r.location, rolledTo: r.rolled_to, intervalSeconds: r.interval_seconds, failuresToConfirm: r.failures_to_confirm }));
  },

  async firstResultAt(tx, monitorId, location, from) {
    let query = trxOf(tx).selectFrom('probe_results').select('at').where('monitor_id', '=', monitorId).where('location', '=', location);
    if (from) query = query.where('at', '>=', from);
    const row = await query.orderBy('at').limit(1).executeTakeFirst();
    return row?.at ?? null;
  },

  async resultsAround(tx, monitorId, location, from, to, margin) {
    const rows = await sql<{ at: Date; ok: boolean }>`
      (SELECT at, ok FROM probe_results WHERE monitor_id = ${monitorId} AND location = ${location} AND at < ${from} ORDER BY at DESC LIMIT ${margin})
      UNION ALL
      (SELECT at, ok FROM probe_results WHERE monitor_id = ${monitorId} AND location = ${location} AND at >= ${from} AND at < ${to})
      UNION ALL
      (SELECT at, ok FROM probe_results WHERE monitor_id = ${monitorId} AND location = ${location} AND at >= ${to} ORDER BY at LIMIT ${margin})
      ORDER BY at`.execute(trxOf(tx));
    return rows.rows;
  },

  async resultsAroundMany(tx, pairs, to) {
    const out = pairs.map((): { at: Date; ok: boolean }[] => []);
    if (pairs.length === 0) return out;
    // One lateral read per pair, each the three index range scans of resultsAround.
    const rows = await sql<{ i: string | number; at: Date; ok: boolean }>`
      SELECT q.i, r.at, r.ok
      FROM unnest(${sql.val(pairs.map((p) => p.monitorId))}::uuid[], ${sql.val(pairs.map((p) => p.location))}::text[],
                  ${sql.val(pairs.map((p) => p.from.toISOString()))}::timestamptz[], ${sql.val(pairs.map((p) => p.margin))}::int[])
             WITH ORDINALITY AS q(monitor_id, location, from_at, margin, i)
      CROSS JOIN LATERAL (
        (SELECT at, ok FROM probe_results p WHERE p.monitor_id = q.monitor_id AND p.location = q.location AND p.at < q.from_at ORDER BY p.at DESC LIMIT q.margin)
        UNION ALL
        (SELECT at, ok FROM probe_results p WHERE p.monitor_id = q.monitor_id AND p.location = q.location AND p.at >= q.from_at AND p.at < ${to})
        UNION ALL
        (SELECT at, ok FROM probe_results p WHERE p.monitor_id = q.monitor_id AND p.location = q.location AND p.at >= ${to} ORDER BY p.at LIMIT q.margin)
      ) r
      ORDER BY q.i, r.at`.execute(trxOf(tx));
    for (const r of rows.rows) out[Number(r.i) - 1]!.push({ at: r.at, ok: r.ok });
    return out;
  },

  async replaceFrom(tx, monitorId, location, from, to, segments, at) {
    const db = trxOf(tx);
    await db.deleteFrom('monitor_segments').where('monitor_id', '=', monitorId).where('location', '=', location).where('start_at', '>=', from).execute();
    // A segment reaching over `from` is cut there: what follows is being rewritten.
    await db.updateTable('monitor_segments').set({ end_at: from }).where('monitor_id', '=', monitorId).where('location', '=', location).where('start_at', '<', from).where('end_at', '>', from).execute();
    const rows = [...segments];
    const last = await db.selectFrom('monitor_segments').select(['start_at', 'state']).where('monitor_id', '=', monitorId).where('location', '=', location).where('end_at', '=', from).executeTakeFirst();
    // Extend the previous segment rather than start a new row with the same state: segments stay few.
    if (last && rows[0] && rows[0].state === last.state && rows[0].start === from.getTime()) {
      await db.updateTable('monitor_segments').set({ end_at: new Date(rows[0].end) }).where('monitor_id', '=', monitorId).where('location', '=', location).where('start_at', '=', last.start_at).execute();
      rows.shift();
    }
    if (rows.length > 0) {
      await db
        .insertInto('monitor_segments')
        .values(rows.map((s) => ({ monitor_id: monitorId, location, start_at: new Date(s.start), end_at: new Date(s.end), state: s.state })))
        .execute();
    }
    await db
      .insertInto('monitor_rollups')
      .values({ monitor_id: monitorId, location, rolled_to: to, updated_at: at })
      .onConflict((oc) => oc.columns(['monitor_id', 'location']).doUpdateSet({ rolled_to: to, updated_at: at }))
      .execute();
  },

  async rewind(tx, monitorId, location, to, at) {
    await trxOf(tx)
      .updateTable('monitor_rollups')
      .set((eb) => ({ rolled_to: to, updated_at: at, rewinds: eb('rewinds', '+', 1) }))
      .where('monitor_id', '=', monitorId).where('location', '=', location).where('rolled_to', '>', to).execute();
  },

  async rolledTo(tx, monitorId) {
    const rows = await trxOf(tx).selectFrom('monitor_rollups').select(['location', 'rolled_to']).where('monitor_id', '=', monitorId).execute();
    return new Map(rows.map((r) => [r.location, r.rolled_to]));
  },

  async rolledToMany(tx, monitorIds) {
    const out = new Map<string, Map<string, Date>>();
    if (monitorIds.length === 0) return out;
    const rows = await trxOf(tx).selectFrom('monitor_rollups').select(['monitor_id', 'location', 'rolled_to']).where('monitor_id', 'in', monitorIds).execute();
    for (const r of rows) out.set(r.monitor_id, (out.get(r.monitor_id) ?? new Map<string, Date>()).set(r.location, r.rolled_to));
    return out;
  },

  async linesMany(tx, monitorIds) {
    const out = new Map<string, Map<string, { rolledTo: Date; rewinds: number }>>();
    if (monitorIds.length === 0) return out;
    const rows = await trxOf(tx).selectFrom('monitor_rollups').select(['monitor_id', 'location', 'rolled_to', 'rewinds']).where('monitor_id', 'in', monitorIds).execute();
    for (const r of rows) out.set(r.monitor_id, (out.get(r.monitor_id) ?? new Map()).set(r.location, { rolledTo: r.rolled_to, rewinds: r.rewinds }));
    return out;
  },

  async segmentsMany(tx, monitorIds, from, to) {
    const out = new Map<string, { start: number; end: number; state: State }[]>();
    if (monitorIds.length === 0) return out;
    const rows = await trxOf(tx)
      .selectFrom('monitor_segments')
      .select(['monitor_id', 'location', 'start_at', 'end_at', 'state'])
      .where('monitor_id', 'in', monitorIds)
      .where('start_at', '<', to)
      .where('end_at', '>', from)
      .orderBy('monitor_id')
      .orderBy('location')
      .orderBy('start_at')
      .execute();
    for (const r of rows) {
      const key = `${r.monitor_id}|${r.location}`;
      const list = out.get(key) ?? [];
      list.push({ start: r.start_at.getTime(), end: r.end_at.getTime(), state: r.state as State });
      out.set(key, list);
    }
    return out;
  },

  async dropRawBefore(tx, cutoffDate) {
    const result = await sql<{ dropped: number }>`SELECT kopa_drop_probe_partitions_before(${cutoffDate}::date) AS dropped`.execute(trxOf(tx));
    return Number(result.rows[0]?.dropped ?? 0);
  },
};
