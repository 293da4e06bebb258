import { systemActor, type Actor } from '../../domain/actor.js';
import type { Ticket } from '../../domain/desk/ticket.js';
import { fieldError, notFound, stateProblem, validationError } from '../../domain/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashSecret } from '../shared/secrets.js';
import { SYSTEM, type Tx } from '../shared/transaction.js';
import type { DeskDeps } from './ports.js';

/** Stores a rating on the ticket and its timeline; the caller has checked who may rate. */
export async function saveRating(deps: DeskDeps, tx: Tx, actor: Actor, ticket: Ticket, by: { id: string | null; label: string }, rating: number, comment: string | null, now: Date): Promise<Ticket> {
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw stateProblem('invalid_state', 'ticket_not_resolved', {}, 'A ticket is rated after it is resolved', [fieldError('rating', 'ticket_not_resolved', 'the ticket is not resolved yet')]);
  if (ticket.ratedAt) throw stateProblem('conflict', 'ticket_rated', {}, 'The ticket has been rated already', [fieldError('rating', 'already_done', 'already given')]);
  const text = comment?.trim() || null;
  await deps.store.tickets.addEvent(tx, ticket.tenantId, {
    ticketId: ticket.id, at: now.toISOString(), kind: 'rating', actorId: by.id, actorLabel: by.label, byStaff: false, public: true, fromStatus: null, toStatus: null, body: text, data: { rating },
  });
  const after = await deps.store.tickets.update(tx, ticket.tenantId, ticket.id, { satisfactionRating: rating, satisfactionComment: text, ratedAt: now }, now);
  await recordAudit(deps, tx, actor, { action: 'ticket.rated', entityType: 'ticket', entityId: ticket.id, tenantId: after.tenantId, after: { rating, comment: text } });
  return after;
}

/** A link whose secret matches no ticket: tampered with, cut short, or replaced by a newer one. */
const unknownLink = () => notFound('Satisfaction link');

async function ticketOfLink(deps: DeskDeps, tx: Tx, token: string): Promise<Ticket> {
  const ticket = token.length >= 20 ? await deps.store.tickets.bySatisfactionToken(tx, hashSecret(token)) : null;
  if (!ticket) throw unknownLink();
  if (ticket.ratedAt) throw stateProblem('conflict', 'ticket_rated', {}, 'The ticket has been rated already; the link worked once', [fieldError('token', 'already_done', 'already used')]);
  return ticket;
}

/** What the satisfaction page shows before the score is confirmed: reading it spends nothing. */
export async function satisfactionLink(deps: DeskDeps, token: string): Promise<{ number: string; subject: string }> {
  return deps.store.run(SYSTEM, async (tx) => {
    const ticket = await ticketOfLink(deps, tx, token);
    return { number: ticket.number, subject: ticket.subject };
  });
}

export interface SatisfactionAnswer {
  token: string;
  score: number;
  comment: string | null;
  requestId: string | null;
  clientAddress: string | null;
}

/**
 * The reporter's answer through the link in the satisfaction mail. The link is the credential
 * (no sign-in): it rates its own ticket once, as the reporter. The GET the mail's link makes only
 * opens a page; this POST, sent from that page, is what counts, so a mail scanner that follows
 * links does not rate anything.
 */
export async function rateBySatisfactionLink(deps: DeskDeps, answer: SatisfactionAnswer): Promise<{ number: string; rating: number }> {
  if (!Number.isInteger(answer.score) || answer.score < 1 || answer.score > 5) throw validationError('score', 'out_of_range', 'must be a whole number from 1 to 5', { min: 1, max: 5 });
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const ticket = await ticketOfLink(deps, tx, answer.token);
    const actor: Actor = { ...systemActor(`satisfaction link of ${ticket.reporterLabel}`, answer.requestId), clientAddress: answer.clientAddress };
    const rated = await saveRating(deps, tx, actor, ticket, { id: ticket.reporterId, label: ticket.reporterLabel }, answer.score, answer.comment, now);
    return { number: rated.number, rating: answer.score };
  });
}
