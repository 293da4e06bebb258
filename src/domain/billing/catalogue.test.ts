import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMonth, monthRange } from './catalogue.js';

describe('monthRange', () => {
  it('lists the months between two months, both included, across a year end', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthRange('2026-05', '2026-04')).toEqual([]);
  });

  it('gives consecutive valid months, as many as the calendar says', () => {
    const month = fc.record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(month, fc.integer({ min: 0, max: 60 }), (start, span) => {
        const from = `${start.year}-${String(start.month).padStart(2, '0')}`;
        const end = new Date(Date.UTC(start.year, start.month - 1 + span, 1));
        const to = end.toISOString().slice(0, 7);
        const months = monthRange(from, to);
        expect(months).toHaveLength(span + 1);
        expect(months[0]).toBe(from);
        expect(months.at(-1)).toBe(to);
        expect(months.every(isMonth)).toBe(true);
        expect(new Set(months).size).toBe(months.length);
      }),
    );
  });
});
