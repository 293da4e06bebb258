import type { Priority } from '../agreement.js';

export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_CATEGORIES = ['incident', 'request', 'question'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];
/** How a request reached the desk; Cabinet Regulation No. 399 counts requests per channel. */
export const TICKET_CHANNELS = ['web', 'email', 'api', 'phone'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/**
 * The workflow: new → in progress → waiting for customer → resolved → closed, with reopen.
 * Agency staff move tickets anywhere along it; the customer may only answer (which resumes
 * a waiting ticket), reopen a resolved one, or close a resolved one.
 */
const STAFF_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['in_progress', 'waiting_for_customer', 'resolved'],
  in_progress: ['waiting_for_customer', 'resolved'],
  waiting_for_customer: ['in_progress', 'resolved'],
  resolved: ['in_progress', 'closed'],
  closed: ['in_progress'],
};
const CUSTOMER_MOVES: Record<TicketStatus, readonly TicketStatus[]> = {
  new: [],
  in_progress: [],
  waiting_for_customer: ['in_progress'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

/** The statuses a ticket may move to from `from`, by agency staff or by the customer. */
export function allowedMoves(from: TicketStatus, byStaff: boolean): readonly TicketStatus[] {
  return (byStaff ? STAFF_MOVES : CUSTOMER_MOVES)[from];
}

/**
 * The moves to offer a caller: none to one who may not write tickets (an auditor, a suspended
 * municipality), otherwise the workflow's moves for staff or for the customer.
 */
export function transitionsFor(from: TicketStatus, caller: { byStaff: boolean; mayWrite: boolean }): readonly TicketStatus[] {
  return caller.mayWrite ? allowedMoves(from, caller.byStaff) : [];
}

export function canMove(from: TicketStatus, to: TicketStatus, byStaff: boolean): boolean {
  return allowedMoves(from, byStaff).includes(to);
}

export interface StatusChange {
  at: number;
  to: TicketStatus;
}

export interface TicketTimeline {
  priority: Priority;
  createdAt: number;
  /** Status changes in time order (the creation as 'new' need not be listed). */
  changes: StatusChange[];
  /** First public comment by agency staff, if any. */
  firstStaffReplyAt: number | null;
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
  channel: TicketChannel;
  subject: string;
  description: string;
  status: TicketStatus;
  reporterId: string | null;
  reporterLabel: string;
  assigneeId: string | null;
  reactionTargetMinutes: number;
  resolutionTargetMinutes: number;
  reactionDueAt: string | null;
  resolutionDueAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  reactionWarnedAt: string | null;
  reactionBreachedAt: string | null;
  resolutionWarnedAt: string | null;
  resolutionBreachedAt: string | null;
  satisfactionRating: number | null;
  satisfactionComment: string | null;
  ratedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type TicketEventKind = 'created' | 'status' | 'comment' | 'assignment' | 'escalation' | 'rating' | 'attachment';

export interface TicketEvent {
  id: string;
  ticketId: string;
  at: string;
  kind: TicketEventKind;
  actorId: string | null;
  actorLabel: string;
  byStaff: boolean;
  public: boolean;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  body: string | null;
  data: unknown;
}

/** The SLA clocks' view of a ticket's history. */
export function timelineOf(ticket: Ticket, events: TicketEvent[]): TicketTimeline {
  return {
    priority: ticket.priority,
    createdAt: Date.parse(ticket.createdAt),
    changes: events.filter((e) => e.kind === 'status' && e.toStatus).map((e) => ({ at: Date.parse(e.at), to: e.toStatus! })),
    firstStaffReplyAt: ticket.firstResponseAt ? Date.parse(ticket.firstResponseAt) : null,
  };
}
