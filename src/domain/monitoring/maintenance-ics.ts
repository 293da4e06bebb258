import { escapeText, fold } from '../calendar/ics.js';
import { zoneOffsetMs } from '../calendar/local-time.js';

/** One maintenance window as a calendar event; the window's id keeps its UID stable through changes. */
export interface MaintenanceEvent {
  id: string;
  /** Raised on every change so calendar apps replace their copy (RFC 5545 SEQUENCE). */
  sequence: number;
  title: string;
  description: string | null;
  startMs: number;
  endMs: number;
}

export const ICS_ZONE = 'Europe/Riga';

/**
 * Europe/Riga as calendar apps need it to read TZID times: EET in winter, EEST from the last
 * Sunday of March 03:00 to the last Sunday of October 04:00 (EU rules since 1997, unchanged).
 */
const RIGA_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Riga',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0300',
  'TZNAME:EEST',
  'DTSTART:19970330T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0300',
  'TZOFFSETTO:+0200',
  'TZNAME:EET',
  'DTSTART:19971026T040000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** "YYYYMMDDTHHMMSS" on Riga's wall clock. */
export function rigaStamp(ms: number): string {
  return new Date(ms + zoneOffsetMs(ICS_ZONE, ms)).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** "YYYYMMDDTHHMMSSZ" in UTC. */
export function utcStamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/**
 * An iTIP message (RFC 5546) for calendar apps: METHOD:REQUEST adds or updates the windows,
 * METHOD:CANCEL (with STATUS:CANCELLED) removes them. Times are Riga wall-clock times with the
 * zone included, so a window at 22:00 reads 22:00 in summer and winter alike. `stampMs` is the
 * message's DTSTAMP, passed in: the domain has no clock. Lines are CRLF and folded at 75 octets.
 */
export function maintenanceIcs(method: 'REQUEST' | 'CANCEL', events: readonly MaintenanceEvent[], stampMs: number, organizer: string | null): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rigas digitala agentura//Kopa//LV', 'CALSCALE:GREGORIAN', `METHOD:${method}`, ...RIGA_TIMEZONE];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:maintenance-${e.id}@kopa`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utcStamp(stampMs)}`,
      `DTSTART;TZID=${ICS_ZONE}:${rigaStamp(e.startMs)}`,
      `DTEND;TZID=${ICS_ZONE}:${rigaStamp(e.endMs)}`,
      `SUMMARY:${escapeText(e.title)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(organizer ? [`ORGANIZER:mailto:${organizer}`] : []),
      `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:TRANSPARENT',
      'CATEGORIES:MAINTENANCE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
