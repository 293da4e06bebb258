import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessClock, NoWorkingTimeError } from './business-clock.js';
import { DayResolver, latvianCalendar, weeklyOf, type CalendarSpec } from './calendar.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const lv = () => new BusinessClock(new DayResolver(latvianCalendar()));

describe('business time in the lv calendar, hand-computed', () => {
  const clock = lv();

  it('counts a plain working day: 08:30–17:00 Riga is 8 h 30 min', () => {
    // 2026-11-24 is a Tuesday in winter time (UTC+2): 06:30Z–15:00Z.
    expect(clock.durationMinutes(at('2026-11-24T00:00:00Z'), at('2026-11-25T00:00:00Z'))).toBe(510);
    expect(clock.deadline(at('2026-11-24T06:30:00Z'), 510)).toBe(at('2026-11-24T15:00:00Z'));
  });

  it('skips Easter 2026: Thu 2 Apr ends 16:00, Fri 3 and Mon 6 Apr are off', () => {
    // Thu 2 Apr 15:00 Riga (UTC+3) = 12:00Z; 60 min left that day (to 16:00), then Tue 7 Apr 08:30.
    expect(clock.deadline(at('2026-04-02T12:00:00Z'), 60)).toBe(at('2026-04-02T13:00:00Z'));
    expect(clock.deadline(at('2026-04-02T12:00:00Z'), 61)).toBe(at('2026-04-07T05:31:00Z'));
    expect(clock.durationMinutes(at('2026-04-02T12:00:00Z'), at('2026-04-07T06:30:00Z'))).toBe(60 + 60);
  });

  it('handles Midsummer 2026: Mon 22 Jun transferred off, 23–24 Jun holidays, Sat 27 Jun works until 16:00', () => {
    // Fri 19 Jun 16:00 Riga = 13:00Z. 60 min left on Friday; the next working time is Thu 25 Jun.
    expect(clock.deadline(at('2026-06-19T13:00:00Z'), 120)).toBe(at('2026-06-25T06:30:00Z'));
    // The whole week 22–28 Jun: Thu 510 + Fri 510 + Sat 450 (08:30–16:00).
    expect(clock.durationMinutes(at('2026-06-22T00:00:00Z'), at('2026-06-29T00:00:00Z'))).toBe(510 + 510 + 450);
  });

  it('handles Christmas 2026: Wed 23 Dec ends 16:00, 24–25 Dec off, 28–29 Dec full, 30 Dec ends 16:00, 31 Dec off', () => {
    expect(clock.durationMinutes(at('2026-12-21T00:00:00Z'), at('2027-01-04T00:00:00Z'))).toBe(510 + 510 + 450 + 510 + 510 + 450);
    // Wed 23 Dec 15:30 Riga (UTC+2) = 13:30Z: 30 min left, then Mon 28 Dec.
    expect(clock.deadline(at('2026-12-23T13:30:00Z'), 45)).toBe(at('2026-12-28T06:45:00Z'));
  });

  it('is exact across the spring DST change (29 Mar 2026: UTC+2 → UTC+3)', () => {
    // Fri 27 Mar 16:00 Riga = 14:00Z (UTC+2): 60 min left; Mon 30 Mar 08:30 Riga = 05:30Z (UTC+3), +30 min.
    expect(clock.deadline(at('2026-03-27T14:00:00Z'), 90)).toBe(at('2026-03-30T06:00:00Z'));
    expect(clock.durationMinutes(at('2026-03-27T14:00:00Z'), at('2026-03-30T06:00:00Z'))).toBe(90);
  });

  it('is exact across the autumn DST change (25 Oct 2026: UTC+3 → UTC+2)', () => {
    // Fri 23 Oct 16:30 Riga = 13:30Z (UTC+3); Mon 26 Oct 08:30 Riga = 06:30Z (UTC+2).
    expect(clock.deadline(at('2026-10-23T13:30:00Z'), 60)).toBe(at('2026-10-26T07:00:00Z'));
    // A whole week in each regime has the same business time: 5 × 510.
    expect(clock.durationMinutes(at('2026-10-19T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toBe(2550);
    expect(clock.durationMinutes(at('2026-10-26T00:00:00Z'), at('2026-11-02T00:00:00Z'))).toBe(2550);
  });

  it('counts a working Saturday (17 Jan 2026) and skips the transferred Friday (2 Jan 2026)', () => {
    expect(clock.durationMinutes(at('2026-01-01T00:00:00Z'), at('2026-01-05T00:00:00Z'))).toBe(0);
    expect(clock.durationMinutes(at('2026-01-17T00:00:00Z'), at('2026-01-18T00:00:00Z'))).toBe(510);
  });

  it('starts the clock at opening time for a ticket raised at night', () => {
    // Sun 29 Nov 2026 23:00 Riga; P1 reaction 60 min → Mon 30 Nov 09:30 Riga = 07:30Z.
    expect(iso(clock.deadline(at('2026-11-29T21:00:00Z'), 60))).toBe('2026-11-30T07:30:00.000Z');
  });
});

describe('other calendars', () => {
  it('a 24×7 calendar counts wall time, even across DST (23 h and 25 h days)', () => {
    const spec: CalendarSpec = { id: '24x7', zone: 'Europe/Riga', weekly: weeklyOf([{ opens: 0, closes: 1440 }], [1, 2, 3, 4, 5, 6, 7]), rules: null, exceptions: [] };
    const clock = new BusinessClock(new DayResolver(spec));
    expect(clock.durationMinutes(at('2026-03-28T22:00:00Z'), at('2026-03-29T21:00:00Z'))).toBe(23 * 60);
    expect(clock.durationMinutes(at('2026-10-24T21:00:00Z'), at('2026-10-25T22:00:00Z'))).toBe(25 * 60);
    expect(clock.deadline(at('2026-03-28T23:00:00Z'), 180)).toBe(at('2026-03-29T02:00:00Z'));
  });

  it('split days with a lunch break', () => {
    const spec: CalendarSpec = { id: 'lunch', zone: 'Europe/Riga', weekly: weeklyOf([{ opens: 480, closes: 720 }, { opens: 780, closes: 1020 }]), rules: null, exceptions: [] };
    const clock = new BusinessClock(new DayResolver(spec));
    // Tue 24 Nov 2026 11:30 Riga = 09:30Z; 60 min → 30 before lunch, 30 after → 13:30 Riga = 11:30Z.
    expect(clock.deadline(at('2026-11-24T09:30:00Z'), 60)).toBe(at('2026-11-24T11:30:00Z'));
  });

  it('refuses to search forever in a calendar without working time', () => {
    const spec: CalendarSpec = { id: 'never', zone: 'Europe/Riga', weekly: weeklyOf([], []), rules: null, exceptions: [] };
    expect(() => new BusinessClock(new DayResolver(spec)).deadline(at('2026-01-01T00:00:00Z'), 1)).toThrow(NoWorkingTimeError);
  });
});

// Agreement with an oracle that shares no code with the clock (Intl time zones and the reference
// lists, minute by minute) is in business-clock-oracle.test.ts.
describe('properties over three years', () => {
  const clock = lv();
  const instant = fc.integer({ min: at('2025-01-01T00:00:00Z') / 60_000, max: at('2027-12-31T00:00:00Z') / 60_000 }).map((m) => m * 60_000);
  const minutes = fc.integer({ min: 0, max: 6000 });

  it('is additive: business(a, c) = business(a, b) + business(b, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p - q) as [number, number, number];
        return clock.durationMs(x, z) === clock.durationMs(x, y) + clock.durationMs(y, z);
      }),
    );
  });

  it('is the inverse of the deadline: business(s, deadline(s, m)) = m minutes', () => {
    fc.assert(fc.property(instant, minutes, (s, m) => clock.durationMs(s, clock.deadline(s, m)) === m * 60_000));
  });

  it('is monotonic: more minutes never give an earlier deadline, later starts never an earlier one', () => {
    fc.assert(
      fc.property(instant, instant, minutes, minutes, (s1, s2, m1, m2) => {
        const [a, b] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [m, n] = m1 <= m2 ? [m1, m2] : [m2, m1];
        return clock.deadline(a, m) <= clock.deadline(a, n) && clock.deadline(a, m) <= clock.deadline(b, m);
      }),
    );
  });
});
