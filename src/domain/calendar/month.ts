/**
 * Calendar months written `YYYY-MM`, the unit of reports, billing runs and metering. Pure string
 * arithmetic on the civil calendar; where a month meets the clock, `monthBounds` turns it into
 * instants in a zone.
 */
import { daysInMonth, type LocalDate } from '../local-date.js';
import { validationError } from '../errors.js';
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

/** The last day of a month, as a local date. */
export function lastDayOf(month: string): LocalDate {
  return `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;
}

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

/**
 * Refuses anything but a month the API accepts. Past 9998 the next month's first day has a
 * six-digit year, which no date parser here reads; before 1970 there is nothing to report.
 */
export function checkMonth(month: string): void {
  if (!isMonth(month) || month < '1970-01' || month > '9998-12') throw validationError('month', 'invalid_month', 'must be YYYY-MM, from 1970-01 to 9998-12');
}

/**
 * A month of a municipality or of billing as the half-open interval [from, to) of instants in
 * `zone` — the zone of the tenant's calendar (docs/definitions.md, "A month").
 */
export function monthInterval(zone: string, month: string): { from: Date; to: Date } {
  checkMonth(month);
  const { start, end } = monthBounds(zone, month);
  return { from: start, to: end };
}

/** A month has ended once its end instant in `zone` is reached: reports and runs need the whole month. */
export function monthHasEnded(zone: string, month: string, at: Date): boolean {
  return monthInterval(zone, month).to.getTime() <= at.getTime();
}
