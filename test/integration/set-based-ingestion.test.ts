import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLLUP_STEP_MS, rollUpAvailability, settleMs } from '../../src/app/availability/roll-up-availability.js';
import { ingestProbeBatch } from '../../src/app/monitoring/ingest-probe-batch.js';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { locationTimelines } from '../../src/app/monitoring/monitor-timeline.js';
import { watchOutages } from '../../src/app/monitoring/watch-outages.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { systemActor } from '../../src/domain/actor.js';
import { locationTimeline } from '../../src/domain/availability/timeline.js';
import type { Monitor } from '../../src/domain/monitoring/monitor.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

const MINUTE = 60_000;
const operator = systemActor('test');
const prober = systemActor('prober:local');

/**
 * The statements `run` sends to the database, whichever driver (as bench/count-statements.mjs
 * counts them in a benchmarked server). Nothing else uses the database while a test runs.
 */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const patched: [object, string, unknown][] = [];
  for (const target of [pg.Client.prototype, PGlite.prototype] as unknown as Record<string, (...a: unknown[]) => unknown>[]) {
    for (const method of ['query', 'exec']) {
      const original = target[method];
      if (typeof original !== 'function') continue;
      patched.push([target, method, original]);
      target[method] = function (this: unknown, ...args: unknown[]) {
        count++;
        return original.apply(this, args);
      };
    }
  }
  try {
    await run();
  } finally {
    for (const [target, method, original] of patched) (target as Record<string, unknown>)[method] = original;
  }
  return count;
}

// The built-in prober hands over a batch of results every few seconds: storing it must cost a
// handful of statements whatever the number of monitors in it (ADR 0025, "Set-based ingestion").
describe.each(BACKENDS)('set-based ingestion on %s', (backend) => {
  let t: TestApp;
  let now = Date.parse('2026-11-20T12:00:00Z');
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date(now) });
    serviceId = (await t.deps.store.run(SYSTEM, (tx) => t.deps.store.services.list(tx)))[0]!.id;
  });
  afterAll(() => t.close());

  const newMonitors = (prefix: string, n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        createMonitor(t.deps, operator, { serviceId, tenantId: null, name: `${prefix} ${i}`, type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['local'], active: true }),
      ),
    );
  const resultsAt = (monitors: Monitor[], at: number, ok = true) => monitors.map((m) => ({ monitorId: m.id, at: new Date(at).toISOString(), ok, location: 'local', latencyMs: 12 }));
  const lines = async (monitors: Monitor[]) => t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.linesMany(tx, monitors.map((m) => m.id)));

  it('stores a batch of forty monitors with as many statements as a batch of three', async () => {
    const few = await newMonitors('few', 3);
    const many = await newMonitors('many', 40);
    const at = now - 30_000;
    // The month's partition exists either way, so neither count includes creating it.
    await ingestProbeBatch(t.deps, prober, resultsAt(few, at - MINUTE));
    const forFew = await statementsOf(() => ingestProbeBatch(t.deps, prober, resultsAt(few, at)));
    let stored: Awaited<ReturnType<typeof ingestProbeBatch>> | undefined;
    const forMany = await statementsOf(async () => (stored = await ingestProbeBatch(t.deps, prober, resultsAt(many, at))));
    expect(stored).toEqual({ accepted: 40, duplicates: 0, monitors: 40 });
    expect(forMany).toBe(forFew);
    // The transaction, the monitors, the partition, the insert (kept results too), the rollup lines, the audit.
    expect(forMany).toBeLessThanOrEqual(9);
    const kept = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.probeResults.latestKept(tx, many.map((m) => m.id), 3));
    expect(kept).toHaveLength(40);
  });

  it('still rewinds every monitor of a batch whose late results reach behind its rollup line', async () => {
    const monitors = await newMonitors('late', 2);
    const start = now - 3 * 3_600_000;
    const hour = Array.from({ length: 120 }, (_, i) => start + i * MINUTE).filter((at) => at < start + 30 * MINUTE || at >= start + 60 * MINUTE);
    for (const at of hour) await ingestProbeBatch(t.deps, prober, resultsAt(monitors, at));
    await rollUpAvailability(t.deps, { maxChunks: 5_000 });
    const before = await lines(monitors);
    for (const m of monitors) expect(before.get(m.id)?.get('local')?.rewinds).toBe(0);
    // The replayed half hour, failing: both monitors' lines move back before it.
    const late = Array.from({ length: 30 }, (_, i) => start + (30 + i) * MINUTE).flatMap((at) => resultsAt(monitors, at, false));
    await ingestProbeBatch(t.deps, prober, late);
    const after = await lines(monitors);
    for (const m of monitors) {
      expect(after.get(m.id)?.get('local')?.rewinds).toBe(1);
      expect(after.get(m.id)?.get('local')!.rolledTo.getTime()).toBeLessThanOrEqual(start + 30 * MINUTE);
    }
  });

  it('with a step, extends a line only once that much has settled past it, and the timeline read is the same meanwhile', async () => {
    const [monitor] = await newMonitors('step', 1);
    const start = Date.parse('2026-11-20T08:00:00Z');
    const results = Array.from({ length: 60 }, (_, i) => ({ at: start + i * MINUTE, ok: i < 40 || i > 45 }));
    for (const r of results) await ingestProbeBatch(t.deps, prober, [{ monitorId: monitor!.id, at: new Date(r.at).toISOString(), ok: r.ok, location: 'local' }]);
    const saved = now;
    try {
      now = start + 30 * MINUTE;
      await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS, maxChunks: 5_000 });
      const first = (await lines([monitor!])).get(monitor!.id)!.get('local')!.rolledTo.getTime();
      // Four minutes later four more minutes have settled: not yet a step.
      now += 4 * MINUTE;
      expect(await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS })).toMatchObject({ chunks: 0 });
      expect((await lines([monitor!])).get(monitor!.id)!.get('local')!.rolledTo.getTime()).toBe(first);
      const [timeline] = await t.deps.store.run(SYSTEM, (tx) => locationTimelines(t.deps, tx, monitor!, start, start + 60 * MINUTE));
      expect(timeline).toEqual(locationTimeline(results, MINUTE, 2, start, start + 60 * MINUTE));
      // A minute more and the step has settled: the line moves to the frontier.
      now += MINUTE;
      await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS });
      expect((await lines([monitor!])).get(monitor!.id)!.get('local')!.rolledTo.getTime()).toBe(first + ROLLUP_STEP_MS);
    } finally {
      now = saved;
    }
  });

  it('finds where lines not yet started begin in one read, not a transaction per monitor', async () => {
    await newMonitors('silent', 30);
    await rollUpAvailability(t.deps, { maxChunks: 5_000 });
    // However many lines have no results yet, a run that has nothing to settle costs a few statements.
    const statements = await statementsOf(() => rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS }));
    expect(statements).toBeLessThanOrEqual(8);
  });

  it('extends every line that keeps up in one transaction, and its segments are the timeline of the raw results', async () => {
    const monitors = await newMonitors('keeping up', 40);
    const start = Date.parse('2026-11-20T10:00:00Z');
    // Each monitor fails for a run of its own (0 to 5 checks long, at its own minute), some across the step.
    const okAt = (i: number, minute: number) => !(minute >= 10 + (i % 9) && minute < 10 + (i % 9) + (i % 6));
    const outcomes = monitors.map((_, i) => Array.from({ length: 40 }, (_, minute) => ({ at: start + minute * MINUTE, ok: okAt(i, minute) })));
    const saved = now;
    try {
      now = start + 40 * MINUTE;
      for (let minute = 0; minute < 40; minute++) await ingestProbeBatch(t.deps, prober, monitors.map((m, i) => ({ monitorId: m.id, at: new Date(start + minute * MINUTE).toISOString(), ok: okAt(i, minute), location: 'local' })));
      now = start + 27 * MINUTE;
      await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS, maxChunks: 5_000 });
      const first = (await lines(monitors)).get(monitors[0]!.id)!.get('local')!.rolledTo.getTime();
      now += ROLLUP_STEP_MS;
      let run: Awaited<ReturnType<typeof rollUpAvailability>> | undefined;
      const statements = await statementsOf(async () => (run = await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS })));
      expect(run!.chunks).toBeGreaterThanOrEqual(40);
      // The cursors, where the other tests' unstarted lines begin (a transaction each), then one
      // transaction: the results of all lines, the segments' delete, cut, extension and insert, the lines.
      expect(statements).toBeLessThanOrEqual(15);
      const after = await lines(monitors);
      for (const m of monitors) expect(after.get(m.id)!.get('local')!.rolledTo.getTime()).toBe(first + ROLLUP_STEP_MS);
      const to = first + ROLLUP_STEP_MS;
      const stored = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.segmentsMany(tx, monitors.map((m) => ({ monitorId: m.id, location: 'local' })), new Date(start), new Date(to)));
      monitors.forEach((m, i) => expect(stored.get(`${m.id}|local`), m.name).toEqual(locationTimeline(outcomes[i]!, MINUTE, 2, start, to)));
    } finally {
      now = saved;
    }
  });

  it('counts a run\'s budget in transactions: every line that keeps up moves however small the budget, and a line behind waits', async () => {
    const monitors = await newMonitors('budgeted', 40);
    const start = Date.parse('2026-11-20T10:00:00Z');
    const saved = now;
    try {
      now = start + 40 * MINUTE;
      for (let minute = 0; minute < 40; minute++) await ingestProbeBatch(t.deps, prober, resultsAt(monitors, start + minute * MINUTE, minute % 7 !== 3));
      now = start + 27 * MINUTE;
      await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS, maxChunks: 5_000 });
      const first = (await lines(monitors)).get(monitors[0]!.id)!.get('local')!.rolledTo.getTime();
      // A line three days behind (a monitor whose agent replays old results) needs days of its own.
      const [late] = await newMonitors('budgeted, behind', 1);
      const old = start - 3 * 86_400_000;
      await ingestProbeBatch(t.deps, prober, Array.from({ length: 30 }, (_, i) => ({ monitorId: late!.id, at: new Date(old + i * MINUTE).toISOString(), ok: true, location: 'local' })));
      now += ROLLUP_STEP_MS;
      // A budget of one transaction: all lines keeping up share it; the line behind is left for later.
      const run = await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS, maxChunks: 1 });
      expect(run.chunks).toBeGreaterThanOrEqual(40);
      expect(run.pending).toBeGreaterThanOrEqual(1);
      const after = await lines(monitors);
      for (const m of monitors) expect(after.get(m.id)!.get('local')!.rolledTo.getTime(), m.name).toBe(first + ROLLUP_STEP_MS);
      expect((await lines([late!])).get(late!.id)).toBeUndefined();
      await rollUpAvailability(t.deps, { minStepMs: ROLLUP_STEP_MS, maxChunks: 5_000 });
      expect((await lines([late!])).get(late!.id)!.get('local')!.rolledTo.getTime()).toBe(now - settleMs(60, 2));
    } finally {
      now = saved;
    }
  });

  it('the outage watch judges every critical monitor in one transaction, and still confirms an outage at its first failure', async () => {
    const watched = await newMonitors('watched', 30);
    // One that confirms after five failures: the watch reads six results of each location, and judges each monitor on its own number.
    watched.push(await createMonitor(t.deps, operator, { serviceId, tenantId: null, name: 'watched slowly', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 5, critical: true, locations: ['local'], active: true }));
    for (const minutesAgo of [4, 3, 2, 1]) await ingestProbeBatch(t.deps, prober, resultsAt(watched, now - minutesAgo * MINUTE));
    // A minute with nothing to confirm or close costs the same few statements however many monitors are watched.
    let quiet: Awaited<ReturnType<typeof watchOutages>> | undefined;
    const statements = await statementsOf(async () => (quiet = await watchOutages(t.deps)));
    expect(quiet).toEqual({ confirmed: 0, ended: 0 });
    // The transaction, the monitors, their newest results, their open outages.
    expect(statements).toBeLessThanOrEqual(6);
    // Four failures in a row (two confirm): the outage starts at the oldest of the newest three results, as the rule judges it.
    const failing = watched[7]!;
    const failedAt = [now - 55_000, now - 50_000, now - 40_000, now - 30_000];
    for (const at of failedAt) await ingestProbeBatch(t.deps, prober, [{ monitorId: failing.id, at: new Date(at).toISOString(), ok: false, location: 'local' }]);
    expect(await watchOutages(t.deps)).toEqual({ confirmed: 1, ended: 0 });
    const open = (await t.deps.store.run(SYSTEM, (tx) => t.deps.store.watch.openOutagesMany(tx, [failing.id]))).get(failing.id) ?? null;
    expect(Date.parse(open!.startedAt)).toBe(failedAt[1]);
  });

  it('the outage watch reads only the active critical monitors, and a paused or non-critical one opens no outage', async () => {
    const make = (name: string, critical: boolean, active: boolean) =>
      createMonitor(t.deps, operator, { serviceId, tenantId: null, name, type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical, locations: ['local'], active });
    const [watched, ordinary, paused] = [await make('filter watched', true, true), await make('filter ordinary', false, true), await make('filter paused', true, false)];
    const read = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.monitors.list(tx, { active: true, critical: true }));
    expect(read.every((m) => m.active && m.critical)).toBe(true);
    expect(read.map((m) => m.id)).toContain(watched.id);
    expect(read.map((m) => m.id)).not.toContain(ordinary.id);
    expect(read.map((m) => m.id)).not.toContain(paused.id);
    // All three fail three times: only the watched one's outage is confirmed.
    for (const at of [now - 50_000, now - 40_000, now - 30_000]) await ingestProbeBatch(t.deps, prober, [watched, ordinary].map((m) => ({ monitorId: m.id, at: new Date(at).toISOString(), ok: false, location: 'local' })));
    expect(await watchOutages(t.deps)).toMatchObject({ confirmed: 1 });
    const open = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.watch.openOutagesMany(tx, [watched.id, ordinary.id, paused.id]));
    expect([...open.keys()]).toEqual([watched.id]);
  });
});
