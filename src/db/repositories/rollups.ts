import { sql } from 'kysely';
import type { RollupStore } from '../../app/availability/rollup-ports.js';
import type { State } from '../../domain/availability/timeline.js';
import { LATEST_RESULTS_KEPT } from '../../domain/monitoring/monitor.js';
import { trxOf } from '../tx.js';
import { keptResults } from './kept-results.js';
import { dropLatencyHoursBefore, rollLatencyHours } from './latency-hours.js';

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

  async firstResultsAt(tx, pairs) {
    if (pairs.length === 0) return [];
    // One index probe per pair (monitor, location, at), all in one statement.
    const rows = await sql<{ i: string | number; at: Date | null }>`
      SELECT q.i, (SELECT p.at FROM probe_results p WHERE p.monitor_id = q.monitor_id AND p.location = q.location ORDER BY p.at LIMIT 1) AS at
      FROM unnest(${sql.val(pairs.map((p) => p.monitorId))}::uuid[], ${sql.val(pairs.map((p) => p.location))}::text[]) WITH ORDINALITY AS q(monitor_id, location, i)`.execute(trxOf(tx));
    const out = pairs.map((): Date | null => null);
    for (const r of rows.rows) out[Number(r.i) - 1] = r.at;
    return out;
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
    const out = pairs.map((): { atMs: number; ok: boolean }[] => []);
    if (pairs.length === 0) return out;
    // Each location's newest results are kept as they arrive (migration 031). They answer a pair
    // whenever they reach back past its margin before \`from\`, or hold every result stored — the
    // usual case while the rollup keeps up —, so the raw results are read only for the rest.
    const kept = await sql<{ i: string | number; full: boolean; results: string }>`
      SELECT q.i, cardinality(k.ats) >= ${LATEST_RESULTS_KEPT} AS full,
             (SELECT string_agg(floor(extract(epoch FROM u.at) * 1000)::bigint || CASE WHEN u.ok THEN '+' ELSE '-' END, ',' ORDER BY u.at)
                FROM unnest(k.ats, k.oks) AS u(at, ok)) AS results
      FROM unnest(${sql.val(pairs.map((p) => p.monitorId))}::uuid[], ${sql.val(pairs.map((p) => p.location))}::text[]) WITH ORDINALITY AS q(monitor_id, location, i)
      JOIN monitor_latest_results k ON k.monitor_id = q.monitor_id AND k.location = q.location`.execute(trxOf(tx));
    const answered = new Set<number>();
    for (const row of kept.rows) {
      const i = Number(row.i) - 1;
      const pair = pairs[i]!;
      // "1733400000000+,1733400060000-": epoch milliseconds and the outcome, oldest first.
      const results = row.results.split(',').map((r) => ({ atMs: Number(r.slice(0, -1)), ok: r.endsWith('+') }));
      const from = pair.from.getTime();
      const before = results.filter((r) => r.atMs < from);
      if (row.full && before.length < pair.margin) continue;
      const after = results.filter((r) => r.atMs >= to.getTime());
      out[i] = [...before.slice(Math.max(0, before.length - pair.margin)), ...results.filter((r) => r.atMs >= from && r.atMs < to.getTime()), ...after.slice(0, pair.margin)];
      answered.add(i);
    }
    const rest = pairs.map((pair, i) => ({ pair, i })).filter(({ i }) => !answered.has(i));
    if (rest.length === 0) return out;
    // One lateral read per remaining pair, each the three index range scans of resultsAround.
    const rows = await sql<{ i: string | number; at_ms: number; ok: boolean }>`
      SELECT q.i, floor(extract(epoch FROM r.at) * 1000)::float8 AS at_ms, r.ok
      FROM unnest(${sql.val(rest.map((r) => r.pair.monitorId))}::uuid[], ${sql.val(rest.map((r) => r.pair.location))}::text[],
                  ${sql.val(rest.map((r) => r.pair.from.toISOString()))}::timestamptz[], ${sql.val(rest.map((r) => r.pair.margin))}::int[])
             WITH ORDINALITY AS q(monitor_id, location, from_at, margin, i)
      CROSS JOIN LATERAL (
        (SELECT at, ok FROM probe_results p WHERE p.monitor_id = q.monitor_id AND p.location = q.location AND p.at < q.from_at ORDER BY p.at DESC LIMIT q.margin)
        UNION ALL
        (SELECT at, ok FROM probe_results p WHERE p.monitor_id = q.monitor_id AND p.location = q.location AND p.at >= q.from_at AND p.at < ${to})
        UNION ALL
        (SELECT at, ok FROM probe_results p WHERE p.monitor_id = q.monitor_id AND p.location = q.location AND p.at >= ${to} ORDER BY p.at LIMIT q.margin)
      ) r
      ORDER BY q.i, r.at`.execute(trxOf(tx));
    for (const r of rows.rows) out[rest[Number(r.i) - 1]!.i]!.push({ atMs: Number(r.at_ms), ok: r.ok });
    return out;
  },

  keptResults,

  async replaceFrom(tx, monitorId, location, from, to, segments, at) {
    await rollupRepository.replaceFromMany(tx, [{ monitorId, location, from, to, segments }], at);
  },

  async replaceFromMany(tx, lines, at) {
    if (lines.length === 0) return;
    const db = trxOf(tx);
    const ids = sql.val(lines.map((l) => l.monitorId));
    const locations = sql.val(lines.map((l) => l.location));
    const froms = sql.val(lines.map((l) => l.from.toISOString()));
    const input = sql`unnest(${ids}::uuid[], ${locations}::text[], ${froms}::timestamptz[]) AS q(monitor_id, location, from_at)`;
    await sql`DELETE FROM monitor_segments s USING ${input} WHERE s.monitor_id = q.monitor_id AND s.location = q.location AND s.start_at >= q.from_at`.execute(db);
    // A segment reaching over `from` is cut there: what follows is being rewritten.
    await sql`UPDATE monitor_segments s SET end_at = q.from_at FROM ${input}
              WHERE s.monitor_id = q.monitor_id AND s.location = q.location AND s.start_at < q.from_at AND s.end_at > q.from_at`.execute(db);
    // The segment ending at `from` (segments do not overlap: at most one) is extended when the first
    // new one has its state, rather than starting a new row with the same state: segments stay few.
    const leading = lines.map((l, i) => ({ l, i, first: l.segments[0] })).filter(({ l, first }) => first !== undefined && first.start === l.from.getTime());
    const extended = new Set<number>();
    if (leading.length > 0) {
      const { rows } = await sql<{ i: string | number }>`
        UPDATE monitor_segments s SET end_at = q.first_end
        FROM unnest(${sql.val(leading.map(({ l }) => l.monitorId))}::uuid[], ${sql.val(leading.map(({ l }) => l.location))}::text[],
                    ${sql.val(leading.map(({ l }) => l.from.toISOString()))}::timestamptz[], ${sql.val(leading.map(({ first }) => first!.state))}::text[],
                    ${sql.val(leading.map(({ first }) => new Date(first!.end).toISOString()))}::timestamptz[], ${sql.val(leading.map(({ i }) => i))}::int[])
             AS q(monitor_id, location, from_at, first_state, first_end, i)
        WHERE s.monitor_id = q.monitor_id AND s.location = q.location AND s.end_at = q.from_at AND s.state = q.first_state
        RETURNING q.i`.execute(db);
      for (const r of rows) extended.add(Number(r.i));
    }
    const rows = lines.flatMap((l, i) => (extended.has(i) ? l.segments.slice(1) : l.segments).map((s) => ({ l, s })));
    if (rows.length > 0) {
      await sql`
        INSERT INTO monitor_segments (monitor_id, location, start_at, end_at, state)
        SELECT * FROM unnest(${sql.val(rows.map(({ l }) => l.monitorId))}::uuid[], ${sql.val(rows.map(({ l }) => l.location))}::text[],
                             ${sql.val(rows.map(({ s }) => new Date(s.start).toISOString()))}::timestamptz[], ${sql.val(rows.map(({ s }) => new Date(s.end).toISOString()))}::timestamptz[],
                             ${sql.val(rows.map(({ s }) => s.state))}::text[])`.execute(db);
    }
    await sql`
      INSERT INTO monitor_rollups (monitor_id, location, rolled_to, updated_at)
      SELECT q.monitor_id, q.location, q.rolled_to, ${at}
      FROM unnest(${ids}::uuid[], ${locations}::text[], ${sql.val(lines.map((l) => l.to.toISOString()))}::timestamptz[]) AS q(monitor_id, location, rolled_to)
      ON CONFLICT (monitor_id, location) DO UPDATE SET rolled_to = excluded.rolled_to, updated_at = excluded.updated_at`.execute(db);
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
    for (const [id, byLocation] of await rollupRepository.linesMany(tx, monitorIds)) out.set(id, new Map([...byLocation].map(([location, line]) => [location, line.rolledTo])));
    return out;
  },

  async linesMany(tx, monitorIds) {
    const out = new Map<string, Map<string, { rolledTo: Date; rewinds: number }>>();
    if (monitorIds.length === 0) return out;
    // One array parameter, not an IN list of thousands: the statement stays the same size and is planned quickly.
    const rows = await sql<{ monitor_id: string; location: string; rolled_to: Date; rewinds: number }>`
      SELECT monitor_id, location, rolled_to, rewinds FROM monitor_rollups WHERE monitor_id = ANY(${sql.val(monitorIds)}::uuid[])`.execute(trxOf(tx));
    for (const r of rows.rows) out.set(r.monitor_id, (out.get(r.monitor_id) ?? new Map()).set(r.location, { rolledTo: r.rolled_to, rewinds: r.rewinds }));
    return out;
  },

  async segmentsMany(tx, pairs, from, to) {
    const out = new Map<string, { start: number; end: number; state: State }[]>();
    if (pairs.length === 0) return out;
    // A location's segments do not overlap (the rollup replaces from a point on), so of those that
    // start before \`from\` only the last can reach into the window. Two index range scans per pair
    // instead of every segment of the year filtered by its end.
    const rows = await sql<{ monitor_id: string; location: string; start_at: Date; end_at: Date; state: State }>`
      SELECT q.monitor_id, q.location, s.start_at, s.end_at, s.state
      FROM unnest(${sql.val(pairs.map((p) => p.monitorId))}::uuid[], ${sql.val(pairs.map((p) => p.location))}::text[]) AS q(monitor_id, location)
      CROSS JOIN LATERAL (
        (SELECT start_at, end_at, state FROM monitor_segments m WHERE m.monitor_id = q.monitor_id AND m.location = q.location AND m.start_at < ${from} ORDER BY m.start_at DESC LIMIT 1)
        UNION ALL
        (SELECT start_at, end_at, state FROM monitor_segments m WHERE m.monitor_id = q.monitor_id AND m.location = q.location AND m.start_at >= ${from} AND m.start_at < ${to})
      ) s
      WHERE s.end_at > ${from}
      ORDER BY q.monitor_id, q.location, s.start_at`.execute(trxOf(tx));
    for (const r of rows.rows) {
      const key = `${r.monitor_id}|${r.location}`;
      const list = out.get(key) ?? [];
      list.push({ start: r.start_at.getTime(), end: r.end_at.getTime(), state: r.state });
      out.set(key, list);
    }
    return out;
  },

  rollLatencyHours,
  dropLatencyHoursBefore,

  async dropRawBefore(tx, cutoffDate) {
    const result = await sql<{ dropped: number }>`SELECT kopa_drop_probe_partitions_before(${cutoffDate}::date) AS dropped`.execute(trxOf(tx));
    return Number(result.rows[0]?.dropped ?? 0);
  },
};
