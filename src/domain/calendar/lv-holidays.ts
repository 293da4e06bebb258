import type { LocalDate } from '../local-date.js';
import { addDays, dateOf, isoWeekday } from './local-time.js';

/**
 * Latvian public holidays by the law "On Public Holidays, Commemoration Days and Days of
 * Celebration", generated from rules for any year.
 */
export interface Holiday {
  date: LocalDate;
  name: string;
}

/** Easter Sunday, Gregorian (anonymous algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateOf(year, month, day);
}

/** Closing days of the Song and Dance Festival (a Sunday in July); future ones are added by operators once announced. */
export const FESTIVAL_CLOSING_DAYS: Record<number, LocalDate> = { 2018: '2018-07-08', 2023: '2023-07-09' };

function nextMonday(date: LocalDate): LocalDate {
  const wd = isoWeekday(date);
  return wd === 6 ? addDays(date, 2) : wd === 7 ? addDays(date, 1) : date;
}

export function latvianHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const mayFirst = dateOf(year, 5, 1);
  const secondSundayOfMay = addDays(mayFirst, ((7 - isoWeekday(mayFirst)) % 7) + 7);
  const list: Holiday[] = [
    { date: dateOf(year, 1, 1), name: 'Jaungada diena' },
    { date: addDays(easter, -2), name: 'Lielā piektdiena' },
    { date: easter, name: 'Lieldienas' },
    { date: addDays(easter, 1), name: 'Otrās Lieldienas' },
    { date: mayFirst, name: 'Darba svētki, Latvijas Republikas Satversmes sapulces sasaukšanas diena' },
    { date: dateOf(year, 5, 4), name: 'Latvijas Republikas Neatkarības atjaunošanas diena' },
    { date: secondSundayOfMay, name: 'Mātes diena' },
    { date: addDays(easter, 49), name: 'Vasarsvētki' },
    { date: dateOf(year, 6, 23), name: 'Līgo diena' },
    { date: dateOf(year, 6, 24), name: 'Jāņu diena' },
    { date: dateOf(year, 11, 18), name: 'Latvijas Republikas proklamēšanas diena' },
    { date: dateOf(year, 12, 24), name: 'Ziemassvētku vakars' },
    { date: dateOf(year, 12, 25), name: 'Pirmie Ziemassvētki' },
    { date: dateOf(year, 12, 26), name: 'Otrie Ziemassvētki' },
    { date: dateOf(year, 12, 31), name: 'Vecgada diena' },
  ];
  const festival = FESTIVAL_CLOSING_DAYS[year];
  if (festival) list.push({ date: festival, name: 'Dziesmu un deju svētku noslēguma diena' });
  // 4 May, 18 November and the festival closing day on a weekend give the next working day off.
  const movable: [LocalDate | undefined, string][] = [
    [dateOf(year, 5, 4), '4. maija brīvdiena (pārcelta no nedēļas nogales)'],
    [dateOf(year, 11, 18), '18. novembra brīvdiena (pārcelta no nedēļas nogales)'],
    [festival, 'Svētku noslēguma brīvdiena (pārcelta no nedēļas nogales)'],
  ];
  for (const [date, name] of movable) {
    if (date && nextMonday(date) !== date) list.push({ date: nextMonday(date), name });
  }
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The Cabinet's transfer orders found so far (binding state bodies only): the weekday becomes a
 * day off and the Saturday a working day that keeps the weekday's hours, shortened day included.
 */
export interface Transfer {
  dayOff: LocalDate;
  workingDay: LocalDate;
  order: string;
}

export const LATVIAN_TRANSFERS: Transfer[] = [
  { dayOff: '2023-05-05', workingDay: '2023-05-20', order: 'MK rīkojums par darba dienas pārcelšanu 2023. gadā' },
  { dayOff: '2024-12-23', workingDay: '2024-12-14', order: 'MK 13.06.2023. rīkojums Nr. 348' },
  { dayOff: '2024-12-30', workingDay: '2024-12-28', order: 'MK 13.06.2023. rīkojums Nr. 348' },
  { dayOff: '2026-01-02', workingDay: '2026-01-17', order: 'MK rīkojums par darba dienu pārcelšanu 2026. gadā' },
  { dayOff: '2026-06-22', workingDay: '2026-06-27', order: 'MK rīkojums par darba dienu pārcelšanu 2026. gadā' },
];
