import type { TicketStatus } from './queries';

/** The i18n key that names a move as an action ("Start work", "Reopen"…); which moves exist, the server says. */
export function moveLabelKey(from: TicketStatus, to: TicketStatus, staff: boolean): string {
  if (to === 'in_progress') {
    if (from === 'resolved' || from === 'closed') return 'tickets.move.reopen';
    if (from === 'waiting_for_customer') return staff ? 'tickets.move.resume' : 'tickets.move.answered';
    return 'tickets.move.start';
  }
  return `tickets.move.${to}`;
}
