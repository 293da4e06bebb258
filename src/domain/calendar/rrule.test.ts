import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandRecurrence, occurrenceShape, parseRecurrence, shiftOccurrence, type RecurrenceRule } from './rrule.js';
import { isoWeekday, localDateOf, zoneOffsetMs } from './local-time.js';

const ZONE = 'Europe/Riga';
const rule = (text: string): RecurrenceRule => {
  const parsed = parseRecurrence(text, ZONE);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
};
/** "HH:MM" on Riga's wall clock. */
const rigaClock = (ms: number) => new Date(ms + zoneOffsetMs(ZONE, ms)).toISOString().slice(11, 16);
const FAR = Date.parse('2040-01-01T00:00:00Z');

describe('RRULE subset: parsing', () => {
  it('reads the supported parts', () => {
    expect(rule('FREQ=MONTHLY;BYDAY=2TU')).toEqual({ freq: 'MONTHLY', interval: 1, byDay: [{ weekday: 2, ordinal: 2 }], count: null, until: null });
    expect(rule('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;COUNT=10')).toMatchObject({ freq: 'WEEKLY', interval: 2, byDay: [{ weekday: 1, ordinal: null }, { weekday: 5, ordinal: null }], count: 10 });
    expect(rule('FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231').until).toBe(Date.parse('2027-12-31T22:00:00Z') - 1);
    expect(rule('FREQ=DAILY;UNTIL=20270101T120000Z').until).toBe(Date.parse('2027-01-01T12:00:00Z'));
  });

  it('refuses what it does not understand, saying what', () => {
    const refused = (text: string) => {
      const parsed = parseRecurrence(text, ZONE);
      return parsed.ok ? null : parsed.message;
    };
    expect(refused('FREQ=YEARLY')).toMatch(/FREQ/);
    expect(refused('FREQ=MONTHLY;BYMONTHDAY=1')).toMatch(/BYMONTHDAY is not supported/);
    expect(refused('FREQ=HOURLY')).toMatch(/FREQ/);
    expect(refused('FREQ=WEEKLY;BYDAY=2TU')).toMatch(/ordinal/);
    expect(refused('FREQ=MONTHLY;BYDAY=6TU')).toMatch(/ordinal/);
    expect(refused('FREQ=MONTHLY;COUNT=2;UNTIL=20270101')).toMatch(/COUNT and UNTIL/);
    expect(refused('FREQ=DAILY;COUNT=0')).toMatch(/COUNT/);
    expect(refused('FREQ=DAILY;INTERVAL=x')).toMatch(/INTERVAL/);
    expect(refused('FREQ=DAILY;UNTIL=20270230')).toMatch(/UNTIL/);
    expect(refused('FREQ=DAILY;FREQ=WEEKLY')).toMatch(/twice/);
    expect(refused('FREQ=DAILY;WKST=SU')).toMatch(/WKST/);
    expect(refused('')).toMatch(/empty/);
    expect(refused('FREQ')).toMatch(/NAME=VALUE/);
  });
});

describe('RRULE subset: expansion', () => {
  // The second Tuesday of October 2026 is the 13th; the first occurrence 22:00–01:00 Riga time (EEST).
  const first = { start: Date.parse('2026-10-13T19:00:00Z'), end: Date.parse('2026-10-13T22:00:00Z') };
  const shape = occurrenceShape(ZONE, first.start, first.end);

  it('reads the first occurrence as Riga wall-clock times', () => {
    expect(shape).toEqual({ zone: ZONE, firstDate: '2026-10-13', startMinutes: 22 * 60, endDays: 1, endMinutes: 60 });
  });

  it('keeps 22:00 Riga time across the October change: the UTC start moves by an hour', () => {
    const [oct, nov] = expandRecurrence(rule('FREQ=MONTHLY;BYDAY=2TU;COUNT=2'), shape, FAR);
    expect(new Date(oct!.startMs).toISOString()).toBe('2026-10-13T19:00:00.000Z');
    expect(new Date(nov!.startMs).toISOString()).toBe('2026-11-10T20:00:00.000Z');
    expect(nov!.endMs - nov!.startMs).toBe(3 * 3_600_000);
  });

  it('every occurrence of FREQ=MONTHLY;BYDAY=2TU starts 22:00 Riga time on a second Tuesday, lasts 3 h, and COUNT is kept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 12 }), fc.integer({ min: 1, max: 40 }), (monthsFromNow, count) => {
        const year = 2026 + Math.floor(monthsFromNow / 12);
        const month = (monthsFromNow % 12) + 1;
        // The second Tuesday of that month, 22:00–01:00 Riga time, as the first occurrence.
        let day = 1;
        while (isoWeekday(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`) !== 2) day++;
        const date = `${year}-${String(month).padStart(2, '0')}-${String(day + 7).padStart(2, '0')}`;
        const s = { zone: ZONE, firstDate: date, startMinutes: 22 * 60, endDays: 1, endMinutes: 60 };
        const occurrences = expandRecurrence(rule(`FREQ=MONTHLY;BYDAY=2TU;COUNT=${count}`), s, FAR + 40 * 365 * 86_400_000);
        expect(occurrences).toHaveLength(count);
        for (const o of occurrences) {
          expect(rigaClock(o.startMs)).toBe('22:00');
          expect(rigaClock(o.endMs)).toBe('01:00');
          const local = localDateOf(ZONE, o.startMs);
          expect(isoWeekday(local)).toBe(2);
          expect(Math.ceil(Number(local.slice(8, 10)) / 7)).toBe(2);
          expect(o.endMs - o.startMs).toBe(3 * 3_600_000);
        }
        // One a month, in order, none twice.
        for (let i = 1; i < occurrences.length; i++) expect(occurrences[i]!.date.slice(0, 7) > occurrences[i - 1]!.date.slice(0, 7)).toBe(true);
      }),
    );
  });

  it('any supported rule gives occurrences in order, on or after the first date, within COUNT and UNTIL, at the same wall-clock time', () => {
    const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
    const text = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.array(weekday, { maxLength: 3 })).map(([i, days]) => `FREQ=DAILY;INTERVAL=${i}${days.length ? `;BYDAY=${[...new Set(days)].join(',')}` : ''}`),
      fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(weekday, { maxLength: 3 })).map(([i, days]) => `FREQ=WEEKLY;INTERVAL=${i}${days.length ? `;BYDAY=${[...new Set(days)].join(',')}` : ''}`),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.constantFrom(-2, -1, 1, 2, 3, 4), weekday).map(([i, n, d]) => `FREQ=MONTHLY;INTERVAL=${i};BYDAY=${n}${d}`),
      fc.integer({ min: 1, max: 3 }).map((i) => `FREQ=MONTHLY;INTERVAL=${i}`),
    );
    const bound = fc.oneof(fc.integer({ min: 1, max: 30 }).map((n) => `;COUNT=${n}`), fc.constantFrom(';UNTIL=20280301', ''));
    fc.assert(
      fc.property(text, bound, fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 23 * 60 }), (t, b, offsetDays, minutes) => {
        const r = rule(t + b);
        const firstDate = new Date(Date.parse('2026-01-01T00:00:00Z') + offsetDays * 86_400_000).toISOString().slice(0, 10);
        const horizon = Date.parse('2029-01-01T00:00:00Z');
        const occurrences = expandRecurrence(r, { zone: ZONE, firstDate, startMinutes: minutes, endDays: 0, endMinutes: minutes + 30 }, horizon);
        if (r.count !== null) expect(occurrences.length).toBeLessThanOrEqual(r.count);
        const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        for (const [i, o] of occurrences.entries()) {
          expect(o.date >= firstDate).toBe(true);
          expect(o.startMs).toBeLessThanOrEqual(horizon);
          if (r.until !== null) expect(o.startMs).toBeLessThanOrEqual(r.until);
          if (i > 0) expect(o.startMs).toBeGreaterThan(occurrences[i - 1]!.startMs);
          // 03:00–04:00 on the spring-forward night does not exist; the rule reads it with the offset before the jump.
          if (minutes < 180 || minutes >= 240) expect(rigaClock(o.startMs)).toBe(clock);
          if (r.byDay.length && r.freq !== 'MONTHLY') expect(r.byDay.map((d) => d.weekday)).toContain(isoWeekday(o.date));
        }
      }),
    );
  });

  it('takes the last Friday with -1FR, skips months without a 5th Monday, and INTERVAL skips periods', () => {
    const dates = (text: string, firstDate: string, n = 99) => expandRecurrence(rule(text), { zone: ZONE, firstDate, startMinutes: 600, endDays: 0, endMinutes: 660 }, Date.parse('2027-12-31T00:00:00Z')).slice(0, n).map((o) => o.date);
    expect(dates('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-10-01')).toEqual(['2026-10-30', '2026-11-27', '2026-12-25']);
    expect(dates('FREQ=MONTHLY;BYDAY=5MO;COUNT=3', '2026-01-01')).toEqual(['2026-03-30', '2026-06-29', '2026-08-31']);
    expect(dates('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=4', '2026-11-03')).toEqual(['2026-11-03', '2026-11-05', '2026-11-17', '2026-11-19']);
    expect(dates('FREQ=MONTHLY;COUNT=4', '2026-01-31')).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31']);
    expect(dates('FREQ=DAILY;BYDAY=SA,SU;UNTIL=20261115', '2026-11-05')).toEqual(['2026-11-07', '2026-11-08', '2026-11-14', '2026-11-15']);
  });

  it('a later horizon continues the same sequence; COUNT counts from the first occurrence', () => {
    const r = rule('FREQ=MONTHLY;BYDAY=2TU;COUNT=14');
    const near = expandRecurrence(r, shape, Date.parse('2027-06-01T00:00:00Z'));
    const far = expandRecurrence(r, shape, FAR);
    expect(near.length).toBe(8);
    expect(far.slice(0, near.length)).toEqual(near);
    expect(far).toHaveLength(14);
  });
});

describe('shiftOccurrence', () => {
  const zone = 'Europe/Riga';
  it('moves every occurrence by the same wall-clock minutes across the October clock change', () => {
    // Edited: 13 Oct 22:00–01:00 EEST (19:00–22:00 UTC) became 21:00–01:30.
    const from = occurrenceShape(zone, Date.parse('2026-10-13T19:00:00Z'), Date.parse('2026-10-13T22:00:00Z'));
    const to = occurrenceShape(zone, Date.parse('2026-10-13T18:00:00Z'), Date.parse('2026-10-13T22:30:00Z'));
    // 10 Nov 22:00–01:00 EET (20:00–23:00 UTC) becomes 21:00–01:30 EET too.
    const moved = shiftOccurrence(zone, { startMs: Date.parse('2026-11-10T20:00:00Z'), endMs: Date.parse('2026-11-10T23:00:00Z') }, from, to);
    expect([new Date(moved.startMs).toISOString(), new Date(moved.endMs).toISOString()]).toEqual(['2026-11-10T19:00:00.000Z', '2026-11-10T23:30:00.000Z']);
  });
  it('leaves an occurrence where it is when the edited one did not move', () => {
    const same = occurrenceShape(zone, Date.parse('2026-10-13T19:00:00Z'), Date.parse('2026-10-13T22:00:00Z'));
    expect(shiftOccurrence(zone, { startMs: 1_800_000_000_000, endMs: 1_800_003_600_000 }, same, same)).toEqual({ startMs: 1_800_000_000_000, endMs: 1_800_003_600_000 });
  });
});
