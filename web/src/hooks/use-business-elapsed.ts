import { useEffect, useState } from 'react';
import { addDays, businessMinutesBetween, DEFAULT_ZONE, todayIn, toDaySlots, type DaySlots } from '../business-minutes';
import { calendarDays, calendarList } from '../features/calendars/queries';
import { useMinute } from './use-minute';

interface CalendarWindow {
  zone: string;
  days: DaySlots;
}

/** Calendars change rarely: each page load asks once per calendar for the days around today. */
const windows = new Map<string, Promise<CalendarWindow>>();
let zones: Promise<Map<string, string>> | null = null;

function zoneOf(calendarId: string): Promise<string> {
  zones ??= calendarList()
    .then((list) => new Map(list.map((c) => [c.id, c.timeZone])))
    .catch(() => new Map<string, string>());
  return zones.then((map) => map.get(calendarId) ?? DEFAULT_ZONE);
}

function loadWindow(calendarId: string): Promise<CalendarWindow> {
  const today = todayIn(DEFAULT_ZONE);
  const key = `${calendarId}|${today}`;
  let window = windows.get(key);
  if (!window) {
    window = Promise.all([zoneOf(calendarId), calendarDays(calendarId, addDays(today, -2), addDays(today, 2))]).then(([zone, days]) => ({
      zone,
      days: toDaySlots(days),
    }));
    window.catch(() => windows.delete(key));
    windows.set(key, window);
  }
  return window;
}

/**
 * Business minutes of the calendar that have passed since `sinceMs` (when the server measured
 * the clock), refreshed once a minute. Zero while the clock does not run or the calendar is unknown.
 */
export function useBusinessElapsed(calendarId: string, sinceMs: number, running: boolean): number {
  const now = useMinute();
  const [window, setWindow] = useState<CalendarWindow | null>(null);

  useEffect(() => {
    if (!running) return;
    let live = true;
    loadWindow(calendarId)
      .then((w) => {
        if (live) setWindow(w);
      })
      .catch(() => {
        // Without the calendar the clock shows the server's figure and does not tick.
      });
    return () => {
      live = false;
    };
  }, [calendarId, running]);

  if (!running || !window) return 0;
  return businessMinutesBetween(window.days, window.zone, sinceMs, Math.max(now, sinceMs)) ?? 0;
}
