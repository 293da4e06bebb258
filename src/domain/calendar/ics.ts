import type { DayPlan } from './calendar.js';
import { addDays, formatClock } from './local-time.js';

/** RFC 5545 text escaping and 75-octet line folding. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();
const octets = (text: string) => encoder.encode(text).length;

export function fold(line: string): string {
  if (octets(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (octets(current + char) > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = char;
    } else current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compact = (date: string) => date.replace(/-/g, '');

/**
 * Days off and shortened days as all-day events, for people's calendar apps.
 * `stamp` is the generation instant (UTC, "YYYYMMDDTHHMMSSZ"), passed in: the domain has no clock.
 */
export function calendarToIcs(calendar: { id: string; name: string }, days: DayPlan[], stamp: string, weekendIsOff: (date: string) => boolean): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Rigas digitala agentura//Kopa//LV', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(calendar.name)}`];
  for (const day of days) {
    // Ordinary weekends are left out; holidays on weekends stay, they carry a name.
    if (day.kind === 'working' || (day.kind === 'off' && !day.reason && weekendIsOff(day.date))) continue;
    const summary =
      day.kind === 'off' ? `Brīvdiena: ${day.reason ?? 'nedēļas nogale'}` : `Saīsināta darba diena līdz ${formatClock(day.slots[day.slots.length - 1]!.closes)}: ${day.reason ?? ''}`;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${calendar.id}-${day.date}@kopa`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(day.date)}`,
      `DTEND;VALUE=DATE:${compact(addDays(day.date, 1))}`,
      `SUMMARY:${escapeText(summary)}`,
      'TRANSP:TRANSPARENT',
      `CATEGORIES:${day.kind === 'off' ? 'DAY-OFF' : 'SHORTENED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
