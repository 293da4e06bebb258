/**
 * Local dates and business minutes in a calendar's time zone, for clocks that tick in the
 * browser between two answers of the server. The server stays the authority; this only
 * counts the working minutes that have passed since its answer.
 */
import type { ResponseOf } from './api/client';

/** One span of working time in a day, "08:30" to "17:00", as the calendars API gives it. */
export type ClockSlot = ResponseOf<'/api/v1/calendars/{id}/days', 'get'>[number]['slots'][number];

export const DEFAULT_ZONE = 'Europe/Riga';

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  return f;
}

/** The local date (YYYY-MM-DD) and minute of the day (with fractions) of an instant. */
export function localParts(instantMs: number, zone: string): { date: string; minute: number } {
  const parts = Object.fromEntries(partsFormatter(zone).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour) % 24;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minute: hour * 60 + Number(parts.minute) + Number(parts.second) / 60 };
}

export function todayIn(zone: string = DEFAULT_ZONE, now = Date.now()): string {
  return localParts(now, zone).date;
}

/** The calendar date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

function clockMinutes(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h! * 60 + m!;
}

/** Opening hours per local date as minute ranges; a date not in the map is unknown. */
export type DaySlots = Map<string, [number, number][]>;

export function toDaySlots(days: { date: string; slots: ClockSlot[] }[]): DaySlots {
  return new Map(days.map((d) => [d.date, d.slots.map((s) => [clockMinutes(s.opens), clockMinutes(s.closes)] as [number, number])]));
}

/** Business minutes in [fromMs, toMs); null when a day in between is not known. */
export function businessMinutesBetween(days: DaySlots, zone: string, fromMs: number, toMs: number): number | null {
  if (toMs <= fromMs) return 0;
  const a = localParts(fromMs, zone);
  const b = localParts(toMs, zone);
  let total = 0;
  for (let date = a.date; date <= b.date; date = addDays(date, 1)) {
    const slots = days.get(date);
    if (!slots) return null;
    const start = date === a.date ? a.minute : 0;
    const end = date === b.date ? b.minute : 24 * 60;
    for (const [opens, closes] of slots) total += Math.max(0, Math.min(end, closes) - Math.max(start, opens));
  }
  return total;
}

/** The month (YYYY-MM) an instant falls in, in the zone. */
export function monthOf(instantMs: number = Date.now(), zone: string = DEFAULT_ZONE): string {
  return localParts(instantMs, zone).date.slice(0, 7);
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The last date of a month YYYY-MM. */
export function lastDayOf(month: string): string {
  return addDays(`${shiftMonth(month, 1)}-01`, -1);
}
