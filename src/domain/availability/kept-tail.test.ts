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

  it('is built for a kept row as the general timeline builds it, whatever new, late, resent or trimmed results made the row', () => {
    // A kept row as ingestion and retention leave it: the newest KEPT results by time, oldest first,
    // after any sequence of new results, late ones falling between, resent ones with the outcome
    // flipped (a time is stored once: the row keeps one of them), and trims of the oldest.
    const change = fc.oneof(
      fc.record({ kind: fc.constant('new' as const), gap: fc.integer({ min: 0, max: 400 }), ok: fc.boolean() }),
      fc.record({ kind: fc.constant('late' as const), back: fc.integer({ min: 0, max: 2000 }), ok: fc.boolean() }),
      fc.record({ kind: fc.constant('resent' as const), index: fc.nat(), ok: fc.boolean() }),
      fc.record({ kind: fc.constant('trim' as const), before: fc.integer({ min: 0, max: 3000 }) }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 80 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 6 }), (changes, intervalMs, failuresToConfirm) => {
        let row: ProbeResult[] = [];
        let newest = 0;
        const put = (r: ProbeResult) => {
          row = [...row.filter((x) => x.at !== r.at), r].sort((a, b) => a.at - b.at).slice(-KEPT);
        };
        for (const c of changes) {
          if (c.kind === 'new') put({ at: (newest += c.gap), ok: c.ok });
          else if (c.kind === 'late') put({ at: newest - c.back, ok: c.ok });
          else if (c.kind === 'resent' && row.length > 0) put({ at: row[c.index % row.length]!.at, ok: c.ok });
          else if (c.kind === 'trim') row = row.filter((r) => r.at >= newest - c.before);
          expect(keptTimeline(row, intervalMs, failuresToConfirm)).toEqual(locationTimeline(row, intervalMs, failuresToConfirm, -Infinity, Infinity));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is the general timeline for any results, out of order or at the same instant too', () => {
    const results = fc.array(fc.record({ at: fc.integer({ min: -50, max: 500 }), ok: fc.boolean() }), { maxLength: 30 });
    fc.assert(
      fc.property(results, fc.boolean(), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 6 }), (raw, sorted, intervalMs, failuresToConfirm) => {
        const given = sorted ? [...raw].sort((a, b) => a.at - b.at) : raw;
        expect(keptTimeline(given, intervalMs, failuresToConfirm)).toEqual(locationTimeline(given, intervalMs, failuresToConfirm, -Infinity, Infinity));
      }),
      { numRuns: 3000 },
    );
  });
});
