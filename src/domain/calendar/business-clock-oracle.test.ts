import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessClock } from './business-clock.js';
import { DayResolver, latvianCalendar } from './calendar.js';

/*
 * An oracle for business time in the `lv` calendar that shares no code with Kopa: Riga wall-clock
 * time comes from the platform's Intl time-zone data, the days from the reference lists in
 * test/fixtures/lv-calendar.md, and business time is counted one minute at a time. It is slow on
 * purpose and only knows 2025–2027, the years the reference lists cover.
 */
const MINUTE = 60_000;
const HOUR = 3_600_000;
const FIRST = Date.UTC(2025, 0, 1);
const LAST = Date.UTC(2028, 0, 1) - 7 * 24 * HOUR; // room for a deadline a week ahead

const MONTHS: Record<string, string> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };

function referenceDays(): { offWeekdays: Set<string>; workingSaturdays: Set<string>; shortened: Set<string> } {
  const text = readFileSync(new URL('../../../test/fixtures/lv-calendar.md', import.meta.url), 'utf8');
  const sets = { offWeekdays: new Set<string>(), workingSaturdays: new Set<string>(), shortened: new Set<string>() };
  const labels: [keyof typeof sets, string][] = [['offWeekdays', 'Weekdays that are not working days'], ['workingSaturdays', 'Working Saturdays'], ['shortened', 'Shortened working days']];
  for (const section of text.split(/^## /m).slice(1)) {
    const year = section.slice(0, 4);
    for (const [key, label] of labels) {
      const line = section.split('\n').find((l) => l.startsWith(label))!;
      const body = line.slice(line.indexOf(': ') + 2).trim();
      if (body === 'none') continue;
      for (const item of body.split(',')) {
        const [, day, month] = item.trim().split(' ');
        sets[key].add(`${year}-${MONTHS[month!]}-${day}`);
      }
    }
  }
  return sets;
}

const reference = referenceDays();
const riga = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Riga's local date, weekday (1 = Monday) and minute of the day at an instant, from Intl. */
function rigaWallClock(ms: number): { date: string; weekday: number; minute: number } {
  const parts = Object.fromEntries(riga.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday!]!, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

// Riga's offset is whole hours and changes only on a UTC hour, so one Intl call per UTC hour suffices.
const hourCache = new Map<number, { date: string; weekday: number; minute: number }>();
function wallClockAt(ms: number): { date: string; weekday: number; minute: number } {
  const hour = Math.floor(ms / HOUR) * HOUR;
  let start = hourCache.get(hour);
  if (!start) hourCache.set(hour, (start = rigaWallClock(hour)));
  return { ...start, minute: start.minute + (ms - hour) / MINUTE };
}

/** Is the minute starting at `ms` working time: Mon–Fri and working Saturdays, 08:30–17:00 (16:00 on shortened days)? */
function isWorkingMinute(ms: number): boolean {
  const { date, weekday, minute } = wallClockAt(ms);
  const working = (weekday <= 5 && !reference.offWeekdays.has(date)) || (weekday === 6 && reference.workingSaturdays.has(date));
  if (!working) return false;
  return minute >= 8 * 60 + 30 && minute < (reference.shortened.has(date) ? 16 * 60 : 17 * 60);
}

function oracleMinutes(from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t += MINUTE) if (isWorkingMinute(t)) n++;
  return n;
}

function oracleDeadline(start: number, minutes: number): number {
  if (minutes === 0) return start;
  let counted = 0;
  for (let t = start; ; t += MINUTE) {
    if (isWorkingMinute(t) && ++counted === minutes) return t + MINUTE;
  }
}

describe('business time in the lv calendar against an Intl and reference-list oracle', () => {
  const clock = new BusinessClock(new DayResolver(latvianCalendar()));

  it('the oracle itself knows a plain day, a shortened day, a holiday and a working Saturday', () => {
    // Hand-checked against the reference lists: Tue 24 Nov 2026 08:30–17:00 (UTC+2).
    expect(oracleMinutes(Date.UTC(2026, 10, 24), Date.UTC(2026, 10, 25))).toBe(510);
    expect(oracleMinutes(Date.UTC(2026, 3, 2), Date.UTC(2026, 3, 3))).toBe(450); // Thu 2 Apr 2026 ends 16:00
    expect(oracleMinutes(Date.UTC(2026, 3, 3), Date.UTC(2026, 3, 4))).toBe(0); // Good Friday
    expect(oracleMinutes(Date.UTC(2026, 0, 17), Date.UTC(2026, 0, 18))).toBe(510); // working Saturday
    expect(isWorkingMinute(Date.UTC(2026, 10, 24, 6, 29))).toBe(false); // 08:29 Riga
    expect(isWorkingMinute(Date.UTC(2026, 10, 24, 6, 30))).toBe(true); // 08:30 Riga
    expect(isWorkingMinute(Date.UTC(2026, 6, 14, 5, 30))).toBe(true); // 08:30 Riga in summer (UTC+3)
  });

  it('agrees on every hour of 2025–2027 (UTC hours, so the zone and DST changes show)', () => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += HOUR) {
      const expected = oracleMinutes(t, t + HOUR);
      const actual = clock.durationMinutes(t, t + HOUR);
      if (actual !== expected) mismatches.push(`${new Date(t).toISOString()}: ${actual} ≠ ${expected}`);
      if (mismatches.length >= 5) break;
    }
    expect(mismatches).toEqual([]);
  });

  const instant = fc.integer({ min: FIRST / MINUTE, max: LAST / MINUTE }).map((m) => m * MINUTE);

  it('agrees on business(a, b) over spans of up to five days (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5 * 24 * 60 }), (a, span) => clock.durationMinutes(a, a + span * MINUTE) === oracleMinutes(a, a + span * MINUTE)),
      { numRuns: 200 },
    );
  });

  it('agrees on deadline(start, minutes) (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 1500 }), (start, minutes) => clock.deadline(start, minutes) === oracleDeadline(start, minutes)),
      { numRuns: 200 },
    );
  });

  it('agrees at the edges: the DST changes, Easter, Midsummer and the year ends', () => {
    const edges = ['2025-03-28T13:59:00Z', '2025-10-24T13:30:00Z', '2026-03-27T14:00:00Z', '2026-06-19T13:00:00Z', '2026-10-23T13:30:00Z', '2026-12-23T13:30:00Z', '2027-03-25T12:30:00Z', '2027-06-22T12:00:00Z', '2027-12-23T13:00:00Z'];
    for (const edge of edges) {
      const start = Date.parse(edge);
      for (const minutes of [1, 30, 61, 510, 1200]) expect(clock.deadline(start, minutes), `${edge} + ${minutes}`).toBe(oracleDeadline(start, minutes));
    }
  });
});
