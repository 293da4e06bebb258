import type { LocalDate } from '../local-date.js';
import { addDays, dateOf, isoWeekday, localDateOf, localToEpochMs, zoneOffsetMs } from './local-time.js';

/**
 * The part of RFC 5545 recurrence rules Kopa understands: FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL,
 * BYDAY (with an ordinal such as 2TU or -1FR under MONTHLY), COUNT and UNTIL. Anything else is
 * refused rather than half-understood. Weeks start on Monday (the RFC's default WKST).
 */
export interface RecurrenceRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  /** ISO weekday (1 Monday … 7 Sunday) and, under MONTHLY, which one of the month (1…5, −1…−5). */
  byDay: { weekday: number; ordinal: number | null }[];
  count: number | null;
  /** The last instant an occurrence may start at (inclusive). */
  until: number | null;
}

export type RuleParse = { ok: true; rule: RecurrenceRule } | { ok: false; message: string };

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
export const MAX_COUNT = 1000;
const MAX_INTERVAL = 1000;

/** UNTIL as a date (the whole local day counts) or a UTC date-time; a floating time is read in `zone`. */
function parseUntil(value: string, zone: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, z] = m;
  const date = dateOf(Number(y), Number(mo), Number(d));
  if (new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return null;
  if (h === undefined) return localToEpochMs(zone, addDays(date, 1), 0) - 1;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  const minutes = Number(h) * 60 + Number(mi);
  return z ? Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) : localToEpochMs(zone, date, minutes) + Number(s) * 1000;
}

/** Reads an RRULE value (an optional `RRULE:` prefix is allowed); the message names what is not supported. */
export function parseRecurrence(text: string, zone: string): RuleParse {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) return { ok: false, message: 'is empty' };
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || value === undefined || extra !== undefined || !value) return { ok: false, message: `"${part}" is not NAME=VALUE` };
    const name = key.toUpperCase();
    if (parts.has(name)) return { ok: false, message: `${name} is given twice` };
    parts.set(name, value.toUpperCase());
  }
  for (const name of parts.keys()) if (!['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL', 'WKST'].includes(name)) return { ok: false, message: `${name} is not supported` };
  if (parts.has('WKST') && parts.get('WKST') !== 'MO') return { ok: false, message: 'only WKST=MO is supported' };
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') return { ok: false, message: 'FREQ must be DAILY, WEEKLY or MONTHLY' };
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL) return { ok: false, message: `INTERVAL must be 1–${MAX_INTERVAL}` };
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  if (count !== null && (!Number.isInteger(count) || count < 1 || count > MAX_COUNT)) return { ok: false, message: `COUNT must be 1–${MAX_COUNT}` };
  const until = parts.has('UNTIL') ? parseUntil(parts.get('UNTIL')!, zone) : null;
  if (parts.has('UNTIL') && until === null) return { ok: false, message: 'UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ' };
  if (count !== null && until !== null) return { ok: false, message: 'COUNT and UNTIL cannot both be given' };
  const byDay: RecurrenceRule['byDay'] = [];
  for (const item of parts.get('BYDAY')?.split(',') ?? []) {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!m) return { ok: false, message: `BYDAY "${item}" is not a weekday` };
    const ordinal = m[1] === undefined ? null : Number(m[1]);
    if (ordinal !== null && freq !== 'MONTHLY') return { ok: false, message: 'a BYDAY ordinal is supported only with FREQ=MONTHLY' };
    if (ordinal !== null && (ordinal === 0 || Math.abs(ordinal) > 5)) return { ok: false, message: 'a BYDAY ordinal must be 1–5 or −1…−5' };
    const weekday = WEEKDAYS.indexOf(m[2]!) + 1;
    if (byDay.some((d) => d.weekday === weekday && d.ordinal === ordinal)) return { ok: false, message: `BYDAY ${item} is given twice` };
    byDay.push({ weekday, ordinal });
  }
  return { ok: true, rule: { freq, interval, byDay, count, until } };
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The dates of a month that match BYDAY (or, without BYDAY, the start's day of the month), in order. */
function monthDates(year: number, month: number, rule: RecurrenceRule, dayOfMonth: number): LocalDate[] {
  const last = daysInMonth(year, month);
  if (rule.byDay.length === 0) return dayOfMonth <= last ? [dateOf(year, month, dayOfMonth)] : [];
  const days = new Set<number>();
  for (const { weekday, ordinal } of rule.byDay) {
    const matching: number[] = [];
    for (let d = 1; d <= last; d++) if (isoWeekday(dateOf(year, month, d)) === weekday) matching.push(d);
    if (ordinal === null) matching.forEach((d) => days.add(d));
    else {
      const pick = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
      if (pick !== undefined) days.add(pick);
    }
  }
  return [...days].sort((a, b) => a - b).map((d) => dateOf(year, month, d));
}

/**
 * Candidate dates period by period, from the period holding `first`, until a period begins after
 * `last` (a rule such as every 12 months on the 5th Monday may match nothing for years).
 */
function* candidateDates(rule: RecurrenceRule, first: LocalDate, last: LocalDate): Generator<LocalDate> {
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const weekdays = rule.byDay.map((b) => b.weekday);
  for (let period = 0; ; period++) {
    if (rule.freq === 'DAILY') {
      const date = addDays(first, period * rule.interval);
      if (date > last) return;
      if (weekdays.length === 0 || weekdays.includes(isoWeekday(date))) yield date;
    } else if (rule.freq === 'WEEKLY') {
      const monday = addDays(first, 1 - isoWeekday(first) + period * 7 * rule.interval);
      if (monday > last) return;
      const days = weekdays.length ? [...new Set(weekdays)].sort() : [isoWeekday(first)];
      for (const wd of days) yield addDays(monday, wd - 1);
    } else {
      const index = m - 1 + period * rule.interval;
      const year = y + Math.floor(index / 12);
      const month = (index % 12) + 1;
      if (dateOf(year, month, 1) > last) return;
      yield* monthDates(year, month, rule, d);
    }
  }
}

/** One occurrence's local shape: it starts at `startMinutes` on its date and ends `endDays` later at `endMinutes`. */
export interface OccurrenceShape {
  zone: string;
  /** The series' first possible date; occurrences fall on or after it. */
  firstDate: LocalDate;
  startMinutes: number;
  endDays: number;
  endMinutes: number;
}

export interface Occurrence {
  date: LocalDate;
  startMs: number;
  endMs: number;
}

/**
 * The occurrences of a rule in order, each keeping its local wall-clock start and end (so 22:00–01:00
 * stays 22:00–01:00 in winter and summer), up to COUNT or UNTIL and never starting after `horizonMs`.
 * COUNT counts from the first occurrence, so a later horizon extends the same sequence.
 */
export function expandRecurrence(rule: RecurrenceRule, shape: OccurrenceShape, horizonMs: number): Occurrence[] {
  const out: Occurrence[] = [];
  let seen = 0;
  const lastMs = rule.until === null ? horizonMs : Math.min(horizonMs, rule.until);
  for (const date of candidateDates(rule, shape.firstDate, addDays(localDateOf(shape.zone, lastMs), 1))) {
    if (date < shape.firstDate) continue;
    const startMs = localToEpochMs(shape.zone, date, shape.startMinutes);
    if (startMs > horizonMs || (rule.until !== null && startMs > rule.until)) break;
    out.push({ date, startMs, endMs: localToEpochMs(shape.zone, addDays(date, shape.endDays), shape.endMinutes) });
    if (rule.count !== null && ++seen >= rule.count) break;
  }
  return out;
}

/** A first occurrence given as two instants, read as local wall-clock times in `zone`. */
export function occurrenceShape(zone: string, startMs: number, endMs: number): OccurrenceShape {
  const local = (ms: number) => {
    const date = localDateOf(zone, ms);
    return { date, minutes: Math.round((ms + zoneOffsetMs(zone, ms) - Date.parse(`${date}T00:00:00Z`)) / 60_000) };
  };
  const start = local(startMs);
  const end = local(endMs);
  const endDays = Math.round((Date.parse(`${end.date}T00:00:00Z`) - Date.parse(`${start.date}T00:00:00Z`)) / 86_400_000);
  return { zone, firstDate: start.date, startMinutes: start.minutes, endDays, endMinutes: end.minutes };
}

/**
 * A series change applied to one occurrence: the edited occurrence moved from `from` to `to`
 * (both read as wall-clock shapes in the zone), so this one's start and end move by the same
 * wall-clock minutes — 22:00–01:00 made 21:00–01:30 stays so in winter and summer alike.
 */
export function shiftOccurrence(zone: string, occurrence: { startMs: number; endMs: number }, from: OccurrenceShape, to: OccurrenceShape): { startMs: number; endMs: number } {
  const own = occurrenceShape(zone, occurrence.startMs, occurrence.endMs);
  const dayMinutes = (date: LocalDate) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${own.firstDate}T00:00:00Z`)) / 60_000);
  const startShift = dayMinutes(to.firstDate) - dayMinutes(from.firstDate) + to.startMinutes - from.startMinutes;
  const endShift = dayMinutes(to.firstDate) - dayMinutes(from.firstDate) + (to.endDays - from.endDays) * 1440 + to.endMinutes - from.endMinutes;
  return {
    startMs: localToEpochMs(zone, own.firstDate, own.startMinutes + startShift),
    endMs: localToEpochMs(zone, own.firstDate, own.endDays * 1440 + own.endMinutes + endShift),
  };
}
