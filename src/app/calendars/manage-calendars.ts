import type { Actor } from '../../domain/actor.js';
import { DEFAULT_ZONE, isValidTimeZone } from '../../domain/calendar/local-time.js';
import { parseException, toClockSlots, validateWeekly, type ExceptionInput, type WeeklyHours } from '../../domain/calendar/weekly-hours.js';
import { FieldErrors, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { CalendarDeps, CalendarRecord, StoredCalendarException } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

export async function listCalendars(deps: CalendarDeps, actor: Actor) {
  requirePermission(actor, 'calendars.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.calendars.list(tx));
}

export async function getCalendar(deps: CalendarDeps, actor: Actor, calendarId: string): Promise<CalendarRecord> {
  requirePermission(actor, 'calendars.read');
  const record = await deps.store.run(scopeOf(actor), (tx) => deps.store.calendars.get(tx, calendarId));
  if (!record) throw notFound('Calendar');
  return record;
}

export interface CreateCalendarInput {
  id: string;
  name: string;
  timeZone?: string | undefined;
  weeklyHours: WeeklyHours;
  rules?: 'lv' | null | undefined;
  description?: string | null | undefined;
}

/** Operators add calendars such as 24×7 or a municipality's own hours. */
export async function createCalendar(deps: CalendarDeps, actor: Actor, input: CreateCalendarInput): Promise<CalendarRecord> {
  requirePermission(actor, 'calendars.write');
  const errors = validateWeekly(input.weeklyHours, new FieldErrors());
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(input.id)) errors.add('id', 'invalid_identifier', 'must be 1–40 lowercase letters, digits, - or _');
  const timeZone = input.timeZone ?? DEFAULT_ZONE;
  if (!isValidTimeZone(timeZone)) errors.add('timeZone', 'invalid_time_zone', `must be an IANA time zone such as ${DEFAULT_ZONE}`, { example: DEFAULT_ZONE });
  if (input.name.trim().length < 2) errors.add('name', 'too_short', 'must have at least 2 characters', { min: 2 });
  errors.throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (await deps.store.calendars.exists(tx, input.id)) {
      throw stateProblem('conflict', 'calendar_id_taken', { id: input.id }, `A calendar with id ${input.id} exists`, [fieldError('id', 'not_unique', 'is already used')]);
    }
    const created = await deps.store.calendars.insert(tx, {
      id: input.id,
      name: input.name.trim(),
      timeZone,
      weeklyHours: input.weeklyHours,
      rules: input.rules ?? null,
      description: input.description?.trim() || null,
    });
    await recordAudit(deps, tx, actor, { action: 'calendar.created', entityType: 'calendar', entityId: created.id, tenantId: null, after: created });
    return created;
  });
}

/** A dated exception: next year's transfer order, a one-off holiday, shorter hours. */
export async function addCalendarException(deps: CalendarDeps, actor: Actor, calendarId: string, input: ExceptionInput): Promise<StoredCalendarException> {
  requirePermission(actor, 'calendars.write');
  const exception = parseException(input);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const calendar = await deps.store.calendars.get(tx, calendarId);
    if (!calendar) throw notFound('Calendar');
    if (calendar.exceptions.some((e) => e.date === exception.date)) {
      throw stateProblem('conflict', 'exception_exists', { date: exception.date }, `The calendar already has an exception on ${exception.date}; remove it first`, [fieldError('date', 'already_done', 'already has an exception')]);
    }
    const stored = await deps.store.calendars.addException(tx, calendarId, {
      date: exception.date,
      kind: exception.kind,
      slots: exception.slots ? toClockSlots(exception.slots) : null,
      reason: exception.reason,
      createdBy: actor.label,
    });
    await deps.store.calendars.bumpVersion(tx, calendarId, deps.clock.now());
    await recordAudit(deps, tx, actor, { action: 'calendar.exception_added', entityType: 'calendar', entityId: calendarId, tenantId: null, after: stored });
    return stored;
  });
}

export async function removeCalendarException(deps: CalendarDeps, actor: Actor, calendarId: string, date: string): Promise<void> {
  requirePermission(actor, 'calendars.write');
  await deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.calendars.exists(tx, calendarId))) throw notFound('Calendar');
    const removed = await deps.store.calendars.removeException(tx, calendarId, date);
    if (!removed) throw notFound('Exception');
    await deps.store.calendars.bumpVersion(tx, calendarId, deps.clock.now());
    await recordAudit(deps, tx, actor, { action: 'calendar.exception_removed', entityType: 'calendar', entityId: calendarId, tenantId: null, before: removed });
  });
}
