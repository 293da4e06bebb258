import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { locationTimelines } from '../../src/app/monitoring/monitor-timeline.js';
import { pruneProbeResults } from '../../src/app/monitoring/prune-probe-results.js';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { systemActor } from '../../src/domain/actor.js';
import { locationTimeline, normalize, type Segment } from '../../src/domain/availability/timeline.js';
import type { Monitor } from '../../src/domain/monitoring/monitor.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { firstServiceId, twoLocationMonitor } from '../support/monitors.js';

const SYSTEM = { role: 'system' as const, tenantId: null };
const operator = systemActor('test');
const MINUTE = 60_000;

// The rollup must never change an answer: a timeline read from rolled-up segments equals the
// one computed from every raw result by DESIGN.md's definition, however the results fall.
describe.each(BACKENDS)('availability rollups on %s', (backend) => {
  let t: TestApp;
  let now = new Date('2026-11-20T00:00:00Z');
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => now });
    serviceId = await firstServiceId(t);
  });
  afterAll(() => t.close());

  const newMonitor = (name: string, failuresToConfirm = 2) => twoLocationMonitor(t, serviceId, name, failuresToConfirm);

  async function store(monitor: Monitor, location: string, results: { at: number; ok: boolean }[]) {
    for (let i = 0; i < results.length; i += 5000) {
      await ingestProbeResults(t.deps, operator, monitor.id, results.slice(i, i + 5000).map((r) => ({ at: new Date(r.at).toISOString(), ok: r.ok, location })));
    }
  }

  const read = (monitor: Monitor, from: number, to: number) => t.deps.store.run(SYSTEM, (tx) => locationTimelines(t.deps, tx, monitor, from, to));
  const segmentRows = async (monitorId: string) => (await t.database.db.kysely.selectFrom('monitor_segments').select('state').where('monitor_id', '=', monitorId).execute()).length;

  it('reads the same timeline from segments as from raw results, for any pattern of results', async () => {
    const start = Date.parse('2026-11-01T00:00:00Z');
    // Up to three days of minute results with failures, runs and gaps; each case its own monitor.
    const pattern = fc.array(fc.record({ gapMinutes: fc.oneof(fc.constant(1), fc.constant(1), fc.constant(1), fc.integer({ min: 2, max: 400 })), ok: fc.integer({ min: 0, max: 4 }).map((n) => n > 0), repeat: fc.integer({ min: 1, max: 300 }) }), { minLength: 1, maxLength: 40 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(pattern, fc.integer({ min: 1, max: 4 }), async (runs, failuresToConfirm) => {
        const monitor = await newMonitor(`property ${n++}`, failuresToConfirm);
        const results: { at: number; ok: boolean }[] = [];
        let at = start;
        for (const run of runs) {
          for (let k = 0; k < run.repeat; k++) {
            at += (k === 0 ? run.gapMinutes : 1) * MINUTE;
            results.push({ at, ok: run.ok });
          }
        }
        now = new Date(at + 10 * MINUTE); // part of the sequence is still beyond the settled frontier
        await store(monitor, 'lvrtc', results);
        await rollUpAvailability(t.deps);
        const from = start - 60 * MINUTE;
        const to = at + 30 * MINUTE;
        const expected = locationTimeline(results, MINUTE, failuresToConfirm, from, to);
        const [fromRollup] = await read(monitor, from, to);
        expect(normalize(fromRollup!)).toEqual(expected);
        // Any window inside gives the clipped answer too (a month inside a longer history).
        const mid = start + Math.floor((at - start) / 2);
        const [part] = await read(monitor, mid, to);
        expect(normalize(part!)).toEqual(locationTimeline(results, MINUTE, failuresToConfirm, mid, to));
      }),
      { numRuns: 6, seed: 20261128 },
    );
  });

  it('keeps a day of steady results in a handful of segments', async () => {
    const monitor = await newMonitor('steady');
    const start = Date.parse('2026-11-10T00:00:00Z');
    // 24 h of minute results; one confirmed outage 10:00–10:05 (5 failures) and one lone failure at 15:00.
    const results = Array.from({ length: 1440 }, (_, i) => ({ at: start + i * MINUTE, ok: !((i >= 600 && i < 605) || i === 900) }));
    now = new Date(start + 2 * 86_400_000);
    await store(monitor, 'lvrtc', results);
    await rollUpAvailability(t.deps);
    // up, down 10:00–10:05, up (the lone failure counts as up), then unknown after the last result's 3 minutes.
    const [timeline] = await read(monitor, start, start + 86_400_000);
    expect(timeline).toEqual([
      { start, end: start + 600 * MINUTE, state: 'up' },
      { start: start + 600 * MINUTE, end: start + 605 * MINUTE, state: 'down' },
      { start: start + 605 * MINUTE, end: start + 86_400_000, state: 'up' },
    ]);
    expect(await segmentRows(monitor.id)).toBeLessThanOrEqual(4);
  });

  it('recomputes when results arrive late, behind the rolled-up line', async () => {
    const monitor = await newMonitor('late agent');
    const start = Date.parse('2026-11-12T00:00:00Z');
    // lvrtc's agent lost its link 01:00–02:00: the server first sees a gap there.
    const onTime = Array.from({ length: 240 }, (_, i) => ({ at: start + i * MINUTE, ok: true })).filter((r) => r.at < start + 60 * MINUTE || r.at >= start + 120 * MINUTE);
    now = new Date(start + 6 * 3_600_000);
    await store(monitor, 'lvrtc', onTime);
    await rollUpAvailability(t.deps);
    const window = [start, start + 4 * 3_600_000] as const;
    expect((await read(monitor, ...window))[0]!.some((s) => s.state === 'unknown' && s.start === start + 62 * MINUTE)).toBe(true);
    // Then its buffer replays the hour, in which the service was failing.
    const late = Array.from({ length: 60 }, (_, i) => ({ at: start + (60 + i) * MINUTE, ok: false }));
    await store(monitor, 'lvrtc', late);
    await rollUpAvailability(t.deps);
    const [timeline] = await read(monitor, ...window);
    expect(timeline).toEqual([
      { start, end: start + 60 * MINUTE, state: 'up' },
      { start: start + 60 * MINUTE, end: start + 120 * MINUTE, state: 'down' },
      { start: start + 120 * MINUTE, end: window[1], state: 'up' },
    ]);
  });

  it('drops raw months past the retention once rolled up, and the timeline stays the same', async () => {
    const monitor = await newMonitor('retention');
    const start = Date.parse('2026-06-10T00:00:00Z');
    const results = Array.from({ length: 600 }, (_, i) => ({ at: start + i * MINUTE, ok: i < 200 || i >= 230 }));
    now = new Date('2026-11-20T00:00:00Z');
    await store(monitor, 'lvrtc', results);
    await store(monitor, 'lnb', results);
    await rollUpAvailability(t.deps, { maxChunks: 100_000 });
    const before = await read(monitor, start, start + 86_400_000);
    const pruned = await pruneProbeResults(t.deps, 90);
    // 20 Nov minus 90 days is 22 Aug: June and July end before it (August does not).
    expect(pruned.cutoff).toBe('2026-08-22');
    expect(pruned.dropped).toBeGreaterThanOrEqual(1);
    const raw = await t.database.db.kysely.selectFrom('probe_results').select('at').where('monitor_id', '=', monitor.id).execute();
    expect(raw).toHaveLength(0);
    expect(await read(monitor, start, start + 86_400_000)).toEqual(before);
    expect(before[0]).toEqual([
      { start, end: start + 200 * MINUTE, state: 'up' },
      { start: start + 200 * MINUTE, end: start + 230 * MINUTE, state: 'down' },
      { start: start + 230 * MINUTE, end: start + 602 * MINUTE, state: 'up' },
      { start: start + 602 * MINUTE, end: start + 86_400_000, state: 'unknown' },
    ] satisfies Segment[]);
  });
});
