/**
 * Calendar months written `YYYY-MM`, the unit of reports, billing runs and metering. Pure string
 * arithmetic on the civil calendar; where a month meets the clock, `monthBounds` turns it into
 * instants in a zone.
 */
import type { LocalDate } from '../local-date.js';
import { localToEpochMs } from './local-time.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** The month a local date falls in. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

/** The first day of a month, as a local date. */
export function firstDayOf(month: string): LocalDate {
  return `${month}-01`;
}

const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const fromIndex = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/** `n` months later (earlier when negative): addMonths("2026-12", 1) = "2027-01". */
export function addMonths(month: string, n: number): string {
  return fromIndex(index(month) + n);
}

/** The months from `from` to `to`, both included ("2026-11".."2027-01" → three months). */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let i = index(from); i <= index(to); i++) months.push(fromIndex(i));
  return months;
}

/** The instants bounding a month in a zone: [local 00:00 on the 1st, local 00:00 on the next 1st). */
export function monthBounds(zone: string, month: string): { start: Date; end: Date } {
  return { start: new Date(localToEpochMs(zone, firstDayOf(month), 0)), end: new Date(localToEpochMs(zone, firstDayOf(addMonths(month, 1)), 0)) };
}
