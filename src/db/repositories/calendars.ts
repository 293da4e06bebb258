import { sql, type Selectable } from 'kysely';
import type { CalendarRecord, StoredCalendarException } from '../../app/calendars/ports.js';
import type { Store } from '../../app/ports.js';
import type { ExceptionKind } from '../../domain/calendar/calendar.js';
import type { ClockSlot, WeeklyHours } from '../../domain/calendar/weekly-hours.js';
import type { CalendarExceptionsTable, CalendarsTable } from '../schema.js';
import { trxOf } from '../tx.js';

function toCalendar(row: Selectable<CalendarsTable>): Omit<CalendarRecord, 'exceptions'> {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    rules: row.rules as 'lv' | null,
    description: row.description,
    weeklyHours: row.weekly_hours as WeeklyHours,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

function toException(row: Selectable<CalendarExceptionsTable>): StoredCalendarException {
  return {
    date: row.date,
    kind: row.kind as ExceptionKind,
    slots: (row.slots as ClockSlot[] | null) ?? null,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

export const calendarRepository: Store['calendars'] = {
  async exists(tx, calendarId) {
    return (await trxOf(tx).selectFrom('calendars').select('id').where('id', '=', calendarId).executeTakeFirst()) !== undefined;
  },
  async list(tx) {
    const rows = await trxOf(tx)
      .selectFrom('calendars as c')
      .selectAll('c')
      .select(sql<string>`(SELECT count(*) FROM calendar_exceptions e WHERE e.calendar_id = c.id)`.as('exception_count'))
      .orderBy('c.id')
      .execute();
    return rows.map((r) => ({ ...toCalendar(r), exceptionCount: Number(r.exception_count) }));
  },
  async get(tx, calendarId) {
    const trx = trxOf(tx);
    const row = await trx.selectFrom('calendars').selectAll().where('id', '=', calendarId).executeTakeFirst();
    if (!row) return null;
    const exceptions = await trx.selectFrom('calendar_exceptions').selectAll().where('calendar_id', '=', calendarId).orderBy('date').execute();
    return { ...toCalendar(row), exceptions: exceptions.map(toException) };
  },
  async version(tx, calendarId) {
    const row = await trxOf(tx).selectFrom('calendars').select('version').where('id', '=', calendarId).executeTakeFirst();
    return row?.version ?? null;
  },
  async insert(tx, record) {
    const row = await trxOf(tx)
      .insertInto('calendars')
      .values({
        id: record.id,
        name: record.name,
        time_zone: record.timeZone,
        rules: record.rules,
        description: record.description,
        weekly_hours: JSON.stringify(record.weeklyHours),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { ...toCalendar(row), exceptions: [] };
  },
  async addException(tx, calendarId, e) {
    const row = await trxOf(tx)
      .insertInto('calendar_exceptions')
      .values({ calendar_id: calendarId, date: e.date, kind: e.kind, slots: e.slots ? JSON.stringify(e.slots) : null, reason: e.reason, created_by: e.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toException(row);
  },
  async removeException(tx, calendarId, date) {
    const row = await trxOf(tx).deleteFrom('calendar_exceptions').where('calendar_id', '=', calendarId).where('date', '=', date).returningAll().executeTakeFirst();
    return row ? toException(row) : null;
  },
  async bumpVersion(tx, calendarId, at) {
    await trxOf(tx)
      .updateTable('calendars')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
      .where('id', '=', calendarId)
      .execute();
  },
};
