import { FieldErrors } from '../errors.js';
import { isLocalDate } from '../local-date.js';
import { slotsProblem, type CalendarException, type ExceptionKind, type Slot } from './calendar.js';
import { formatClock, parseClock } from './local-time.js';

/** Slots as people write them: "08:30"–"17:00". */
export interface ClockSlot {
  opens: string;
  closes: string;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type WeeklyHours = Record<Weekday, ClockSlot[]>;

export function toSlots(slots: ClockSlot[]): Slot[] {
  return slots.map((s) => ({ opens: parseClock(s.opens) ?? NaN, closes: parseClock(s.closes) ?? NaN }));
}

export function toClockSlots(slots: Slot[]): ClockSlot[] {
  return slots.map((s) => ({ opens: formatClock(s.opens), closes: formatClock(s.closes) }));
}

/** Index 1 (Monday) … 7 (Sunday), as the day resolver wants it. */
export function weeklyToSlots(weekly: WeeklyHours): Slot[][] {
  return [[], ...WEEKDAYS.map((d) => toSlots(weekly[d]))];
}

export function validateSlots(field: string, slots: ClockSlot[], errors: FieldErrors): void {
  slots.forEach((s, i) => {
    if (parseClock(s.opens) === null) errors.add(`${field}[${i}].opens`, 'invalid_time', 'must be a time HH:MM');
    if (parseClock(s.closes) === null) errors.add(`${field}[${i}].closes`, 'invalid_time', 'must be a time HH:MM');
  });
  if (!errors.isEmpty) return;
  const problem = slotsProblem(toSlots(slots));
  if (problem) errors.addProblem(field, problem);
}

export function validateWeekly(weekly: WeeklyHours, errors = new FieldErrors()): FieldErrors {
  for (const day of WEEKDAYS) validateSlots(`weeklyHours.${day}`, weekly[day] ?? [], errors);
  return errors;
}

export interface ExceptionInput {
  date: string;
  kind: ExceptionKind;
  opens?: string | undefined;
  closes?: string | undefined;
  slots?: ClockSlot[] | undefined;
  reason: string;
}

/** Validates an operator's exception and turns it into the domain form. */
export function parseException(input: ExceptionInput): CalendarException {
  const errors = new FieldErrors();
  if (!isLocalDate(input.date)) errors.add('date', 'invalid_date', 'must be a date YYYY-MM-DD');
  if (!input.reason.trim()) errors.add('reason', 'required', 'must not be empty');
  let slots: ClockSlot[] | undefined = input.slots;
  if (!slots && (input.opens !== undefined || input.closes !== undefined)) {
    if (input.opens === undefined) errors.add('opens', 'required_with', 'is required with closes', { other: 'closes' });
    if (input.closes === undefined) errors.add('closes', 'required_with', 'is required with opens', { other: 'opens' });
    if (input.opens !== undefined && input.closes !== undefined) slots = [{ opens: input.opens, closes: input.closes }];
  }
  if (input.kind === 'day_off' && slots) errors.add('kind', 'day_off_has_hours', 'a day off has no opening hours');
  if (input.kind === 'custom_hours' && (!slots || slots.length === 0)) errors.add('opens', 'required', 'custom hours need opens and closes');
  if (slots && errors.isEmpty) {
    if (input.slots) validateSlots('slots', slots, errors);
    else {
      if (parseClock(slots[0]!.opens) === null) errors.add('opens', 'invalid_time', 'must be a time HH:MM');
      if (parseClock(slots[0]!.closes) === null) errors.add('closes', 'invalid_time', 'must be a time HH:MM');
      if (errors.isEmpty && slotsProblem(toSlots(slots))) errors.add('closes', 'must_be_after', 'must be after opens', { other: 'opens' });
    }
  }
  errors.throwIfAny();
  return { date: input.date, kind: input.kind, ...(slots && { slots: toSlots(slots) }), reason: input.reason.trim() };
}
