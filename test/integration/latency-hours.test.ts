import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { monitorsLatency, type LatencySeries } from '../../src/app/monitoring/monitor-health.js';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { systemActor } from '../../src/domain/actor.js';
import type { Monitor } from '../../src/domain/monitoring/monitor.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { firstServiceId, twoLocationMonitor } from '../support/monitors.js';

const operator = systemActor('test');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Result { at: number; ok: boolean; latencyMs?: number; location: string }

/**
 * The expected series, worked out here from the results themselves: per bucket of `bucketMinutes`
 * from the window's start (a multiple of the bucket from the epoch), every result at any location;
 * the mean (to the nearest ms, halves up) and maximum of those that measured a latency.
 */
function expectedSeries(results: Result[], now: number, hours: number, bucketMinutes: number) {
  const step = bucketMinutes * MINUTE;
  const from = Math.floor((now - hours * HOUR) / step) * step;
  const buckets = new Map<number, { checks: number; failures: number; latencies: number[] }>();
  for (const r of results) {
    if (r.at < from || r.at >= now) continue;
    const start = from + Math.floor((r.at - from) / step) * step;
    const b = buckets.get(start) ?? { checks: 0, failures: 0, latencies: [] };
    b.checks += 1;
    if (!r.ok) b.failures += 1;
    if (r.latencyMs !== undefined) b.latencies.push(r.latencyMs);
    buckets.set(start, b);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, b]) => ({
      at: new Date(start).toISOString(),
      avgLatencyMs: b.latencies.length === 0 ? null : Math.round(b.latencies.reduce((s, x) => s + x, 0) / b.latencies.length),
      maxLatencyMs: b.latencies.length === 0 ? null : Math.max(...b.latencies),
      checks: b.checks,
      failures: b.failures,
    }));
}

/** A fixed pseudo-random sequence, so both databases see the same results. */
function randoms(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

// The sparklines' hourly buckets come from the latency the rollup keeps per hour (ADR 0026) where
// it is final and from the raw results elsewhere; either way they must be the raw results' figures.
describe.each(BACKENDS)('latency kept per hour on %s', (backend) => {
  let t: TestApp;
  let now = new Date('2026-11-20T00:00:00Z');
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => now });
    serviceId = await firstServiceId(t);
  });
  afterAll(() => t.close());

  const newMonitor = (name: string, failuresToConfirm = 2) => twoLocationMonitor(t, serviceId, name, failuresToConfirm);

  async function store(monitor: Monitor, results: Result[]) {
    for (let i = 0; i < results.length; i += 2000) {
      await ingestProbeResults(t.deps, operator, monitor.id, results.slice(i, i + 2000).map((r) => ({ at: new Date(r.at).toISOString(), ok: r.ok, latencyMs: r.latencyMs, location: r.location })));
    }
  }

  const series = async (monitor: Monitor, hours: number, buckets?: number): Promise<LatencySeries> => (await monitorsLatency(t.deps, operator, hours, { ids: [monitor.id] }, buckets))[0]!;
  const kept = async (monitorId: string) =>
    t.database.db.kysely.selectFrom('monitor_latency_hours').selectAll().where('monitor_id', '=', monitorId).orderBy('location').orderBy('hour').execute();
  const lines = async (monitorId: string) =>
    t.database.db.kysely.selectFrom('monitor_rollups').select(['location', 'rolled_to', 'latency_from']).where('monitor_id', '=', monitorId).orderBy('location').execute();

  it('gives each hour the mean, maximum, checks and failures of its results, kept or raw', async () => {
    const monitor = await newMonitor('hourly');
    const start = Date.parse('2026-11-18T20:00:00Z') + 17 * 1000;
    const random = randoms(20261206);
    // 30 hours of minute results at two locations, offset from each other; some fail (with or
    // without a latency), some measured none, latencies from 1 ms to a few seconds.
    const results: Result[] = [];
    for (let i = 0; i < 30 * 60; i++) {
      for (const [location, offset] of [['lvrtc', 0], ['lnb', 23_000]] as const) {
        const ok = random() > 0.07;
        const measured = random() > 0.05;
        results.push({ at: start + i * MINUTE + offset, ok, location, ...(measured ? { latencyMs: 1 + Math.floor(random() ** 3 * 4000) } : {}) });
      }
    }
    now = new Date(start + 30 * 60 * MINUTE + 7 * MINUTE);
    await store(monitor, results);

    // Nothing rolled up yet: every hour from the raw results.
    const raw = await series(monitor, 24, 24);
    expect(raw.bucketMinutes).toBe(60);
    expect(raw.points).toEqual(expectedSeries(results, now.getTime(), 24, 60));
    expect(await kept(monitor.id)).toEqual([]);

    await rollUpAvailability(t.deps);
    const rows = await kept(monitor.id);
    // Each location's whole hours before its rollup line are kept, starting with its first result's hour.
    for (const line of await lines(monitor.id)) {
      expect(line.latency_from?.toISOString()).toBe('2026-11-18T20:00:00.000Z');
      const hours = rows.filter((r) => r.location === line.location).map((r) => r.hour.getTime());
      expect(hours.at(-1)).toBe(Math.floor(line.rolled_to.getTime() / HOUR) * HOUR - HOUR);
      expect(hours.length).toBeGreaterThan(20);
    }
    // A kept hour holds exactly its location's results.
    const row = rows.find((r) => r.location === 'lnb' && r.hour.toISOString() === '2026-11-19T03:00:00.000Z')!;
    const mine = results.filter((r) => r.location === 'lnb' && r.at >= row.hour.getTime() && r.at < row.hour.getTime() + HOUR);
    const latencies = mine.flatMap((r) => (r.latencyMs === undefined ? [] : [r.latencyMs]));
    expect({ checks: row.checks, failures: row.failures, measured: row.measured, sum: Number(row.latency_sum), max: row.latency_max }).toEqual({
      checks: 60, failures: mine.filter((r) => !r.ok).length, measured: latencies.length, sum: latencies.reduce((s, x) => s + x, 0), max: Math.max(...latencies),
    });

    // Kept hours, the raw tip and the whole windows agree with the results, in any whole number of hours.
    expect((await series(monitor, 24, 24)).points).toEqual(expectedSeries(results, now.getTime(), 24, 60));
    expect((await series(monitor, 30, 10)).points).toEqual(expectedSeries(results, now.getTime(), 30, 180));
    // A bucket shorter than an hour is read from the raw results, the same figures.
    const fine = await series(monitor, 24);
    expect(fine.bucketMinutes).toBe(5);
    expect(fine.points).toEqual(expectedSeries(results, now.getTime(), 24, 5));
  });

  it('stays exact when a late result changes a kept hour, before and after the rollup catches up', async () => {
    const monitor = await newMonitor('late');
    const start = Date.parse('2026-11-18T22:00:00Z');
    const results: Result[] = [];
    for (let i = 0; i < 10 * 60; i++) results.push({ at: start + i * MINUTE, ok: true, latencyMs: 100 + (i % 7), location: 'lvrtc' });
    now = new Date(start + 10 * HOUR + 5 * MINUTE);
    await store(monitor, results);
    await rollUpAvailability(t.deps);
    const before = (await kept(monitor.id)).find((r) => r.hour.toISOString() === '2026-11-19T01:00:00.000Z')!;
    expect(before.checks).toBe(60);

    // An agent replays a slow result into a kept hour: the line moves back before it.
    const late: Result = { at: Date.parse('2026-11-19T01:30:30Z'), ok: false, latencyMs: 9_000, location: 'lvrtc' };
    results.push(late);
    await store(monitor, [late]);
    const [line] = await lines(monitor.id);
    expect(line!.rolled_to.getTime()).toBeLessThanOrEqual(late.at);
    expect((await series(monitor, 24, 24)).points).toEqual(expectedSeries(results, now.getTime(), 24, 60));

    // The next run computes the hour again and the series reads it kept.
    await rollUpAvailability(t.deps);
    const after = (await kept(monitor.id)).find((r) => r.hour.toISOString() === '2026-11-19T01:00:00.000Z')!;
    expect({ checks: after.checks, failures: after.failures, max: after.latency_max }).toEqual({ checks: 61, failures: 1, max: 9_000 });
    expect((await series(monitor, 24, 24)).points).toEqual(expectedSeries(results, now.getTime(), 24, 60));
  });

  it('makes buckets of whole hours once they are longer than an hour', async () => {
    const monitor = await newMonitor('buckets');
    expect((await series(monitor, 24)).bucketMinutes).toBe(5);
    expect((await series(monitor, 24, 24)).bucketMinutes).toBe(60);
    expect((await series(monitor, 24, 100)).bucketMinutes).toBe(15);
    expect((await series(monitor, 744)).bucketMinutes).toBe(180);
    expect((await series(monitor, 72, 48)).bucketMinutes).toBe(120);
    await expect(series(monitor, 24, 289)).rejects.toMatchObject({ code: 'validation' });
  });
});
