import { addDays, type ClockSlot } from './business-minutes';
import { dateFormat } from './format';
import { currentLanguage } from './i18n';

function intlLocale(): string {
  return currentLanguage() === 'lv' ? 'lv-LV' : 'en-GB';
}

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase(intlLocale()) + text.slice(1);
}

/** "novembris" / "November" for a month YYYY-MM, in the UI language. */
export function monthName(month: string): string {
  return dateFormat(intlLocale(), { month: 'long', timeZone: 'UTC' }).format(utcDate(`${month}-01`));
}

/** Weekday names Monday first, short and long, in the UI language. */
export function weekdayNames(): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = utcDate(addDays('2024-01-01', i));
    return {
      short: capitalise(dateFormat(intlLocale(), { weekday: 'short', timeZone: 'UTC' }).format(date)),
      long: capitalise(dateFormat(intlLocale(), { weekday: 'long', timeZone: 'UTC' }).format(date)),
    };
  });
}

/** "pirmdiena, 2. novembris" / "Monday 2 November". */
export function longDate(date: string, withYear = false): string {
  return dateFormat(intlLocale(), { weekday: 'long', day: 'numeric', month: 'long', ...(withYear && { year: 'numeric' }), timeZone: 'UTC' }).format(utcDate(date));
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
  return (utcDate(date).getUTCDay() + 6) % 7;
}

/** "08:30–17:00", several slots joined with commas. */
export function formatSlots(slots: ClockSlot[]): string {
  return slots.map((s) => `${s.opens}–${s.closes}`).join(', ');
}

/** The weeks of a month as rows of 7 dates (Monday first); null where the day is in another month. */
export function monthWeeks(month: string, lastDay: string): (string | null)[][] {
  const first = `${month}-01`;
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: weekdayIndex(first) }, () => null);
  for (let d = first; d <= lastDay; d = addDays(d, 1)) {
    week.push(d);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}
