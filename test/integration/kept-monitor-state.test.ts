import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestProbeBatch } from '../../src/app/monitoring/ingest-probe-batch.js';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { browseMonitors, DISPLAY_STATES, displayState, monitorCounts } from '../../src/app/monitoring/browse-monitors.js';
import { healthOf, statesOf, type MonitorHealth } from '../../src/app/monitoring/monitor-health.js';
import { keptTailsOf } from '../../src/app/monitoring/kept-tails.js';
import { issuePushToken, receiveBeat, recordMissedBeats } from '../../src/app/monitoring/push-monitors.js';
import { updateMonitor } from '../../src/app/monitoring/update-monitor.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import type { KeptResults } from '../../src/app/availability/rollup-ports.js';
import { openDatabase } from '../../src/db/connect.js';
import { loadMigrations, migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { systemActor } from '../../src/domain/actor.js';
import { currentState, unknownReason } from '../../src/domain/availability/current-state.js';
import { LATEST_RESULTS_KEPT, type Monitor } from '../../src/domain/monitoring/monitor.js';
import { BACKENDS, createEmptyPostgresDatabase, type BackendName } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

const MINUTE = 60_000;
const operator = systemActor('test');
const LOCATIONS = ['a', 'b', 'c'];

interface Raw {
  monitorId: string;
  location: string;
  at: Date;
  ok: boolean;
  latencyMs: number | null;
}

/**
 * What a monitor's state now is by definition: the pure rules applied to the newest
 * (the strictest monitor's failuresToConfirm + 1) raw results of each of its locations, as stored
 * in probe_results — never from the kept rows under test.
 */
function expectedHealth(monitors: readonly Monitor[], raw: readonly Raw[], now: number): MonitorHealth[] {
  const perLocation = Math.max(...monitors.map((m) => m.failuresToConfirm), 1) + 1;
  return monitors.map((m) => {
    const mine = m.locations
      .slice()
      .sort()
      .flatMap((location) => raw.filter((r) => r.monitorId === m.id && r.location === location).sort((x, y) => y.at.getTime() - x.at.getTime()).slice(0, perLocation).reverse());
    // The newest result; of several at the same instant, the first location's.
    const last = mine.reduce<Raw | null>((a, r) => (a === null || r.at > a.at ? r : a), null);
    const results = mine.map((r) => ({ location: r.location, at: r.at.getTime(), ok: r.ok }));
    const state = currentState(m, results, now);
    const reason = unknownReason(m, results, now);
    return {
      monitorId: m.id,
      state: m.active ? state.state : 'unknown',
      since: mine.length > 0 ? new Date(state.since).toISOString() : null,
      lastCheckAt: last?.at.toISOString() ?? null,
      lastLatencyMs: last?.latencyMs ?? null,
      unknownReason:
        reason === null
          ? null
          : reason.code === 'no_results'
            ? { code: 'no_results', params: { locations: reason.locations, lastResultAt: reason.lastResultAt === null ? null : new Date(reason.lastResultAt).toISOString() } }
            : { code: reason.code, params: {} as Record<string, never> },
    };
  });
}

async function rawResults(query: (text: string, params?: unknown[]) => Promise<unknown[]>, monitorIds: string[]): Promise<Raw[]> {
  const rows = (await query(`SELECT monitor_id::text AS monitor_id, location, at, ok, latency_ms FROM probe_results WHERE monitor_id::text IN (${monitorIds.map((id) => `'${id}'`).join(', ')})`)) as {
    monitor_id: string;
    location: string;
    at: Date | string;
    ok: boolean;
    latency_ms: number | null;
  }[];
  return rows.map((r) => ({ monitorId: r.monitor_id, location: r.location, at: new Date(r.at), ok: r.ok, latencyMs: r.latency_ms }));
}

const monitorPlan = fc.record({
  failuresToConfirm: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(20)),
  locations: fc.subarray(LOCATIONS, { minLength: 1 }),
  active: fc.boolean(),
});
/** A result by its place: which monitor and location (taken modulo), minutes and seconds before now. */
const resultPlan = fc.record({ monitor: fc.nat(), location: fc.nat(), minutesAgo: fc.integer({ min: 0, max: 40 }), second: fc.constantFrom(0, 0, 0, 30), ok: fc.boolean(), latency: fc.option(fc.integer({ min: 0, max: 999 })) });
/** Tails asked for after the batches: (monitor, location) pairs with a line and a margin, and one end for all. */
const tailPlan = fc.record({
  pairs: fc.array(fc.record({ monitor: fc.nat(), location: fc.nat(), fromMinutesAgo: fc.integer({ min: -2, max: 45 }), margin: fc.integer({ min: 1, max: 21 }) }), { minLength: 1, maxLength: 6 }),
  toMinutesAgo: fc.integer({ min: -1, max: 10 }),
});

/** `resultsAround` by its definition, over the raw results: `margin` before `from`, all of [from, to), `margin` from `to` on. */
function expectedAround(raw: readonly Raw[], pair: { monitorId: string; location: string; from: Date; margin: number }, to: Date): { atMs: number; ok: boolean }[] {
  const mine = raw.filter((r) => r.monitorId === pair.monitorId && r.location === pair.location).map((r) => ({ atMs: r.at.getTime(), ok: r.ok })).sort((a, b) => a.atMs - b.atMs);
  const before = mine.filter((r) => r.atMs < pair.from.getTime());
  return [...before.slice(Math.max(0, before.length - pair.margin)), ...mine.filter((r) => r.atMs >= pair.from.getTime() && r.atMs < to.getTime()), ...mine.filter((r) => r.atMs >= to.getTime()).slice(0, pair.margin)];
}

/** Batches in the order they arrive: new, late (older than what is stored) and resent results mixed. */
const batchPlan = fc.record({ results: fc.array(resultPlan, { minLength: 1, maxLength: 30 }), path: fc.constantFrom('batch', 'batch', 'per-monitor'), resend: fc.nat() });

describe.each(BACKENDS)('kept state now on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  let serviceId: string;

  beforeAll(async () => {
    now = new Date('2026-11-20T12:00:00Z');
    t = await startTestApp(backend, { now: () => now });
    serviceId = ((await t.database.ownerQuery(`SELECT id::text AS id FROM services WHERE code = 'DVS'`)) as { id: string }[])[0]!.id;
  });
  afterAll(() => t.close());

  const newMonitor = (p: { failuresToConfirm: number; locations: string[]; active: boolean }, type: 'http' | 'push' = 'http') =>
    createMonitor(t.deps, operator, { serviceId, tenantId: null, name: `kept ${Math.random()}`, type, target: type === 'push' ? null : 'https://x.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, critical: true, ...p });

  const monitorsNow = async (ids: string[]) => {
    const all = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.monitors.list(tx, {}));
    return ids.map((id) => all.find((m) => m.id === id)!);
  };

  it('answers as the pure rules over the raw results, whatever order, lateness and repetition results arrive in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(monitorPlan, { minLength: 1, maxLength: 3 }),
        fc.array(batchPlan, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.option(fc.subarray(LOCATIONS, { minLength: 1 })),
        tailPlan,
        async (plans, batches, laterMinutes, relocate, tail) => {
          now = new Date('2026-11-20T12:00:00Z');
          const monitors: Monitor[] = [];
          for (const p of plans) monitors.push(await newMonitor(p));
          const sent: { monitorId: string; at: string; ok: boolean; location: string; latencyMs?: number }[] = [];
          for (const b of batches) {
            const fresh = b.results.map((r) => {
              const m = monitors[r.monitor % monitors.length]!;
              const at = new Date(now.getTime() - r.minutesAgo * MINUTE + r.second * 1000).toISOString();
              return { monitorId: m.id, at, ok: r.ok, location: m.locations[r.location % m.locations.length]!, ...(r.latency !== null && { latencyMs: r.latency }) };
            });
            // Some of what was sent before comes again (an agent's retry), with whatever outcome.
            const again = sent.length === 0 ? [] : sent.slice(b.resend % sent.length, (b.resend % sent.length) + 3).map((r) => ({ ...r, ok: !r.ok }));
            const results = [...fresh, ...again];
            if (b.path === 'batch') await ingestProbeBatch(t.deps, operator, results);
            else for (const m of monitors) {
              const mine = results.filter((r) => r.monitorId === m.id).map(({ monitorId: _, ...r }) => r);
              if (mine.length > 0) await ingestProbeResults(t.deps, operator, m.id, mine);
            }
            sent.push(...fresh);
          }
          if (relocate !== null) await updateMonitor(t.deps, operator, monitors[0]!.id, { locations: relocate });
          now = new Date(now.getTime() + laterMinutes * MINUTE);
          const current = await monitorsNow(monitors.map((m) => m.id));
          const raw = await rawResults(t.database.ownerQuery, current.map((m) => m.id));
          // All together (the strictest monitor sets how far back each looks) and each alone.
          const expected = expectedHealth(current, raw, now.getTime());
          expect(await healthOf(t.deps, current)).toEqual(expected);
          for (const m of current) expect(await healthOf(t.deps, [m])).toEqual(expectedHealth([m], raw, now.getTime()));
          // The states alone (the list's counts) are the same states: from one row per location before
          // this process holds a read of the kept results, and from the read it holds (the previous
          // run's) laid over with what was written since once it does.
          const active = current.filter((m) => m.active);
          const states = expectedHealth(active, raw, now.getTime()).map((h) => h.state);
          const tails = keptTailsOf(t.deps.store);
          const held = tails.held;
          tails.held = null;
          expect(await statesOf(t.deps, active)).toEqual(states);
          expect(tails.held).toBeNull();
          tails.held = held ?? (await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.keptResults(tx, null))).kept;
          expect(await statesOf(t.deps, active)).toEqual(states);
          // The timelines' raw tails (status page, reports) come from the same kept rows where they reach back far enough.
          const to = new Date(now.getTime() - tail.toMinutesAgo * MINUTE);
          const pairs = tail.pairs.map((p) => ({ monitorId: current[p.monitor % current.length]!.id, location: LOCATIONS[p.location % LOCATIONS.length]!, from: new Date(now.getTime() - p.fromMinutesAgo * MINUTE), margin: p.margin }));
          const answer = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.resultsAroundMany(tx, pairs, to));
          expect(answer).toEqual(pairs.map((p) => expectedAround(raw, p, to)));
        },
      ),
      { numRuns: 25, seed: 20261205 },
    );
  });

  it('gives a reader that lays what was written since over what it holds the newest results stored, whatever arrives (ADR 0022 "Reading only what changed")', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(monitorPlan, { minLength: 1, maxLength: 3 }), fc.array(batchPlan, { minLength: 1, maxLength: 6 }), async (plans, batches) => {
        now = new Date('2026-11-20T12:00:00Z');
        const monitors: Monitor[] = [];
        for (const p of plans) monitors.push(await newMonitor(p));
        const pairs = monitors.flatMap((m) => LOCATIONS.map((location) => ({ monitorId: m.id, location })));
        // What a reader holds: the kept results as last read, with what was written since laid over them.
        let held: KeptResults | null = null;
        const sent: { monitorId: string; at: string; ok: boolean; location: string }[] = [];
        for (const b of batches) {
          const fresh = b.results.map((r) => {
            const m = monitors[r.monitor % monitors.length]!;
            return { monitorId: m.id, at: new Date(now.getTime() - r.minutesAgo * MINUTE + r.second * 1000).toISOString(), ok: r.ok, location: m.locations[r.location % m.locations.length]! };
          });
          const again = sent.length === 0 ? [] : sent.slice(b.resend % sent.length, (b.resend % sent.length) + 3).map((r) => ({ ...r, ok: !r.ok }));
          if (b.path === 'batch') await ingestProbeBatch(t.deps, operator, [...fresh, ...again]);
          else for (const m of monitors) {
            const mine = [...fresh, ...again].filter((r) => r.monitorId === m.id).map(({ monitorId: _, ...r }) => r);
            if (mine.length > 0) await ingestProbeResults(t.deps, operator, m.id, mine);
          }
          sent.push(...fresh);
          const since: KeptResults | null = held;
          held = (await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.keptResults(tx, since))).kept;
          // What is held — sent again or left as it was — is the newest results stored, by definition.
          const raw = await rawResults(t.database.ownerQuery, monitors.map((m) => m.id));
          const current = held;
          expect(pairs.map((p) => current.rows.get(`${p.monitorId}|${p.location}`) ?? null)).toEqual(
            pairs.map((p) => {
              const mine = raw.filter((r) => r.monitorId === p.monitorId && r.location === p.location).sort((x, y) => x.at.getTime() - y.at.getTime());
              return mine.length === 0 ? null : { ...p, complete: mine.length < LATEST_RESULTS_KEPT, results: mine.slice(-LATEST_RESULTS_KEPT).map((r) => ({ at: r.at.getTime(), ok: r.ok })) };
            }),
          );
        }
      }),
      { numRuns: 20, seed: 20261206 },
    );
  });

  it('keeps no more than the newest results the strictest rule needs, and takes in a late one in time order', async () => {
    now = new Date('2026-11-20T12:00:00Z');
    const m = await newMonitor({ failuresToConfirm: 20, locations: ['a'], active: true });
    const results = Array.from({ length: 30 }, (_, i) => ({ at: new Date(now.getTime() - (60 - i) * MINUTE).toISOString(), ok: i % 7 !== 0, location: 'a' }));
    await ingestProbeResults(t.deps, operator, m.id, results);
    // Twenty-one newest: the failure 33 minutes ago is among them and 61 minutes ago is not.
    const kept = async () => ((await t.database.ownerQuery(`SELECT cardinality(ats) AS n, ats[cardinality(ats)] AS oldest FROM monitor_latest_results WHERE monitor_id = '${m.id}'`)) as { n: number; oldest: Date | string }[])[0]!;
    expect(Number((await kept()).n)).toBe(21);
    expect(new Date((await kept()).oldest).toISOString()).toBe(new Date(now.getTime() - 51 * MINUTE).toISOString());
    // A late result older than all kept changes nothing; one inside them pushes the oldest out.
    await ingestProbeResults(t.deps, operator, m.id, [{ at: new Date(now.getTime() - 90 * MINUTE).toISOString(), ok: false, location: 'a' }]);
    expect(new Date((await kept()).oldest).toISOString()).toBe(new Date(now.getTime() - 51 * MINUTE).toISOString());
    await ingestProbeResults(t.deps, operator, m.id, [{ at: new Date(now.getTime() - 45 * MINUTE + 30_000).toISOString(), ok: false, location: 'a' }]);
    expect(new Date((await kept()).oldest).toISOString()).toBe(new Date(now.getTime() - 50 * MINUTE).toISOString());
    const raw = await rawResults(t.database.ownerQuery, [m.id]);
    const [current] = await monitorsNow([m.id]);
    expect(await healthOf(t.deps, [current!])).toEqual(expectedHealth([current!], raw, now.getTime()));
  });

  it('loses nothing when batches for one location arrive at once', async () => {
    now = new Date('2026-11-20T12:00:00Z');
    const m = await newMonitor({ failuresToConfirm: 20, locations: ['a'], active: true });
    // Eight agents' batches interleaved in time: each merge must see the others' committed rows.
    await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        ingestProbeResults(t.deps, operator, m.id, Array.from({ length: 4 }, (_, i) => ({ at: new Date(now.getTime() - (i * 8 + k) * MINUTE).toISOString(), ok: (i + k) % 3 !== 0, location: 'a', latencyMs: k }))),
      ),
    );
    const kept = (await t.database.ownerQuery(`SELECT cardinality(ats) AS n FROM monitor_latest_results WHERE monitor_id = '${m.id}'`)) as { n: number }[];
    expect(Number(kept[0]!.n)).toBe(21);
    const [current] = await monitorsNow([m.id]);
    expect(await healthOf(t.deps, [current!])).toEqual(expectedHealth([current!], await rawResults(t.database.ownerQuery, [m.id]), now.getTime()));
  });

  it('takes in push beats and missed beats', async () => {
    now = new Date('2026-11-20T12:00:00Z');
    const m = await newMonitor({ failuresToConfirm: 2, locations: ['local'], active: true }, 'push');
    const { token } = await issuePushToken(t.deps, operator, m.id);
    await receiveBeat(t.deps, token, { status: 'up' });
    now = new Date(now.getTime() + MINUTE);
    await receiveBeat(t.deps, token, { status: 'down', latencyMs: 12 });
    const [current] = await monitorsNow([m.id]);
    const expected = expectedHealth([current!], await rawResults(t.database.ownerQuery, [m.id]), now.getTime());
    expect(expected[0]!.lastLatencyMs).toBe(12);
    expect(await healthOf(t.deps, [current!])).toEqual(expected);
    // Silence for five intervals becomes failed results at the due slots: confirmed down.
    now = new Date(now.getTime() + 5 * MINUTE);
    expect((await recordMissedBeats(t.deps)).missed).toBeGreaterThan(0);
    const afterSilence = expectedHealth([current!], await rawResults(t.database.ownerQuery, [m.id]), now.getTime());
    expect(afterSilence[0]!.state).toBe('down');
    expect(await healthOf(t.deps, [current!])).toEqual(afterSilence);
  });

  it('gives the states at the edges of the rules: a tie of locations, a run one short, silence, a location dropped', async () => {
    now = new Date('2026-11-20T12:00:00Z');
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE).toISOString();
    const results = (location: string, oks: boolean[], newestMinutesAgo = 1) => oks.map((ok, i) => ({ at: ago(newestMinutesAgo + oks.length - 1 - i), ok, location }));
    const plan: { locations: string[]; failuresToConfirm: number; active?: boolean; sent: ReturnType<typeof results>; relocate?: string[]; is: string }[] = [
      { locations: ['a', 'b'], failuresToConfirm: 2, sent: [...results('a', [true, false, false]), ...results('b', [true, true])], is: 'up' }, // one of two down: no majority
      { locations: ['a', 'b', 'c'], failuresToConfirm: 2, sent: [...results('a', [false, false]), ...results('b', [false, false]), ...results('c', [true])], is: 'down' },
      { locations: ['a'], failuresToConfirm: 2, sent: results('a', [true, true], 3), is: 'unknown' }, // newest exactly three intervals ago
      { locations: ['a'], failuresToConfirm: 3, sent: results('a', [true, false, false]), is: 'up' }, // a run one short
      { locations: ['a'], failuresToConfirm: 3, sent: results('a', [false, false, false]), is: 'down' },
      { locations: ['a'], failuresToConfirm: 1, active: false, sent: results('a', [false]), is: 'paused' },
      { locations: ['a'], failuresToConfirm: 2, sent: [], is: 'unknown' }, // never probed
      { locations: ['a', 'b'], failuresToConfirm: 2, sent: [...results('a', [true]), ...results('b', [false, false])], relocate: ['a'], is: 'up' }, // b no longer speaks
    ];
    const ids: string[] = [];
    for (const p of plan) {
      const m = await newMonitor({ locations: p.locations, failuresToConfirm: p.failuresToConfirm, active: p.active ?? true });
      if (p.sent.length > 0) await ingestProbeResults(t.deps, operator, m.id, p.sent);
      if (p.relocate) await updateMonitor(t.deps, operator, m.id, { locations: p.relocate });
      ids.push(m.id);
    }
    const current = await monitorsNow(ids);
    const expected = expectedHealth(current, await rawResults(t.database.ownerQuery, ids), now.getTime());
    // The cases are what they say by the pure rules, and the kept results give the same.
    expect(current.map((m, i) => (m.active ? expected[i]!.state : 'paused'))).toEqual(plan.map((p) => p.is));
    expect(await healthOf(t.deps, current)).toEqual(expected);
    // The list's counts, over every monitor there is, count the states the list shows.
    const active = current.filter((m) => m.active);
    expect(await statesOf(t.deps, active)).toEqual(expected.filter((_, i) => current[i]!.active).map((h) => h.state));
    const all = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.monitors.list(tx, {}));
    const shown = (await healthOf(t.deps, all)).map((h, i) => (all[i]!.active ? h.state : 'paused'));
    const counted = { total: all.length, down: 0, unknown: 0, up: 0, paused: 0 };
    for (const state of shown) counted[state] += 1;
    expect(new Set(shown)).toEqual(new Set(['up', 'down', 'unknown', 'paused']));
    expect(await monitorCounts(t.deps, operator)).toEqual(counted);
    // The list filtered by a state shows exactly the monitors in it, and sorted by state worst first.
    const everyone = { after: null, limit: 10_000 };
    for (const state of DISPLAY_STATES) {
      const listed = (await browseMonitors(t.deps, operator, { sort: 'name', states: [state] }, everyone)).items;
      expect(new Set(listed.map((row) => row.monitor.id))).toEqual(new Set(all.filter((_, i) => shown[i] === state).map((m) => m.id)));
      expect(listed.every((row) => displayState(row) === state)).toBe(true);
    }
    const byState = (await browseMonitors(t.deps, operator, { sort: 'state' }, everyone)).items;
    expect(byState.map((row) => row.monitor.id).sort()).toEqual(all.map((m) => m.id).sort());
    const order = byState.map((row) => DISPLAY_STATES.indexOf(displayState(row)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('keeps the rows with no trigger, version or sequence of their own (migration 041: nothing reads them)', async () => {
    const q = t.database.ownerQuery;
    expect(await q("SELECT tgname FROM pg_trigger WHERE tgrelid = 'monitor_latest_results'::regclass AND NOT tgisinternal")).toEqual([]);
    expect(await q("SELECT column_name FROM information_schema.columns WHERE table_name = 'monitor_latest_results' AND column_name = 'version'")).toEqual([]);
    expect(await q("SELECT relname FROM pg_class WHERE relname = 'monitor_latest_results_version'")).toEqual([]);
    expect(await q("SELECT proname FROM pg_proc WHERE proname = 'kopa_kept_results_version'")).toEqual([]);
  });

  it('forgets with retention what retention dropped from the raw results', async () => {
    now = new Date('2026-11-20T12:00:00Z');
    const m = await newMonitor({ failuresToConfirm: 3, locations: ['a', 'b'], active: true });
    // Location a spoke in August and twice in November; b only in August.
    const august = Date.parse('2026-08-10T08:00:00Z');
    const old = Array.from({ length: 6 }, (_, i) => [{ at: new Date(august + i * MINUTE).toISOString(), ok: true, location: 'a' }, { at: new Date(august + i * MINUTE).toISOString(), ok: false, location: 'b' }]).flat();
    await ingestProbeResults(t.deps, operator, m.id, [...old, { at: new Date(now.getTime() - 2 * MINUTE).toISOString(), ok: true, location: 'a' }, { at: new Date(now.getTime() - MINUTE).toISOString(), ok: true, location: 'a' }]);
    const read = (held: KeptResults | null) => t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.keptResults(tx, held));
    const mine = (kept: KeptResults) => ['a', 'b'].map((location) => kept.rows.get(`${m.id}|${location}`) ?? null);
    const held = (await read(null)).kept;
    expect(mine(held).map((row) => row?.results.length)).toEqual([8, 6]);
    const dropped = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.dropRawBefore(tx, '2026-10-15'));
    expect(dropped).toBeGreaterThan(0);
    // Trimmed and removed rows both reach a reader that holds them: it never keeps what retention dropped.
    expect(mine((await read(held)).kept)).toEqual([
      { monitorId: m.id, location: 'a', complete: true, results: [now.getTime() - 2 * MINUTE, now.getTime() - MINUTE].map((at) => ({ at, ok: true })) },
      null,
    ]);
    const [current] = await monitorsNow([m.id]);
    const raw = await rawResults(t.database.ownerQuery, [m.id]);
    expect(raw.map((r) => r.location)).toEqual(['a', 'a']);
    const expected = expectedHealth([current!], raw, now.getTime());
    expect(expected[0]!.since).toBe(new Date(now.getTime() - 2 * MINUTE).toISOString());
    expect(await healthOf(t.deps, [current!])).toEqual(expected);
    const rows = (await t.database.ownerQuery(`SELECT location FROM monitor_latest_results WHERE monitor_id = '${m.id}'`)) as { location: string }[];
    expect(rows.map((r) => r.location)).toEqual(['a']);
  });
});

/** An upgraded database answers from the kept rows at once: migration 031 derives them from the raw results. */
describe.each(BACKENDS)('migration 031 on %s', (backend: BackendName) => {
  it('derives the kept rows from the results stored before it', async () => {
    const empty = backend === 'postgres' ? await createEmptyPostgresDatabase() : null;
    const db = await openDatabase(empty ? { url: empty.url, poolSize: 2 } : {});
    try {
      const all = loadMigrations();
      await migrate(db.kysely, all.filter((m) => m.version < 31));
      const { sql } = await import('kysely');
      const query = async (text: string) => (await sql.raw(text).execute(db.kysely)).rows as unknown[];
      const now = new Date('2026-11-20T12:00:00Z');
      const [service] = (await query(`INSERT INTO services (code, name_lv, name_en) VALUES ('KEPT', 'Pakalpojums', 'Service') RETURNING id`)) as { id: string }[];
      // Three monitors: 30 results at one location with a run of failures; two locations of 1 and 25; none.
      await query(`INSERT INTO monitors (service_id, name, type, target, interval_seconds, failures_to_confirm, locations)
        VALUES ('${service!.id}', 'm1', 'http', 'https://x.kopa.test/', 60, 4, '{a}'), ('${service!.id}', 'm2', 'http', 'https://x.kopa.test/', 60, 20, '{a,b}'), ('${service!.id}', 'm3', 'http', 'https://x.kopa.test/', 60, 2, '{a}')`);
      await query(`SELECT kopa_ensure_probe_partition('2026-11-01')`);
      await query(`INSERT INTO probe_results (monitor_id, location, at, ok, latency_ms)
        SELECT m.id, 'a', '${now.toISOString()}'::timestamptz - make_interval(mins => t), t > 4, t FROM monitors m, generate_series(1, 30) t WHERE m.name = 'm1'
        UNION ALL SELECT m.id, 'a', '${now.toISOString()}'::timestamptz - interval '1 minute', false, NULL FROM monitors m WHERE m.name = 'm2'
        UNION ALL SELECT m.id, 'b', '${now.toISOString()}'::timestamptz - make_interval(mins => t), true, 7 FROM monitors m, generate_series(1, 25) t WHERE m.name = 'm2'`);
      await migrate(db.kysely, all);
      const deps = { store: createStore(db.kysely), clock: { now: () => now } };
      const monitors = (await deps.store.run(SYSTEM, (tx) => deps.store.monitors.list(tx, {}))).sort((a, b) => a.name.localeCompare(b.name));
      const raw = await rawResults(query, monitors.map((m) => m.id));
      const expected = expectedHealth(monitors, raw, now.getTime());
      expect(expected.map((h) => h.state)).toEqual(['down', 'up', 'unknown']);
      expect(await healthOf(deps, monitors)).toEqual(expected);
    } finally {
      await db.close();
      await empty?.drop();
    }
  });
});
