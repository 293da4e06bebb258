import type { Ticket } from '../../domain/desk/ticket.js';
import { ticketTopicNotice } from '../../domain/desk/ticket-mail.js';
import { recordMunicipalityNotice } from '../notices/recipients.js';
import type { Tx } from '../shared/transaction.js';
import type { OpenTicketDeps } from './ports.js';

/**
 * Tells whoever a municipality chose for its `tickets` topic (an IT mailbox, a Teams or Slack
 * channel) that one of its tickets was opened or resolved, in the change's transaction (ADR 0020).
 * The ticket's own people hear of it by the ticket's mail; this topic reaches no one until chosen.
 * `eventId` names the timeline entry of a resolution: a ticket reopened and resolved again is told again.
 */
export async function announceTicket(deps: OpenTicketDeps, tx: Tx, ticket: Ticket, moment: 'opened' | 'resolved', at: Date, eventId?: string): Promise<void> {
  const link = deps.notifications?.publicUrl ? `${deps.notifications.publicUrl}/tickets/${ticket.id}` : null;
  await recordMunicipalityNotice(
    deps,
    tx,
    {
      tenantId: ticket.tenantId,
      topic: 'tickets',
      eventKey: eventId ? `ticket:${ticket.id}:${moment}:${eventId}` : `ticket:${ticket.id}:${moment}`,
      event: `ticket.${moment}`,
      link,
      words: (language) => ticketTopicNotice(ticket, moment, language),
    },
    at,
  );
}
