import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { publicStatus } from '../../src/app/monitoring/platform-status.js';
import type { KeptResults } from '../../src/app/availability/rollup-ports.js';
import type { StatusInputs } from '../../src/app/monitoring/status-day-ports.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { systemActor } from '../../src/domain/actor.js';
import { trxOf } from '../../src/db/tx.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

const operator = systemActor('test');
const MINUTE = 60_000;

/**
 * The status page reads the monitors, the rollup lines and the kept days in one statement that,
 * given what it answered before, sends only the rows written since (ADR 0022, "Reading only what
 * changed"; migration 040). Its answer must be exactly what reading every row gives — what
 * `listActiveForStatus`, `linesMany` and `statusDays.read` return, which `{ recompute: true }`
 * uses — whatever other processes insert, change or delete meanwhile, and whenever their
 * transactions commit.
 */
describe.each(BACKENDS)('status page inputs read since a snapshot on %s', (backend) => {
  let t: TestApp;
  let services: string[];
  const owner = (text: string, params?: unknown[]) => t.database.ownerQuery(text, params);
  const inputs = (held: StatusInputs | null, fromDay: string) => t.deps.store.run(SYSTEM, (tx) => t.deps.store.statusDays.inputs(tx, held, fromDay));

  /** Everything read afresh by the repository reads the recomputation uses, in one comparable shape. */
  async function direct(fromDay: string) {
    // Outside the transaction: on PGlite the owner's statements wait for the one session.
    const ids = ((await owner('SELECT id::text AS id FROM monitors')) as { id: string }[]).map((r) => r.id);
    const keys = (await owner('SELECT DISTINCT service_id::text AS "serviceId", audience FROM status_days')) as { serviceId: string; audience: string }[];
    return t.deps.store.run(SYSTEM, async (tx) => {
      const monitors = await t.deps.store.monitors.listActiveForStatus(tx);
      const lines = await t.deps.store.rollups.linesMany(tx, ids);
      const days = await t.deps.store.statusDays.read(tx, keys, fromDay, '9999-12-31');
      return {
        monitors: [...monitors].sort((a, b) => (a.id < b.id ? -1 : 1)),
        lines: [...lines].flatMap(([id, byLocation]) => [...byLocation].map(([location, l]) => ({ monitorId: id, location, rolledTo: l.rolledTo.getTime(), rewinds: l.rewinds }))).sort((a, b) => (`${a.monitorId}|${a.location}` < `${b.monitorId}|${b.location}` ? -1 : 1)),
        days: [...days].sort((a, b) => (`${a.serviceId}|${a.audience}|${a.day}` < `${b.serviceId}|${b.audience}|${b.day}` ? -1 : 1)),
      };
    });
  }
  const shape = (i: StatusInputs) => ({
    monitors: [...i.monitors.values()].filter((m) => m.active).map(({ active: _a, ...m }) => m).sort((a, b) => (a.id < b.id ? -1 : 1)),
    lines: [...i.lines.values()].sort((a, b) => (`${a.monitorId}|${a.location}` < `${b.monitorId}|${b.location}` ? -1 : 1)),
    days: [...i.days.values()].sort((a, b) => (`${a.serviceId}|${a.audience}|${a.day}` < `${b.serviceId}|${b.audience}|${b.day}` ? -1 : 1)),
  });

  const keptResults = (held: KeptResults | null) => t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.keptResults(tx, held));
  const keptShape = (k: KeptResults) => [...k.rows.values()].sort((a, b) => (`${a.monitorId}|${a.location}` < `${b.monitorId}|${b.location}` ? -1 : 1));
  /** The kept rows read by the owner, decoded here: complete below 21 results, times in epoch milliseconds. */
  const directKept = async () =>
    ((await owner(`SELECT monitor_id::text AS m, location AS l, (SELECT json_agg(json_build_array(floor(extract(epoch FROM u.at) * 1000), u.ok) ORDER BY u.at) FROM unnest(ats, oks) AS u(at, ok)) AS r FROM monitor_latest_results`)) as { m: string; l: string; r: [number | string, boolean][] | string }[])
      .map((row) => {
        const results = (typeof row.r === 'string' ? (JSON.parse(row.r) as [number, boolean][]) : row.r).map(([at, ok]) => ({ at: Number(at), ok }));
        return { monitorId: row.m, location: row.l, complete: results.length < 21, results };
      })
      .sort((a, b) => (`${a.monitorId}|${a.location}` < `${b.monitorId}|${b.location}` ? -1 : 1));

  const newMonitor = async (service: string, locations: string[]) =>
    ((await owner(`INSERT INTO monitors (service_id, name, type, interval_seconds, locations) VALUES ($1, 'm', 'http', 60, $2::text[]) RETURNING id::text AS id`, [service, `{${locations.join(',')}}`])) as { id: string }[])[0]!.id;

  beforeAll(async () => {
    t = await startTestApp(backend);
    services = ((await owner('SELECT id::text AS id FROM services ORDER BY code LIMIT 3')) as { id: string }[]).map((r) => r.id);
  });
  afterAll(() => t.close());

  it('equals reading every row, after any inserts, changes and deletes of monitors, lines, kept days and kept results', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('monitor' as const), service: fc.nat(2), two: fc.boolean() }),
      fc.record({ kind: fc.constant('change monitor' as const), pick: fc.nat(), field: fc.constantFrom('active', 'critical', 'locations', 'interval', 'confirm', 'service') }),
      fc.record({ kind: fc.constant('delete monitor' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('line' as const), pick: fc.nat(), location: fc.constantFrom('lvrtc', 'lnb'), minutes: fc.nat(5000), rewind: fc.boolean() }),
      fc.record({ kind: fc.constant('delete line' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('day' as const), service: fc.nat(2), audience: fc.constantFrom('shared', 'other'), day: fc.nat(6), up: fc.nat(86_400_000), settled: fc.boolean() }),
      fc.record({ kind: fc.constant('delete day' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('next day' as const) }),
      fc.record({ kind: fc.constant('kept' as const), pick: fc.nat(), location: fc.constantFrom('lvrtc', 'lnb'), count: fc.integer({ min: 1, max: 21 }), start: fc.nat(1000), failing: fc.nat(7) }),
      fc.record({ kind: fc.constant('delete kept' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { maxLength: 4 }), { minLength: 1, maxLength: 8 }), async (rounds) => {
        await owner('DELETE FROM status_days');
        await owner('DELETE FROM monitor_rollups');
        await owner('DELETE FROM monitor_latest_results');
        await owner('DELETE FROM monitors');
        let first = 3;
        const fromDay = () => `2026-12-0${first}`;
        let held = (await inputs(null, fromDay())).inputs;
        let kept = (await keptResults(null)).kept;
        for (const round of rounds) {
          for (const o of round) {
            const monitors = ((await owner('SELECT id::text AS id FROM monitors ORDER BY id')) as { id: string }[]).map((r) => r.id);
            const pick = (n: number) => monitors[n % Math.max(1, monitors.length)];
            if (o.kind === 'monitor') await newMonitor(services[o.service]!, o.two ? ['lvrtc', 'lnb'] : ['lvrtc']);
            else if (o.kind === 'change monitor' && pick(o.pick)) {
              const set = { active: 'active = NOT active', critical: 'critical = NOT critical', locations: `locations = CASE WHEN cardinality(locations) = 1 THEN '{lvrtc,lnb}'::text[] ELSE '{lnb}'::text[] END`, interval: 'interval_seconds = interval_seconds + 10', confirm: 'failures_to_confirm = failures_to_confirm % 5 + 1', service: `service_id = '${services[1]}'` }[o.field];
              await owner(`UPDATE monitors SET ${set} WHERE id = $1`, [pick(o.pick)]);
            } else if (o.kind === 'delete monitor' && pick(o.pick)) {
              await owner('DELETE FROM monitor_rollups WHERE monitor_id = $1', [pick(o.pick)]);
              await owner('DELETE FROM monitors WHERE id = $1', [pick(o.pick)]);
            } else if (o.kind === 'line' && pick(o.pick)) {
              await owner(
                `INSERT INTO monitor_rollups (monitor_id, location, rolled_to, rewinds) VALUES ($1, $2, $3::timestamptz, 0)
                 ON CONFLICT (monitor_id, location) DO UPDATE SET rolled_to = excluded.rolled_to, rewinds = monitor_rollups.rewinds + $4::int`,
                [pick(o.pick), o.location, new Date(Date.parse('2026-12-01T00:00:00Z') + o.minutes * MINUTE).toISOString(), o.rewind ? 1 : 0],
              );
            } else if (o.kind === 'delete line') {
              const lines = (await owner('SELECT monitor_id::text AS m, location AS l FROM monitor_rollups ORDER BY 1, 2')) as { m: string; l: string }[];
              const line = lines[o.pick % Math.max(1, lines.length)];
              if (line) await owner('DELETE FROM monitor_rollups WHERE monitor_id = $1 AND location = $2', [line.m, line.l]);
            } else if (o.kind === 'day') {
              const day = `2026-12-0${1 + o.day}`;
              const settled = o.settled ? `${day}T10:00:00Z` : null;
              await owner(
                `INSERT INTO status_days (service_id, audience, day, up_ms, down_ms, maintenance_ms, unknown_ms, last_state, last_start, fingerprint, computed_at, settled_to)
                 VALUES ($1, $2, $3::date, $4, 0, 0, 0, 'up', $5::timestamptz, $6, now(), $7::timestamptz)
                 ON CONFLICT (service_id, audience, day) DO UPDATE SET up_ms = excluded.up_ms, fingerprint = excluded.fingerprint, settled_to = excluded.settled_to`,
                [services[o.service], o.audience, day, o.up, `${day}T00:00:00.000Z`, `f${o.up}`, settled],
              );
            } else if (o.kind === 'delete day') {
              const days = (await owner(`SELECT service_id::text AS s, audience AS a, day::text AS d FROM status_days ORDER BY 1, 2, 3`)) as { s: string; a: string; d: string }[];
              const day = days[o.pick % Math.max(1, days.length)];
              if (day) await owner('DELETE FROM status_days WHERE service_id = $1 AND audience = $2 AND day = $3::date', [day.s, day.a, day.d]);
            } else if (o.kind === 'next day' && first < 7) first++;
            else if (o.kind === 'kept' && pick(o.pick)) {
              // As ingestion's merge leaves a row: the newest results, up to 21, every `failing`-th one failed.
              await owner(
                `INSERT INTO monitor_latest_results (monitor_id, location, ats, oks, latencies)
                 SELECT $1, $2, array_agg($3::timestamptz + i * interval '1 minute' ORDER BY i), array_agg(i % $5::int <> 0 ORDER BY i), array_agg(0 ORDER BY i)
                 FROM generate_series(1, $4::int) AS i
                 ON CONFLICT (monitor_id, location) DO UPDATE SET ats = excluded.ats, oks = excluded.oks, latencies = excluded.latencies`,
                [pick(o.pick), o.location, new Date(Date.parse('2026-12-01T00:00:00Z') + o.start * MINUTE).toISOString(), o.count, o.failing + 1],
              );
            } else if (o.kind === 'delete kept') {
              const rows = (await owner('SELECT monitor_id::text AS m, location AS l FROM monitor_latest_results ORDER BY 1, 2')) as { m: string; l: string }[];
              const row = rows[o.pick % Math.max(1, rows.length)];
              if (row) await owner('DELETE FROM monitor_latest_results WHERE monitor_id = $1 AND location = $2', [row.m, row.l]);
            }
          }
          held = (await inputs(held, fromDay())).inputs;
          expect(shape(held)).toEqual(await direct(fromDay()));
          expect(shape(held)).toEqual(shape((await inputs(null, fromDay())).inputs));
          kept = (await keptResults(kept)).kept;
          expect(keptShape(kept)).toEqual(await directKept());
          expect(keptShape(kept)).toEqual(keptShape((await keptResults(null)).kept));
        }
      }),
      { numRuns: 25 },
    );
  });

  it.runIf(backend === 'postgres')('sees a change committed after the snapshot it last read, though written (or begun) before it', async () => {
    await owner('DELETE FROM status_days');
    await owner('DELETE FROM monitor_rollups');
    await owner('DELETE FROM monitors');
    const a = await newMonitor(services[0]!, ['lvrtc']);
    const b = await newMonitor(services[0]!, ['lvrtc']);
    // The owner's pool has one connection: its transaction spans these calls. Both changes are
    // written before the snapshot read next, the second in a subtransaction (its own id, given
    // after its parent's), and committed only after it.
    await owner('BEGIN');
    await owner('UPDATE monitors SET critical = false WHERE id = $1', [a]);
    await owner('SAVEPOINT inner_change');
    await owner('UPDATE monitors SET interval_seconds = 120 WHERE id = $1', [b]);
    await owner('RELEASE SAVEPOINT inner_change');
    // A later transaction commits meanwhile, so the snapshot's xmax passes the subtransaction's id,
    // which the snapshot does not list as running (it lists top-level transactions only).
    const c = (await createMonitor(t.deps, operator, { serviceId: services[1]!, tenantId: null, name: 'c', type: 'http', target: 'https://c.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 1, critical: true, locations: ['lnb'], active: true })).id;
    let held = (await inputs(null, '2026-12-01')).inputs;
    expect(held.monitors.has(c)).toBe(true);
    expect(held.monitors.get(a)!.critical).toBe(true);
    expect(held.monitors.get(b)!.intervalSeconds).toBe(60);
    held = (await inputs(held, '2026-12-01')).inputs;
    await owner('COMMIT');
    held = (await inputs(held, '2026-12-01')).inputs;
    expect(held.monitors.get(a)!.critical).toBe(false);
    expect(held.monitors.get(b)!.intervalSeconds).toBe(120);
    expect(shape(held)).toEqual(await direct('2026-12-01'));
  });

  it('hands back nothing read by a transaction that had written first (its own uncommitted rows may roll back)', async () => {
    // Read after a write of its own, a copy holds rows no other transaction may ever see; kept and
    // laid over later, a rolled-back change would stay, as its row's older version is not "written since".
    const read = (write: boolean) =>
      t.deps.store.run(SYSTEM, async (tx) => {
        if (write) await sql`UPDATE services SET code = code`.execute(trxOf(tx));
        return { inputs: (await t.deps.store.statusDays.inputs(tx, null, '2026-12-01')).reusable, kept: (await t.deps.store.rollups.keptResults(tx, null)).reusable };
      });
    expect(await read(false)).toEqual({ inputs: true, kept: true });
    expect(await read(true)).toEqual({ inputs: false, kept: false });
  });

  it("a computation after another process changed a monitor or a line shows it, as the whole computation does", async () => {
    await owner('DELETE FROM status_days');
    await owner('DELETE FROM monitor_rollups');
    await owner('DELETE FROM monitors');
    const now = Date.parse('2026-12-04T10:00:00Z');
    const deps = { ...t.deps, clock: { now: () => new Date(now) } };
    const service = ((await owner(`SELECT id::text AS id FROM services WHERE code = 'DVS'`)) as { id: string }[])[0]!.id;
    const ids: string[] = [];
    for (const name of ['viens', 'divi']) {
      const m = await createMonitor(deps, operator, { serviceId: service, tenantId: null, name, type: 'http', target: `https://${name}.kopa.test/`, config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 1, critical: true, locations: ['lvrtc'], active: true });
      ids.push(m.id);
      const results = Array.from({ length: 30 }, (_, i) => ({ at: new Date(now - (30 - i) * MINUTE).toISOString(), ok: name === 'viens' || i < 20, location: 'lvrtc' }));
      await ingestProbeResults(deps, operator, m.id, results);
    }
    const dvs = async () => (await publicStatus(deps)).services.find((s) => s.id === service)!;
    const same = async (step: string) => {
      const page = await publicStatus(deps);
      expect(page, step).toEqual(await publicStatus(deps, { recompute: true }));
      return page.services.find((s) => s.id === service)!;
    };
    expect((await same('both monitors')).state).toBe('down');
    // Another process pauses the failing monitor: this one's next computation no longer counts it.
    await owner('UPDATE monitors SET active = false WHERE id = $1', [ids[1]]);
    expect(await same('one paused elsewhere')).toMatchObject({ state: 'up', monitors: 1 });
    // And rolls a line up past an hour ago (segments of it kept elsewhere): the answer follows.
    await owner(`INSERT INTO monitor_segments (monitor_id, location, start_at, end_at, state) VALUES ($1, 'lvrtc', $2::timestamptz, $3::timestamptz, 'down')`, [ids[0], new Date(now - 40 * MINUTE).toISOString(), new Date(now - 35 * MINUTE).toISOString()]);
    await owner(`INSERT INTO monitor_rollups (monitor_id, location, rolled_to) VALUES ($1, 'lvrtc', $2::timestamptz)`, [ids[0], new Date(now - 35 * MINUTE).toISOString()]);
    const rolled = await same('a line moved elsewhere');
    expect(rolled.days.at(-1)!.downSeconds).toBe(300);
    await owner('UPDATE monitors SET active = true WHERE id = $1', [ids[1]]);
    expect((await same('resumed elsewhere')).monitors).toBe(2);
    expect((await dvs()).state).toBe('down');
  });
});
