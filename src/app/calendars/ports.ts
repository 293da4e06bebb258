/** What the business-calendar use cases need from the store. */
import type { ExceptionKind } from '../../domain/calendar/calendar.js';
import type { ClockSlot, WeeklyHours } from '../../domain/calendar/weekly-hours.js';
import type { AuditStore } from '../audit/ports.js';
import type { Clock, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';

export interface StoredCalendarException {
  date: string;
  kind: ExceptionKind;
  slots: ClockSlot[] | null;
  reason: string;
  createdAt: string;
  createdBy: string | null;
}

export interface CalendarRecord {
  id: string;
  name: string;
  timeZone: string;
  rules: 'lv' | null;
  description: string | null;
  weeklyHours: WeeklyHours;
  version: number;
  updatedAt: string;
  exceptions: StoredCalendarException[];
}

export interface CalendarStore {
  exists(tx: Tx, calendarId: string): Promise<boolean>;
  /** Without exceptions; `exceptionCount` tells how many there are. */
  list(tx: Tx): Promise<(Omit<CalendarRecord, 'exceptions'> & { exceptionCount: number })[]>;
  get(tx: Tx, calendarId: string): Promise<CalendarRecord | null>;
  version(tx: Tx, calendarId: string): Promise<number | null>;
  insert(tx: Tx, record: Omit<CalendarRecord, 'version' | 'updatedAt' | 'exceptions'>): Promise<CalendarRecord>;
  addException(tx: Tx, calendarId: string, exception: Omit<StoredCalendarException, 'createdAt'>): Promise<StoredCalendarException>;
  removeException(tx: Tx, calendarId: string, date: string): Promise<StoredCalendarException | null>;
  /** Marks the calendar changed, so cached clocks on every replica rebuild. */
  bumpVersion(tx: Tx, calendarId: string, at: Date): Promise<void>;
}

/** What the calendar use cases need: calendars, and the audit log for changes. */
export interface CalendarDeps {
  store: Transactions & { calendars: CalendarStore; audit: AuditStore };
  clock: Clock;
}
