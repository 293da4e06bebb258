import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptReachesBack, keptTimeline, windowOf } from './kept-tail.js';
import { locationTimeline, type ProbeResult } from './timeline.js';

const KEPT = 21;

/** What the raw results give a window: the last `margin` before it, those in it, the first `margin` at or after its end. */
function around(raw: ProbeResult[], from: number, to: number, margin: number): ProbeResult[] {
  const before = raw.filter((r) => r.at < from);
  return [...before.slice(Math.max(0, before.length - margin)), ...raw.filter((r) => r.at >= from && r.at < to), ...raw.filter((r) => r.at >= to).slice(0, margin)];
}

/**
 * A location's stored results, oldest first, at distinct times: mostly on its interval, some late,
 * early or missing (gaps longer than three intervals), failures in runs of any length.
 */
const stored = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })), { maxLength: 60, size: 'max' })
  .map((steps) => {
    let at = 0;
    let failing = false;
    return steps.map(([gap, flip, kind]): ProbeResult => {
      at += kind === 0 ? gap : 100;
      if (flip === 0) failing = !failing;
      return { at, ok: !failing };
    });
  });
/** A window start near one of the results (just before, at or just after it), or anywhere. */
const start = (raw: ProbeResult[], index: number, offset: number) => (raw.length === 0 ? offset : raw[index % raw.length]!.at + offset);

describe('a location timeline from its newest results, computed once and cut to each window', () => {
  it('is the timeline of the results around the window, wherever they reach back far enough', () => {
    fc.assert(
      fc.property(stored, fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 6 }), fc.nat(), fc.integer({ min: -60, max: 60 }), fc.integer({ min: 1, max: 3000 }), (raw, intervalMs, failuresToConfirm, index, offset, length) => {
        const margin = failuresToConfirm + 1;
        const from = start(raw, index, offset);
        const kept = raw.slice(-KEPT);
        const complete = raw.length < KEPT;
        const to = from + length;
        fc.pre(keptReachesBack(kept, complete, from, margin));
        expect(windowOf(keptTimeline(kept, intervalMs, failuresToConfirm), from, to)).toEqual(locationTimeline(around(raw, from, to, margin), intervalMs, failuresToConfirm, from, to));
      }),
      { numRuns: 3000 },
    );
  });

  it('reaches back exactly when at least the margin of its results lie before the window, or it holds them all', () => {
    fc.assert(
      fc.property(stored, fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 1, max: 21 }), fc.boolean(), (raw, from, margin, complete) => {
        expect(keptReachesBack(raw, complete, from, margin)).toBe(complete || raw.filter((r) => r.at < from).length >= margin);
      }),
    );
  });
});
