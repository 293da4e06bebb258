import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, checkMonth, isMonth, lastDayOf, monthBounds, monthHasEnded, monthInterval, monthRange } from './month.js';
import { KopaError } from '../errors.js';

const anyMonth = fc.record({ year: fc.integer({ min: 1970, max: 9000 }), month: fc.integer({ min: 1, max: 12 }) }).map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

describe('months', () => {
  it('steps across year ends both ways', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthRange('2026-05', '2026-04')).toEqual([]);
  });

  it('agrees with the UTC calendar: n months on, back again, and as many months in a range as it says', () => {
    fc.assert(
      fc.property(anyMonth, fc.integer({ min: -120, max: 120 }), (month, n) => {
        const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + n, 1));
        expect(addMonths(month, n)).toBe(date.toISOString().slice(0, 7));
        expect(addMonths(addMonths(month, n), -n)).toBe(month);
        const range = n >= 0 ? monthRange(month, addMonths(month, n)) : [];
        if (n >= 0) {
          expect(range).toHaveLength(n + 1);
          expect(range.every(isMonth)).toBe(true);
          expect(new Set(range).size).toBe(range.length);
        }
      }),
    );
  });

  it('bounds a month at local midnight in Riga (October 745 hours, March 743)', () => {
    const oct = monthBounds('Europe/Riga', '2026-10');
    expect([oct.start.toISOString(), oct.end.toISOString()]).toEqual(['2026-09-30T21:00:00.000Z', '2026-10-31T22:00:00.000Z']);
    expect((oct.end.getTime() - oct.start.getTime()) / 3_600_000).toBe(745);
    const mar = monthBounds('Europe/Riga', '2026-03');
    expect((mar.end.getTime() - mar.start.getTime()) / 3_600_000).toBe(743);
    expect(monthBounds('Europe/Riga', '2026-12').end.toISOString()).toBe('2026-12-31T22:00:00.000Z');
  });

  it('ends the last day of the month, leap years included', () => {
    expect([lastDayOf('2026-02'), lastDayOf('2024-02'), lastDayOf('2026-12'), lastDayOf('2026-04')]).toEqual(['2026-02-28', '2024-02-29', '2026-12-31', '2026-04-30']);
  });

  it('counts a month in the zone it is given: New York’s October ends six hours after Riga’s', () => {
    const riga = monthInterval('Europe/Riga', '2026-10');
    const ny = monthInterval('America/New_York', '2026-10');
    expect([ny.from.toISOString(), ny.to.toISOString()]).toEqual(['2026-10-01T04:00:00.000Z', '2026-11-01T04:00:00.000Z']);
    expect(ny.to.getTime() - riga.to.getTime()).toBe(6 * 3_600_000);
  });

  it('has ended exactly at its end instant in the zone, not a millisecond earlier', () => {
    const end = new Date('2026-11-01T04:00:00.000Z');
    expect(monthHasEnded('America/New_York', '2026-10', new Date(end.getTime() - 1))).toBe(false);
    expect(monthHasEnded('America/New_York', '2026-10', end)).toBe(true);
    expect(monthHasEnded('Europe/Riga', '2026-10', new Date(end.getTime() - 1))).toBe(true);
  });

  it('refuses months outside 1970-01 … 9998-12 and anything not YYYY-MM, as a field error on month', () => {
    for (const bad of ['1969-12', '9999-01', '2026-13', '2026-1', '', 'x']) {
      expect(() => checkMonth(bad), bad).toThrow(KopaError);
      try {
        checkMonth(bad);
      } catch (error) {
        expect((error as KopaError).errors[0]?.field).toBe('month');
      }
    }
    expect(() => checkMonth('1970-01')).not.toThrow();
    expect(() => checkMonth('9998-12')).not.toThrow();
  });
});
