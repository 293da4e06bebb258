import type { Actor } from '../../domain/actor.js';
import { calendarToIcs } from '../../domain/calendar/ics.js';
import { addDays, formatClock, isoWeekday } from '../../domain/calendar/local-time.js';
import { NoWorkingTimeError } from '../../domain/calendar/business-clock.js';
import { validationError, stateProblem } from '../../domain/errors.js';
import { isLocalDate } from '../../domain/local-date.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { calendarClock } from './calendar-clocks.js';
import type { CalendarDeps } from './ports.js';

const MAX_DAYS = 731;

export async function businessTime(deps: CalendarDeps, actor: Actor, calendarId: string, from: Date, to: Date): Promise<{ seconds: number; minutes: number }> {
  requirePermission(actor, 'calendars.read');
  if (to < from) throw validationError('to', 'not_before', 'must not be before from', { other: 'from' });
  const { clock } = await deps.store.run(scopeOf(actor), (tx) => calendarClock(deps.store, tx, calendarId));
  const ms = clock.durationMs(from.getTime(), to.getTime());
  return { seconds: ms / 1000, minutes: ms / 60_000 };
}

export async function deadline(deps: CalendarDeps, actor: Actor, calendarId: string, start: Date, minutes: number): Promise<{ deadline: string }> {
  requirePermission(actor, 'calendars.read');
  const { clock } = await deps.store.run(scopeOf(actor), (tx) => calendarClock(deps.store, tx, calendarId));
  try {
    return { deadline: new Date(clock.deadline(start.getTime(), minutes)).toISOString() };
  } catch (error) {
    if (error instanceof NoWorkingTimeError) throw stateProblem('invalid_state', 'no_working_time', {}, 'This calendar has no working time within 20 years of the start');
    throw error;
  }
}

export interface DayView {
  date: string;
  working: boolean;
  kind: 'working' | 'shortened' | 'off';
  opens: string | null;
  closes: string | null;
  slots: { opens: string; closes: string }[];
  reason: string | null;
}

/** Days from `from` to `to`, both included. */
export async function calendarDays(deps: CalendarDeps, actor: Actor, calendarId: string, from: string, to: string): Promise<DayView[]> {
  requirePermission(actor, 'calendars.read');
  if (!isLocalDate(from)) throw validationError('from', 'invalid_date', 'must be a date YYYY-MM-DD');
  if (!isLocalDate(to)) throw validationError('to', 'invalid_date', 'must be a date YYYY-MM-DD');
  if (to < from) throw validationError('to', 'not_before', 'must not be before from', { other: 'from' });
  const { resolver } = await deps.store.run(scopeOf(actor), (tx) => calendarClock(deps.store, tx, calendarId));
  const days: DayView[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (days.length >= MAX_DAYS) throw validationError('to', 'range_too_long_days', `at most ${MAX_DAYS} days at once`, { max: MAX_DAYS });
    const plan = resolver.day(d);
    const slots = plan.slots.map((s) => ({ opens: formatClock(s.opens), closes: formatClock(s.closes) }));
    days.push({
      date: d,
      working: plan.kind !== 'off',
      kind: plan.kind,
      opens: slots[0]?.opens ?? null,
      closes: slots[slots.length - 1]?.closes ?? null,
      slots,
      reason: plan.reason,
    });
  }
  return days;
}

/** Days off and shortened days of the previous, current and next year, as iCalendar. */
export async function calendarIcs(deps: CalendarDeps, actor: Actor, calendarId: string): Promise<string> {
  requirePermission(actor, 'calendars.read');
  const now = deps.clock.now();
  const year = now.getUTCFullYear();
  const { record, resolver } = await deps.store.run(scopeOf(actor), (tx) => calendarClock(deps.store, tx, calendarId));
  const days = [];
  for (let d = `${year - 1}-01-01`; d < `${year + 2}-01-01`; d = addDays(d, 1)) days.push(resolver.day(d));
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const weekdayHours = (date: string) => record.weeklyHours[(['', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const)[isoWeekday(date)] as 'monday'];
  return calendarToIcs(record, days, stamp, (date) => weekdayHours(date).length === 0);
}
