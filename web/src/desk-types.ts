/** Wire shapes of the service desk, the catalogue and business calendars (prefix /api/v1). */
import type { Priority } from './types';

export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_CATEGORIES = ['incident', 'request', 'question'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
export type TicketEventKind = 'created' | 'status' | 'comment' | 'assignment' | 'escalation' | 'rating' | 'attachment';
export type ClockKind = 'reaction' | 'resolution';

/** One SLA clock, measured in business minutes of the ticket's calendar. */
export interface SlaClock {
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: string;
  breached: boolean;
  metAt: string | null;
  /** Waiting for the customer. */
  paused: boolean;
  percentUsed: number;
}

export interface Satisfaction {
  rating: number;
  comment: string | null;
  ratedAt: string;
}

export interface Ticket {
  id: string;
  number: string;
  tenantId: string;
  agreementId: string | null;
  calendarId: string;
  serviceId: string | null;
  priority: Priority;
  category: TicketCategory;
  subject: string;
  description: string;
  status: TicketStatus;
  reporterId: string | null;
  reporterLabel: string;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  reactionDueAt: string | null;
  resolutionDueAt: string | null;
  satisfaction: Satisfaction | null;
  sla: Record<ClockKind, SlaClock>;
}

export interface TicketEvent {
  id: string;
  at: string;
  kind: TicketEventKind;
  actorLabel: string;
  byStaff: boolean;
  public: boolean;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  body: string | null;
  data: unknown;
}

/** Staff a ticket can be assigned to. */
export interface Assignee {
  id: string;
  name: string;
  role: 'operator' | 'desk_agent';
}

export interface TicketWithEvents extends Ticket {
  /** The latest entries of the timeline (at most 50), oldest of them first. */
  events: TicketEvent[];
  /** The page of entries before `events`; null when `events` is the whole timeline. */
  timelineNext: string | null;
}

export interface TicketPage {
  items: Ticket[];
  next: string | null;
  nextCursor: string | null;
}

export interface TicketInput {
  tenantId?: string;
  serviceId?: string | null;
  priority: Priority;
  category?: TicketCategory;
  subject: string;
  description: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
  byStaff?: boolean;
  createdAt: string;
}

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
