import type { Actor } from '../../domain/actor.js';
import { ticketReplyAddress } from '../../domain/desk/reply-address.js';
import { messageDomain, satisfactionMail, threadHeaders, ticketMail, type TicketChange } from '../../domain/desk/ticket-mail.js';
import type { Ticket, TicketEvent } from '../../domain/desk/ticket.js';
import { hashSecret, newSecret } from '../shared/secrets.js';
import type { Notice } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { DeskDeps } from './ports.js';

/** The web page a satisfaction link opens (web/src/features/tickets/pages/satisfaction-page.tsx). */
export const SATISFACTION_PAGE = '/satisfaction';

function changeOf(event: TicketEvent): TicketChange | null {
  if (event.kind === 'comment') return { kind: 'reply', author: event.actorLabel, body: event.body ?? '' };
  if (event.kind === 'status' && event.toStatus) return { kind: 'status', author: event.actorLabel, from: event.fromStatus, to: event.toStatus };
  return null;
}

/**
 * Records, in the change's own transaction (ADR 0020), one mail per person who hears of a public
 * reply or status change of a ticket: its reporter and its watchers, each in their language, never
 * the person who made the change. Internal notes never leave Kopa. The key names the timeline
 * entry, so recording it again changes nothing.
 */
export async function queueTicketMail(deps: DeskDeps, tx: Tx, actor: Actor, ticket: Ticket, event: TicketEvent, now: Date): Promise<void> {
  const settings = deps.notifications;
  const change = changeOf(event);
  if (!settings?.mailEnabled || !event.public || !change) return;
  const people = (await deps.store.tickets.people(tx, ticket.id)).filter((p) => p.active && p.userId !== actor.id);
  if (people.length === 0) return;
  const replyTo = settings.deskAddress ? ticketReplyAddress(settings.deskAddress, ticket.number) : null;
  const link = settings.publicUrl ? `${settings.publicUrl}/tickets/${ticket.id}` : null;
  const headers = threadHeaders(ticket.number, event.id, messageDomain(settings.deskAddress));
  const notices: Notice[] = people.map((person) => {
    const mail = ticketMail({ number: ticket.number, subject: ticket.subject, change, link, replyTo }, person.locale);
    return {
      eventKey: `ticket:${ticket.id}:event:${event.id}`,
      event: change.kind === 'reply' ? 'ticket.replied' : 'ticket.status_changed',
      channel: 'email',
      recipient: person.email,
      tenantId: ticket.tenantId,
      subject: mail.subject,
      payload: { text: mail.text, headers, ...(replyTo && { replyTo }) },
      language: person.locale,
    };
  });
  await deps.store.outbox.record(tx, notices, now);
}

/**
 * When a ticket is resolved, its reporter is asked how satisfied they are: five links, one per
 * score, carrying a new one-time secret of which only the hash is kept. Not asked again once rated,
 * nor of a reporter who resolved the ticket themselves.
 */
export async function askForSatisfaction(deps: DeskDeps, tx: Tx, actor: Actor, ticket: Ticket, event: TicketEvent, now: Date): Promise<void> {
  const settings = deps.notifications;
  if (!settings?.mailEnabled || !settings.publicUrl || ticket.status !== 'resolved' || ticket.ratedAt) return;
  const reporter = (await deps.store.tickets.people(tx, ticket.id)).find((p) => p.reporter && p.active);
  if (!reporter || reporter.userId === actor.id) return;
  const token = newSecret(32);
  await deps.store.tickets.askSatisfaction(tx, ticket.id, hashSecret(token), now);
  const mail = satisfactionMail(ticket.number, ticket.subject, `${settings.publicUrl}${SATISFACTION_PAGE}`, token, reporter.locale);
  const headers = threadHeaders(ticket.number, `${event.id}-satisfaction`, messageDomain(settings.deskAddress));
  await deps.store.outbox.record(
    tx,
    [{ eventKey: `ticket:${ticket.id}:event:${event.id}:satisfaction`, event: 'ticket.satisfaction_asked', channel: 'email', recipient: reporter.email, tenantId: ticket.tenantId, subject: mail.subject, payload: { text: mail.text, headers }, language: reporter.locale }],
    now,
  );
}
