/** Wire shapes of the service desk, the catalogue and business calendars (prefix /api/v1). */
import type { ClockKind, TicketCategory } from './features/tickets/queries';
import type { Priority } from './roles';

export interface Service {
  id: string;
  code: string;
  name: { lv: string; en: string | null };
  critical: boolean;
}

export interface Subscription {
  id: string;
  tenantId: string;
  serviceId: string;
  mode: string;
  from: string;
  to: string | null;
}

export interface TargetShare {
  measured: number;
  met: number;
  metPercent: number | null;
}

export interface DeskBreach {
  ticketId: string;
  number: string;
  priority: Priority;
  clock: ClockKind;
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: string;
}

export interface DeskReport {
  tenantId: string;
  month: string;
  tickets: number;
  byPriority: Record<Priority, number>;
  byCategory: Record<TicketCategory, number>;
  reaction: TargetShare & { medianMinutes: number | null; p90Minutes: number | null };
  resolution: TargetShare;
  breaches: DeskBreach[];
  satisfaction: { ratings: number; average: number | null };
}

export interface ClockSlot {
  opens: string;
  closes: string;
}

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarSummary {
  id: string;
  name: string;
  timeZone: string;
  rules: 'lv' | null;
  description: string | null;
  weeklyHours: Record<Weekday, ClockSlot[]>;
  exceptionCount: number;
}

export const EXCEPTION_KINDS = ['day_off', 'working_day', 'custom_hours'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export interface CalendarException {
  date: string;
  kind: ExceptionKind;
  slots: ClockSlot[] | null;
  reason: string;
  createdAt: string;
  createdBy: string | null;
}

export interface CalendarDetail extends Omit<CalendarSummary, 'exceptionCount'> {
  exceptions: CalendarException[];
}

export type DayKind = 'working' | 'shortened' | 'off';

export interface CalendarDay {
  date: string;
  working: boolean;
  kind: DayKind;
  opens: string | null;
  closes: string | null;
  slots: ClockSlot[];
  reason: string | null;
}

export interface ExceptionInput {
  date: string;
  kind: ExceptionKind;
  opens?: string;
  closes?: string;
  reason: string;
}
