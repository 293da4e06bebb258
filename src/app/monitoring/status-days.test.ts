import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, type ReportState, type Segment } from '../../domain/availability/timeline.js';
import { figuresOf, joinFigures } from './status-days.js';

const STATES: ReportState[] = ['up', 'down', 'maintenance', 'unknown'];

/** A status timeline as the page builds it: covering [0, end) without gaps, adjacent runs merged. */
const timeline = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.constantFrom(...STATES)), { minLength: 1, maxLength: 12 })
  .map((parts) => {
    let at = 0;
    return normalize(parts.map(([length, state]): Segment<ReportState> => ({ start: at, end: (at += length), state })));
  });

describe('a day kept up to its settled line', () => {
  it('joined with the figures past the line, gives the figures of the whole day', () => {
    fc.assert(
      fc.property(timeline, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (segments, a, b, c, d) => {
        const end = segments.at(-1)!.end;
        // A day [start, dayEnd), the settled line inside it, and now anywhere from the line on (today, or a later day).
        const [start, line, dayEnd] = [a % end, b % end, d % (end + 1)].sort((x, y) => x - y) as [number, number, number];
        fc.pre(start < line && line < dayEnd);
        const now = line + (c % (end - line + 1));
        const day = { date: '2026-12-06', start, end: dayEnd };
        const settled = figuresOf(segments, { ...day, end: line }, line);
        const rest = figuresOf(segments, { ...day, start: line }, now);
        expect(joinFigures(settled, rest, line)).toEqual(figuresOf(segments, day, now));
      }),
      { numRuns: 2000 },
    );
  });
});
