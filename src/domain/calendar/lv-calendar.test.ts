import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DayResolver, latvianCalendar } from './calendar.js';
import { addDays, dateOf, isoWeekday } from './local-time.js';
import { easterSunday } from './lv-holidays.js';

/** The reference lists (shared/reference/lv-calendar.md, copied into test/fixtures), parsed. */
function referenceLists(): Map<number, { offWeekdays: string[]; workingSaturdays: string[]; shortened: string[] }> {
  const text = readFileSync(new URL('../../../test/fixtures/lv-calendar.md', import.meta.url), 'utf8');
  const months: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
  const result = new Map();
  for (const section of text.split(/^## /m).slice(1)) {
    const year = Number(section.slice(0, 4));
    const list = (label: string) => {
      const line = section.split('\n').find((l) => l.startsWith(label))!;
      const body = line.slice(line.indexOf(': ') + 2).trim();
      if (body === 'none') return [];
      return body.split(',').map((item) => {
        const [, day, month] = item.trim().split(' ');
        return dateOf(year, months[month!]!, Number(day));
      });
    };
    result.set(year, {
      offWeekdays: list('Weekdays that are not working days'),
      workingSaturdays: list('Working Saturdays'),
      shortened: list('Shortened working days'),
    });
  }
  return result;
}

function yearDays(year: number): string[] {
  const days: string[] = [];
  for (let d = dateOf(year, 1, 1); d.startsWith(String(year)); d = addDays(d, 1)) days.push(d);
  return days;
}

describe('the built-in Latvian calendar reproduces the reference lists', () => {
  const resolver = new DayResolver(latvianCalendar());
  const reference = referenceLists();

  it('has the years 2025, 2026 and 2027 to check', () => {
    expect([...reference.keys()]).toEqual([2025, 2026, 2027]);
  });

  for (const [year, expected] of reference) {
    const days = yearDays(year).map((d) => resolver.day(d));
    it(`${year}: weekdays that are not working days`, () => {
      expect(days.filter((d) => isoWeekday(d.date) <= 5 && d.kind === 'off').map((d) => d.date)).toEqual(expected.offWeekdays);
    });
    it(`${year}: working Saturdays`, () => {
      expect(days.filter((d) => isoWeekday(d.date) === 6 && d.kind !== 'off').map((d) => d.date)).toEqual(expected.workingSaturdays);
    });
    it(`${year}: shortened days end at 16:00`, () => {
      const shortened = days.filter((d) => d.kind === 'shortened');
      expect(shortened.map((d) => d.date)).toEqual(expected.shortened);
      for (const d of shortened) expect(d.slots).toEqual([{ opens: 510, closes: 960 }]);
    });
    it(`${year}: no Sunday works and every other working day is 08:30–17:00`, () => {
      expect(days.filter((d) => isoWeekday(d.date) === 7 && d.kind !== 'off')).toEqual([]);
      for (const d of days.filter((x) => x.kind === 'working')) expect(d.slots).toEqual([{ opens: 510, closes: 1020 }]);
    });
  }
});

describe('holiday rules', () => {
  it('computes Easter Sunday (known dates)', () => {
    expect(['2024', '2025', '2026', '2027', '2028', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16', '2038-04-25',
    ]);
  });

  it('moves 18 November on a Sunday to Monday (2029), and 4 May on a Saturday to Monday (2030)', () => {
    const r = new DayResolver(latvianCalendar());
    expect(r.day('2029-11-19').kind).toBe('off');
    expect(r.day('2030-05-06').kind).toBe('off');
    expect(r.day('2030-05-07').kind).toBe('working');
  });

  it('gives the Monday after the 2023 festival closing day off, with the transfer of 5 May 2023', () => {
    const r = new DayResolver(latvianCalendar());
    expect(r.day('2023-07-10').kind).toBe('off');
    expect(r.day('2023-05-05').kind).toBe('off');
    expect(r.day('2023-05-20')).toMatchObject({ kind: 'working', slots: [{ opens: 510, closes: 1020 }] });
    expect(r.day('2024-12-14').kind).toBe('shortened'); // stands in for Mon 23 Dec 2024, the day before Christmas Eve
  });

  it("lets an operator's exception win over the rules", () => {
    const r = new DayResolver(
      latvianCalendar([
        { date: '2023-05-29', kind: 'day_off', reason: 'Hokeja bronzas diena' },
        { date: '2026-11-17', kind: 'working_day', reason: 'Pilna darba diena pēc vienošanās' },
        { date: '2026-12-28', kind: 'custom_hours', slots: [{ opens: 600, closes: 720 }], reason: 'Inventarizācija' },
      ]),
    );
    expect(r.day('2023-05-29')).toMatchObject({ kind: 'off', reason: 'Hokeja bronzas diena' });
    expect(r.day('2026-11-17')).toMatchObject({ kind: 'working', slots: [{ opens: 510, closes: 1020 }] });
    expect(r.day('2026-12-28')).toMatchObject({ kind: 'shortened', slots: [{ opens: 600, closes: 720 }] });
  });
});
