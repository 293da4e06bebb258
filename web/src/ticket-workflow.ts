import type { TicketStatus } from './desk-types';

/** The moves the server accepts (it decides); the UI offers only these. */
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

export function allowedMoves(from: TicketStatus, staff: boolean): readonly TicketStatus[] {
  return (staff ? STAFF_MOVES : CUSTOMER_MOVES)[from];
}

/** The i18n key that names a move as an action ("Start work", "Reopen"…). */
export function moveLabelKey(from: TicketStatus, to: TicketStatus, staff: boolean): string {
  if (to === 'in_progress') {
    if (from === 'resolved' || from === 'closed') return 'tickets.move.reopen';
    if (from === 'waiting_for_customer') return staff ? 'tickets.move.resume' : 'tickets.move.answered';
    return 'tickets.move.start';
  }
  return `tickets.move.${to}`;
}

/** While these hold, the SLA clocks run (waiting for the customer pauses them; resolved stops them). */
export function clocksRun(status: TicketStatus): boolean {
  return status === 'new' || status === 'in_progress';
}

export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'in_progress', 'waiting_for_customer'];
