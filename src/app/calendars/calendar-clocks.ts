import { BusinessClock } from '../../domain/calendar/business-clock.js';
import { DayResolver, type CalendarSpec } from '../../domain/calendar/calendar.js';
import { toSlots, weeklyToSlots } from '../../domain/calendar/weekly-hours.js';
import { notFound } from '../../domain/errors.js';
import type { CalendarRecord, CalendarStore } from './ports.js';
import type { Tx } from '../shared/transaction.js';

/** Any store with calendars (the whole Store is one); clocks are cached per store object. */
export interface ClockSource {
  calendars: CalendarStore;
}

export interface CalendarClock {
  record: CalendarRecord;
  resolver: DayResolver;
  clock: BusinessClock;
}

export function specOf(record: CalendarRecord): CalendarSpec {
  return {
    id: record.id,
    zone: record.timeZone,
    weekly: weeklyToSlots(record.weeklyHours),
    rules: record.rules,
    exceptions: record.exceptions.map((e) => ({ date: e.date, kind: e.kind, ...(e.slots && { slots: toSlots(e.slots) }), reason: e.reason })),
  };
}

// Laying out a calendar's years costs milliseconds; answering from it, microseconds. Clocks are
// kept per store and rebuilt when the calendar's version moves (on any replica's change).
const caches = new WeakMap<ClockSource, Map<string, CalendarClock>>();

export async function calendarClock(store: ClockSource, tx: Tx, calendarId: string): Promise<CalendarClock> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const version = await store.calendars.version(tx, calendarId);
  if (version === null) throw notFound('Calendar');
  const cached = cache.get(calendarId);
  if (cached && cached.record.version === version) return cached;
  const record = await store.calendars.get(tx, calendarId);
  if (!record) throw notFound('Calendar');
  const resolver = new DayResolver(specOf(record));
  const entry = { record, resolver, clock: new BusinessClock(resolver) };
  cache.set(calendarId, entry);
  return entry;
}
