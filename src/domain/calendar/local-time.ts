import type { LocalDate } from '../local-date.js';

/**
 * Conversions between local wall-clock time in an IANA zone and UTC instants, using
 * only the built-in Intl database (no I/O, no clock).
 */

/**
 * Kopa's home zone: the zone of the default `lv` calendar, of a municipality whose agreement names
 * no calendar, and of the seller's own dates (invoice issue dates, billing runs). The one place
 * the name is written; everything else asks a calendar or uses this.
 */
export const DEFAULT_ZONE = 'Europe/Riga';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in milliseconds, at an instant. */
export function zoneOffsetMs(zone: string, epochMs: number): number {
  const parts = formatter(zone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `zone` shows `date` plus `minutes` after midnight.
 * In a spring-forward gap the clock jumps, so the time is read with the offset before the jump;
 * business hours never fall in Latvia's gap (03:00–04:00).
 */
export function localToEpochMs(zone: string, date: LocalDate, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d) + minutes * 60_000;
  let guess = naive - zoneOffsetMs(zone, naive);
  const second = naive - zoneOffsetMs(zone, guess);
  if (second !== guess) guess = second;
  return guess;
}

/** The local calendar date in `zone` at an instant. */
export function localDateOf(zone: string, epochMs: number): LocalDate {
  return new Date(epochMs + zoneOffsetMs(zone, epochMs)).toISOString().slice(0, 10);
}

/** ISO weekday: 1 Monday … 7 Sunday. */
export function isoWeekday(date: LocalDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export function dateOf(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "08:30" → 510; "24:00" is allowed as the end of a day. */
export function parseClock(value: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
