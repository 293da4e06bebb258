import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMaintenance, combineLocations, combineMonitors, coversAsFilled, fillGaps, locationTimeline, summarize, type Segment, type State } from './timeline.js';

const S = 1000;
const results = (spec: string, step = 60) => [...spec].map((c, i) => ({ at: i * step * S, ok: c === '+' }));

describe('one monitor, one location (by hand, interval 60 s)', () => {
  it('confirms two failures in a row as DOWN and lets a single failure count as UP', () => {
    // + - + - - +  at 0, 60, …, 300; period [0, 360)
    const t = locationTimeline(results('+-+--+'), 60 * S, 2, 0, 360 * S);
    expect(t).toEqual([
      { start: 0, end: 180 * S, state: 'up' },
      { start: 180 * S, end: 300 * S, state: 'down' },
      { start: 300 * S, end: 360 * S, state: 'up' },
    ]);
    const s = summarize(t, 0, 360 * S);
    expect([s.upSeconds, s.downSeconds, s.unknownSeconds]).toEqual([240, 120, 0]);
    expect(s.availabilityPercent).toBeCloseTo((240 / 360) * 100, 10);
    expect(s.outages).toEqual([{ start: 180 * S, end: 300 * S, seconds: 120 }]);
  });

  it('leaves a data gap UNKNOWN after three intervals, and measures coverage', () => {
    const t = locationTimeline([{ at: 0, ok: true }, { at: 600 * S, ok: true }], 60 * S, 2, 0, 700 * S);
    const s = summarize(t, 0, 700 * S);
    expect([s.upSeconds, s.unknownSeconds]).toEqual([280, 420]);
    expect(s.availabilityPercent).toBe(100);
    expect(s.coveragePercent).toBe(40);
  });

  it('counts a confirmed outage that began before the period only inside it', () => {
    const t = locationTimeline(results('---+'), 60 * S, 2, 90 * S, 240 * S);
    const s = summarize(t, 90 * S, 240 * S);
    expect(s.outages).toEqual([{ start: 90 * S, end: 180 * S, seconds: 90 }]);
    expect(s.upSeconds).toBe(60);
  });
});

describe('several locations and monitors', () => {
  const seg = (start: number, end: number, state: 'up' | 'down' | 'unknown'): Segment => ({ start: start * S, end: end * S, state });

  it('is DOWN where a majority of the locations that know are DOWN', () => {
    const a = [seg(0, 100, 'down'), seg(100, 200, 'up')];
    const b = [seg(0, 50, 'up'), seg(50, 200, 'down')];
    const c = [seg(0, 200, 'unknown')];
    expect(combineLocations([a, b, c], 0, 200 * S)).toEqual([seg(0, 50, 'up'), seg(50, 100, 'down'), seg(100, 200, 'up')]);
  });

  it('takes a service DOWN when any critical monitor is', () => {
    const web = [seg(0, 100, 'up'), seg(100, 150, 'down'), seg(150, 300, 'up')];
    const db = [seg(0, 200, 'up'), seg(200, 300, 'unknown')];
    expect(combineMonitors([web, db], 0, 300 * S)).toEqual([seg(0, 100, 'up'), seg(100, 150, 'down'), seg(150, 200, 'up'), seg(200, 300, 'unknown')]);
  });
});

describe('maintenance', () => {
  const H = 3600 * S;
  const down = [{ start: 0, end: 10 * H, state: 'down' as const }];

  it('excludes a window announced in time and counts one announced too late as ordinary time', () => {
    const inTime = { start: 2 * H, end: 4 * H, announcedAt: 2 * H - 48 * H };
    const late = { start: 6 * H, end: 7 * H, announcedAt: 5 * H };
    const s = summarize(applyMaintenance(down, [inTime, late], 48 * H, 0, 10 * H), 0, 10 * H);
    expect(s.maintenanceSeconds).toBe(2 * 3600);
    expect(s.downSeconds).toBe(8 * 3600);
    expect(s.outages.map((o) => o.seconds)).toEqual([2 * 3600, 6 * 3600]);
    expect(s.coveragePercent).toBe(100);
  });
});

describe('properties', () => {
  it('up + down + maintenance + unknown always equals the period', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.boolean()), { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (raw, k) => {
          const rs = raw.map(([at, ok]) => ({ at: at * S, ok }));
          const t = locationTimeline(rs, 60 * S, k, 0, 10_000 * S);
          const s = summarize(applyMaintenance(t, [{ start: 100 * S, end: 900 * S, announcedAt: -1e12 }], 0, 0, 10_000 * S), 0, 10_000 * S);
          return Math.abs(s.upSeconds + s.downSeconds + s.maintenanceSeconds + s.unknownSeconds - 10_000) < 1e-9;
        },
      ),
    );
  });

  it('needing more failures to confirm never adds DOWN time', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (oks, k) => {
        const rs = oks.map((ok, i) => ({ at: i * 60 * S, ok }));
        const down = (n: number) => summarize(locationTimeline(rs, 60 * S, n, 0, 5000 * S), 0, 5000 * S).downSeconds;
        return down(k + 1) <= down(k);
      }),
    );
  });
});

describe('coversAsFilled: segments fillGaps would give back unchanged', () => {
  // Sorted, non-overlapping segments from (gap before, length, state) steps starting at `first`: gaps, empty ones, repeated states and overhangs past either end all occur.
  const segmentsFrom = (first: number, steps: [number, number, State][]) => {
    const out: Segment[] = [];
    let at = first;
    for (const [gap, length, state] of steps) {
      at += gap;
      out.push({ start: at, end: at + length, state });
      at += length;
    }
    return out;
  };
  const step = fc.tuple(fc.constantFrom(0, 0, 0, 1, 5), fc.integer({ min: 0, max: 20 }), fc.constantFrom<State>('up', 'down', 'unknown'));

  it('holds exactly when fillGaps over the window returns equal segments', () => {
    fc.assert(
      // The window often ends where the segments do: the case where only the rules inside decide.
      fc.property(fc.constantFrom(0, 0, 0, -1, 1), fc.array(step, { maxLength: 12 }), fc.option(fc.integer({ min: 1, max: 120 })), (first, steps, width) => {
        const segments = segmentsFrom(first, steps);
        const from = 0;
        const to = width ?? Math.max(1, segments.at(-1)?.end ?? 1);
        expect(coversAsFilled(segments, from, to)).toBe(JSON.stringify(fillGaps(segments, from, to, 'unknown')) === JSON.stringify(segments));
      }),
      { numRuns: 2000 },
    );
  });

  it('holds for whatever fillGaps gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.array(step, { maxLength: 12 }), fc.integer({ min: 1, max: 120 }), (first, steps, width) => {
        expect(coversAsFilled(fillGaps(segmentsFrom(first, steps), 0, width, 'unknown'), 0, width)).toBe(true);
      }),
    );
  });

  it('rejects a gap, an empty segment, a repeated state and a window not reached', () => {
    const up = (start: number, end: number): Segment => ({ start, end, state: 'up' });
    const down = (start: number, end: number): Segment => ({ start, end, state: 'down' });
    expect(coversAsFilled([up(0, 5), down(5, 10)], 0, 10)).toBe(true);
    expect(coversAsFilled([up(0, 4), down(5, 10)], 0, 10)).toBe(false);
    expect(coversAsFilled([up(0, 5), down(5, 5), up(5, 10)], 0, 10)).toBe(false);
    expect(coversAsFilled([up(0, 5), up(5, 10)], 0, 10)).toBe(false);
    expect(coversAsFilled([up(0, 5), down(5, 9)], 0, 10)).toBe(false);
    expect(coversAsFilled([up(-1, 5), down(5, 10)], 0, 10)).toBe(false);
    expect(coversAsFilled([], 0, 10)).toBe(false);
  });
});
