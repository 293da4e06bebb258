import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMaintenance, combineLocations, combineMonitors, fillGaps, normalize, type MaintenanceWindow, type ReportState, type Segment, type State } from './timeline.js';

/**
 * The sweep as it was written first (before it was made to allocate less, ADR 0022, 2026-12-06
 * afternoon), kept here word for word as the reference the faster one must equal.
 */
function plainSweep<S extends string>(timelines: Segment<S>[][], from: number, to: number, decide: (states: S[]) => S): Segment<S>[] {
  const cuts = new Set<number>([from, to]);
  for (const t of timelines) for (const s of t) if (s.start > from && s.start < to) cuts.add(s.start);
  const points = [...cuts].sort((a, b) => a - b);
  const index = timelines.map(() => 0);
  const out: Segment<S>[] = [];
  for (let p = 0; p + 1 < points.length; p++) {
    const start = points[p]!;
    const states = timelines.map((t, k) => {
      while (index[k]! < t.length && t[index[k]!]!.end <= start) index[k]!++;
      return t[index[k]!]!.state;
    });
    out.push({ start, end: points[p + 1]!, state: decide(states) });
  }
  return normalize(out);
}

const plainCombineLocations = (timelines: Segment[][], from: number, to: number): Segment[] =>
  timelines.length === 0
    ? [{ start: from, end: to, state: 'unknown' }]
    : plainSweep(timelines, from, to, (states) => {
        const known = states.filter((s) => s !== 'unknown');
        if (known.length === 0) return 'unknown';
        const down = known.filter((s) => s === 'down').length;
        return down * 2 > known.length ? 'down' : 'up';
      });

const plainCombineMonitors = (timelines: Segment[][], from: number, to: number): Segment[] =>
  timelines.length === 0
    ? [{ start: from, end: to, state: 'unknown' }]
    : plainSweep(timelines, from, to, (states) => (states.includes('down') ? 'down' : states.includes('unknown') ? 'unknown' : 'up'));

/** fillGaps as it was written first: pieces collected, then joined by `normalize`. */
function plainFillGaps<S extends string>(segments: Segment<S>[], from: number, to: number, fill: S): Segment<S>[] {
  const out: Segment<S>[] = [];
  let cursor = from;
  for (const s of segments) {
    const start = Math.max(s.start, from);
    const end = Math.min(s.end, to);
    if (end <= start) continue;
    if (start > cursor) out.push({ start: cursor, end: start, state: fill });
    out.push({ start, end, state: s.state });
    cursor = end;
  }
  if (cursor < to) out.push({ start: cursor, end: to, state: fill });
  return normalize(out);
}

function plainApplyMaintenance(segments: Segment[], windows: MaintenanceWindow[], noticeMs: number, from: number, to: number): Segment<ReportState>[] {
  const effective = windows.filter((w) => w.start - w.announcedAt >= noticeMs).sort((a, b) => a.start - b.start);
  const merged: Segment<'maintenance'>[] = normalize(
    effective.reduce<Segment<'maintenance'>[]>((acc, w) => {
      const last = acc[acc.length - 1];
      if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
      else acc.push({ start: w.start, end: w.end, state: 'maintenance' });
      return acc;
    }, []),
  );
  const overlay = plainFillGaps<ReportState | 'none'>(merged, from, to, 'none');
  return plainSweep<ReportState | 'none'>([segments as Segment<ReportState>[], overlay], from, to, ([state, m]) => (m === 'maintenance' ? 'maintenance' : state!)) as Segment<ReportState>[];
}

/** The answer, or the error's kind: the plain sweep fails on a timeline ending before a stretch, and so must the other. */
const outcome = (run: () => unknown) => {
  try {
    return { answer: run() };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
};

const state = fc.constantFrom<State>('up', 'down', 'unknown');
/** Sorted, non-overlapping segments: gaps, touching neighbours of one state, reaching past either end of the window or not. */
const timeline = fc
  .tuple(fc.integer({ min: -60, max: 60 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 1, max: 60 }), state), { maxLength: 12 }))
  .map(([first, parts]) => {
    const out: Segment[] = [];
    let at = first;
    for (const [gap, length, s] of parts) {
      out.push({ start: at + gap, end: at + gap + length, state: s });
      at += gap + length;
    }
    return out;
  });
/** Mostly a gap-free timeline over the window (what the callers pass), sometimes any. */
const window = fc.tuple(fc.integer({ min: -30, max: 200 }), fc.integer({ min: -10, max: 300 }));
const covering = (t: Segment[], from: number, to: number) => plainFillGaps(t, Math.min(from, to), Math.max(from, to), 'unknown');

describe('the sweep and the gap filling give what the plain ones gave', () => {
  it('combining locations and monitors, over any timelines and window', () => {
    fc.assert(
      fc.property(fc.array(timeline, { maxLength: 7 }), window, fc.boolean(), (timelines, [from, to], fill) => {
        const given = fill ? timelines.map((t) => covering(t, from, to)) : timelines;
        expect(outcome(() => combineLocations(given, from, to))).toEqual(outcome(() => plainCombineLocations(given, from, to)));
        expect(outcome(() => combineMonitors(given, from, to))).toEqual(outcome(() => plainCombineMonitors(given, from, to)));
      }),
      { numRuns: 2000 },
    );
  });

  it('laying maintenance over a timeline', () => {
    const windowAnnounced = fc.tuple(fc.integer({ min: -50, max: 300 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: -100, max: 300 })).map(([start, length, announcedAt]) => ({ start, end: start + length, announcedAt }));
    fc.assert(
      fc.property(timeline, fc.array(windowAnnounced, { maxLength: 5 }), fc.integer({ min: 0, max: 60 }), window, fc.boolean(), (t, windows, notice, [from, to], fill) => {
        const given = fill ? covering(t, from, to) : t;
        expect(outcome(() => applyMaintenance(given, windows.map((w) => ({ ...w })), notice, from, to))).toEqual(outcome(() => plainApplyMaintenance(given, windows.map((w) => ({ ...w })), notice, from, to)));
      }),
      { numRuns: 2000 },
    );
  });

  it('filling the gaps of any segments, overlapping or not, over any window', () => {
    const any = fc.array(fc.tuple(fc.integer({ min: -50, max: 300 }), fc.integer({ min: -5, max: 80 }), state), { maxLength: 12 }).map((parts) => parts.map(([start, length, s]) => ({ start, end: start + length, state: s })));
    fc.assert(
      fc.property(fc.oneof(timeline, any), window, fc.constantFrom<State>('unknown', 'up'), (t, [from, to], fill) => {
        expect(fillGaps(t, from, to, fill)).toEqual(plainFillGaps(t, from, to, fill));
      }),
      { numRuns: 3000 },
    );
  });

  it('with as many monitors as a service has', () => {
    fc.assert(
      fc.property(fc.array(timeline, { minLength: 20, maxLength: 120 }), window, (timelines, [from, to]) => {
        const given = timelines.map((t) => covering(t, from, to));
        expect(combineMonitors(given, from, to)).toEqual(plainCombineMonitors(given, from, to));
      }),
      { numRuns: 200 },
    );
  });
});
