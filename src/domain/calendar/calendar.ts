import type { FieldProblem } from '../errors.js';
import type { LocalDate } from '../local-date.js';
import { addDays, DEFAULT_ZONE, isoWeekday } from './local-time.js';
import { LATVIAN_TRANSFERS, latvianHolidays, type Holiday } from './lv-holidays.js';

/** Opening hours within one day, in minutes after local midnight, [opens, closes). */
export interface Slot {
  opens: number;
  closes: number;
}

export type ExceptionKind = 'day_off' | 'working_day' | 'custom_hours';

export interface CalendarException {
  date: LocalDate;
  kind: ExceptionKind;
  /** For custom_hours; working_day uses the standard working-day hours when absent. */
  slots?: Slot[];
  reason: string;
}

export interface CalendarSpec {
  id: string;
  zone: string;
  /** Index 1 (Monday) … 7 (Sunday); index 0 unused. */
  weekly: Slot[][];
  /** 'lv' applies Latvian holiday law, Labour Law s.135 and the known transfer orders. */
  rules: 'lv' | null;
  exceptions: CalendarException[];
}

export type DayKind = 'working' | 'shortened' | 'off';

export interface DayPlan {
  date: LocalDate;
  kind: DayKind;
  slots: Slot[];
  reason: string | null;
}

const HOUR = 60;
export const STANDARD_DAY: Slot[] = [{ opens: 8 * HOUR + 30, closes: 17 * HOUR }];

export function weeklyOf(workdays: Slot[], days = [1, 2, 3, 4, 5]): Slot[][] {
  return Array.from({ length: 8 }, (_, i) => (days.includes(i) ? workdays.map((s) => ({ ...s })) : []));
}

/** The default calendar `lv`: Mon–Fri 08:30–17:00 in Kopa's home zone (Riga) under Latvian law. */
export function latvianCalendar(exceptions: CalendarException[] = []): CalendarSpec {
  return { id: 'lv', zone: DEFAULT_ZONE, weekly: weeklyOf(STANDARD_DAY), rules: 'lv', exceptions };
}

/** Working-day hours for a transferred or declared working day: the first weekday that has hours. */
function standardHours(spec: CalendarSpec): Slot[] {
  for (let d = 1; d <= 7; d++) if (spec.weekly[d]!.length > 0) return spec.weekly[d]!;
  return STANDARD_DAY;
}

/** Labour Law s.135: the day before a holiday ends one hour earlier. */
function shorten(slots: Slot[]): Slot[] {
  if (slots.length === 0) return slots;
  const last = slots[slots.length - 1]!;
  const closes = Math.max(last.opens, last.closes - HOUR);
  return [...slots.slice(0, -1), { opens: last.opens, closes }];
}

/**
 * Resolves days of one calendar. Rule data (holidays by year) is computed once per year.
 * Precedence: an operator's exception, then the law's rules, then the weekly hours.
 */
export class DayResolver {
  private readonly holidays = new Map<number, Map<LocalDate, string>>();
  private readonly exceptions: Map<LocalDate, CalendarException>;
  private readonly transfersOff = new Map<LocalDate, string>();
  private readonly transfersWorking = new Map<LocalDate, { standsFor: LocalDate; order: string }>();

  constructor(readonly spec: CalendarSpec) {
    this.exceptions = new Map(spec.exceptions.map((e) => [e.date, e]));
    if (spec.rules === 'lv') {
      for (const t of LATVIAN_TRANSFERS) {
        this.transfersOff.set(t.dayOff, `Pārcelta darba diena (${t.order})`);
        this.transfersWorking.set(t.workingDay, { standsFor: t.dayOff, order: t.order });
      }
    }
  }

  holidayName(date: LocalDate): string | null {
    if (this.spec.rules !== 'lv') return null;
    const year = Number(date.slice(0, 4));
    let map = this.holidays.get(year);
    if (!map) {
      map = new Map(latvianHolidays(year).map((h: Holiday) => [h.date, h.name]));
      this.holidays.set(year, map);
    }
    return map.get(date) ?? null;
  }

  /** What the law and weekly hours say, before operators' exceptions. */
  private ruleDay(date: LocalDate): DayPlan {
    const holiday = this.holidayName(date);
    if (holiday) return { date, kind: 'off', slots: [], reason: holiday };
    const transferredOff = this.transfersOff.get(date);
    if (transferredOff) return { date, kind: 'off', slots: [], reason: transferredOff };
    const standIn = this.transfersWorking.get(date);
    if (standIn) {
      // The Saturday works the hours the transferred weekday would have had.
      const original = this.withShortening(standIn.standsFor, standardHours(this.spec));
      return { ...original, date, reason: `Darba diena pārcelta no ${standIn.standsFor} (${standIn.order})${original.kind === 'shortened' ? '; saīsināta pirmssvētku diena' : ''}` };
    }
    return this.withShortening(date, this.spec.weekly[isoWeekday(date)]!);
  }

  private withShortening(date: LocalDate, slots: Slot[]): DayPlan {
    if (slots.length === 0) return { date, kind: 'off', slots: [], reason: null };
    if (this.spec.rules === 'lv') {
      const next = this.holidayName(addDays(date, 1));
      if (next) return { date, kind: 'shortened', slots: shorten(slots), reason: `Pirmssvētku diena (${next})` };
    }
    return { date, kind: 'working', slots, reason: null };
  }

  day(date: LocalDate): DayPlan {
    const exception = this.exceptions.get(date);
    if (!exception) return this.ruleDay(date);
    switch (exception.kind) {
      case 'day_off':
        return { date, kind: 'off', slots: [], reason: exception.reason };
      case 'working_day':
        return { date, kind: 'working', slots: exception.slots ?? standardHours(this.spec), reason: exception.reason };
      case 'custom_hours': {
        const slots = exception.slots ?? [];
        const standard = standardHours(this.spec);
        const shorter = minutesOf(slots) < minutesOf(standard);
        return { date, kind: slots.length === 0 ? 'off' : shorter ? 'shortened' : 'working', slots, reason: exception.reason };
      }
    }
  }
}

function minutesOf(slots: Slot[]): number {
  return slots.reduce((sum, s) => sum + (s.closes - s.opens), 0);
}

/** Checks weekly hours or an exception's slots: ordered, inside the day, not overlapping. */
export function slotsProblem(slots: Slot[]): FieldProblem | null {
  let previousEnd = -1;
  for (const s of slots) {
    if (!Number.isInteger(s.opens) || !Number.isInteger(s.closes) || s.opens < 0 || s.closes > 24 * 60) return { code: 'times_outside_day', message: 'times must lie within the day' };
    if (s.closes <= s.opens) return { code: 'must_be_after', message: 'closing time must be after opening time', params: { other: 'opens' } };
    if (s.opens < previousEnd) return { code: 'slots_overlap', message: 'slots must be in order and must not overlap' };
    previousEnd = s.closes;
  }
  return null;
}
