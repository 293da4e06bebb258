import type { Actor } from '../../domain/actor.js';
import type { TicketSort } from '../../domain/desk/ticket-sort.js';
import { COMMENT_WINDOW_SECONDS, COMMENTS_PER_WINDOW, commentWaitSeconds } from '../../domain/desk/comment-limit.js';
import { canMove, type Ticket, type TicketChannel, type TicketEvent, type TicketStatus } from '../../domain/desk/ticket.js';
import type { Priority } from '../../domain/agreement.js';
import { KopaError, forbidden, notFound, validationError, fieldError, stateProblem } from '../../domain/errors.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import { sliceOf, type PageRequest, type Slice } from '../shared/paging.js';
import type { DeskDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { isStaff, refreshDueInstants, slaOf, slasOf, type TicketSla } from './ticket-sla.js';
import { SYSTEM } from '../shared/transaction.js';
import { saveRating } from './satisfaction.js';
import { askForSatisfaction, queueTicketMail } from './ticket-mail.js';
import { announceTicket } from './ticket-topic-notice.js';
import { authorOf, type EntryAuthor } from './entry-author.js';

async function load(deps: DeskDeps, tx: Tx, actor: Actor, ticketId: string): Promise<Ticket> {
  const ticket = await deps.store.tickets.get(tx, tenantFilterOf(actor), ticketId);
  if (!ticket) throw notFound('Ticket');
  return ticket;
}

/** How many of the latest timeline entries a ticket's own answer carries; older ones are paged. */
export const TIMELINE_HEAD = 50;

/**
 * A ticket with its clocks and the latest entries of its timeline, oldest of them first.
 * `olderFrom` is the oldest entry shown when older ones exist (the timeline pages on from it).
 */
export async function getTicket(deps: DeskDeps, actor: Actor, ticketId: string): Promise<{ ticket: Ticket; events: TicketEvent[]; olderFrom: TicketEvent | null; sla: TicketSla }> {
  requirePermission(actor, 'tickets.read');
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await load(deps, tx, actor, ticketId);
    const latest = sliceOf(await deps.store.tickets.timeline(tx, ticketId, null, TIMELINE_HEAD + 1), TIMELINE_HEAD);
    const events = latest.items.reverse();
    const sla = await slaOf(deps, tx, ticket, await deps.store.tickets.statusEvents(tx, ticketId), now);
    return { ticket, events, olderFrom: latest.more ? events[0]! : null, sla };
  });
}

/** A ticket's timeline, newest first, a page at a time (the key is the entry's instant and id). */
export async function ticketTimeline(deps: DeskDeps, actor: Actor, ticketId: string, page: PageRequest): Promise<Slice<TicketEvent>> {
  requirePermission(actor, 'tickets.read');
  const before = page.after === null ? null : { at: String(page.after[0]), id: Number(page.after[1]) };
  return deps.store.run(scopeOf(actor), async (tx) => {
    await load(deps, tx, actor, ticketId);
    return sliceOf(await deps.store.tickets.timeline(tx, ticketId, before, page.limit + 1), page.limit);
  });
}

/**
 * A comment. The first public one by agency staff stops the reaction clock; a customer's
 * answer to a ticket waiting for them puts it back in progress, restarting the clocks.
 */
export async function commentOnTicket(deps: DeskDeps, actor: Actor, ticketId: string, body: string, isPublic: boolean): Promise<TicketEvent> {
  requirePermission(actor, 'tickets.write');
  if (!body.trim()) throw validationError('body', 'required', 'must not be empty');
  if (!isPublic && !isStaff(actor)) throw forbidden('Only agency staff write internal notes');
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => addComment(deps, tx, actor, await load(deps, tx, actor, ticketId), body, isPublic, now, authorOf(actor)));
}

/**
 * Writes a comment in the caller's transaction, as `author` (the actor, or the sender of a mail the
 * desk enters). A staff author's first public one stops the reaction clock; a customer's answer to a
 * ticket waiting for them puts it back in progress.
 */
export async function addComment(deps: DeskDeps, tx: Tx, actor: Actor, loaded: Ticket, body: string, isPublic: boolean, now: Date, author: EntryAuthor): Promise<TicketEvent> {
  let ticket = loaded;
  const ticketId = ticket.id;
  if (ticket.status === 'closed') throw stateProblem('invalid_state', 'ticket_closed', {}, 'The ticket is closed; reopen it to comment');
  // Counted under the ticket's row lock: parallel comments take turns, so the limit holds exactly.
  // The system (outage watch) is not limited; people and API tokens are.
  await deps.store.tickets.lockForWrite(tx, ticketId);
  const since = new Date(now.getTime() - COMMENT_WINDOW_SECONDS * 1000);
  const wait = actor.id === null ? null : commentWaitSeconds(await deps.store.tickets.recentComments(tx, ticketId, actor.id, since), now);
  if (wait !== null) {
    throw new KopaError('throttled', `At most ${COMMENTS_PER_WINDOW} comments a minute on one ticket; try again in ${wait} s`, [fieldError('body', 'rate_limited', `at most ${COMMENTS_PER_WINDOW} comments a minute on one ticket`, { max: COMMENTS_PER_WINDOW })], wait, { reason: 'comments_throttled', params: { max: COMMENTS_PER_WINDOW, seconds: wait } });
  }
  const event = await deps.store.tickets.addEvent(tx, ticket.tenantId, {
    ticketId, at: now.toISOString(), kind: 'comment', actorId: author.id, actorLabel: author.label, byStaff: author.byStaff, public: isPublic, fromStatus: null, toStatus: null, body: body.trim(), data: author.enteredBy ? { enteredBy: author.enteredBy } : null,
  });
  if (author.byStaff && isPublic && !ticket.firstResponseAt) ticket = await deps.store.tickets.update(tx, ticket.tenantId, ticketId, { firstResponseAt: now }, now);
  // The customer's own answer moves the ticket on by itself; the reply's mail is the news of it.
  // A mail the desk enters leaves the status to the desk person.
  if (!author.byStaff && !author.enteredBy && ticket.status === 'waiting_for_customer') ticket = (await move(deps, tx, actor, ticket, 'in_progress', now)).ticket;
  await refreshDueInstants(deps, tx, ticket, now);
  await queueTicketMail(deps, tx, actor, ticket, event, now);
  await recordAudit(deps, tx, actor, { action: 'ticket.commented', entityType: 'ticket', entityId: ticketId, tenantId: ticket.tenantId, after: { eventId: event.id, public: isPublic } });
  return event;
}

async function move(deps: DeskDeps, tx: Tx, actor: Actor, ticket: Ticket, to: TicketStatus, now: Date): Promise<{ ticket: Ticket; event: TicketEvent }> {
  const event = await deps.store.tickets.addEvent(tx, ticket.tenantId, {
    ticketId: ticket.id, at: now.toISOString(), kind: 'status', actorId: actor.id, actorLabel: actor.label, byStaff: isStaff(actor), public: true, fromStatus: ticket.status, toStatus: to, body: null, data: null,
  });
  const resolvedAt = to === 'resolved' ? now : to === 'closed' ? undefined : null;
  return { ticket: await deps.store.tickets.update(tx, ticket.tenantId, ticket.id, { status: to, ...(resolvedAt !== undefined && { resolvedAt }) }, now), event };
}

export async function changeTicketStatus(deps: DeskDeps, actor: Actor, ticketId: string, to: TicketStatus): Promise<Ticket> {
  requirePermission(actor, 'tickets.write');
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await load(deps, tx, actor, ticketId);
    if (!canMove(before.status, to, isStaff(actor))) {
      throw stateProblem('invalid_state', 'ticket_transition', { from: before.status, to }, `A ticket cannot move from ${before.status} to ${to}${isStaff(actor) ? '' : ' by the customer'}`, [fieldError('status', 'not_allowed_now', `not allowed from ${before.status}`, { from: before.status })]);
    }
    const moved = await move(deps, tx, actor, before, to, now);
    const after = await refreshDueInstants(deps, tx, moved.ticket, now);
    await queueTicketMail(deps, tx, actor, after, moved.event, now);
    await askForSatisfaction(deps, tx, actor, after, moved.event, now);
    if (after.status === 'resolved') await announceTicket(deps, tx, after, 'resolved', now, moved.event.id);
    await recordAudit(deps, tx, actor, { action: 'ticket.status_changed', entityType: 'ticket', entityId: ticketId, tenantId: after.tenantId, before: { status: before.status }, after: { status: after.status } });
    return after;
  });
}

export async function assignTicket(deps: DeskDeps, actor: Actor, ticketId: string, assigneeId: string | null): Promise<Ticket> {
  requirePermission(actor, 'tickets.manage');
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await load(deps, tx, actor, ticketId);
    if (assigneeId) {
      const assignee = await deps.store.users.get(tx, null, assigneeId);
      if (!assignee || !assignee.active || (assignee.role !== 'operator' && assignee.role !== 'desk_agent')) throw validationError('assigneeId', 'unknown_assignee', 'must be an active operator or desk agent');
    }
    await deps.store.tickets.addEvent(tx, before.tenantId, {
      ticketId, at: now.toISOString(), kind: 'assignment', actorId: actor.id, actorLabel: actor.label, byStaff: true, public: false, fromStatus: null, toStatus: null, body: null, data: { assigneeId },
    });
    const after = await deps.store.tickets.update(tx, before.tenantId, ticketId, { assigneeId }, now);
    await recordAudit(deps, tx, actor, { action: 'ticket.assigned', entityType: 'ticket', entityId: ticketId, tenantId: after.tenantId, before: { assigneeId: before.assigneeId }, after: { assigneeId } });
    return after;
  });
}

/** Cabinet Regulation No. 399 asks for satisfaction to be measured: the reporter rates once, after resolution. */
export async function rateTicket(deps: DeskDeps, actor: Actor, ticketId: string, rating: number, comment: string | null): Promise<Ticket> {
  requirePermission(actor, 'tickets.write');
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw validationError('rating', 'out_of_range', 'must be a whole number from 1 to 5', { min: 1, max: 5 });
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await load(deps, tx, actor, ticketId);
    if (ticket.reporterId !== actor.id) throw forbidden('Only the person who reported the ticket rates it');
    return saveRating(deps, tx, actor, ticket, { id: actor.id, label: actor.label }, rating, comment, now);
  });
}

export interface TicketQuery {
  tenantId?: string | undefined;
  statuses?: TicketStatus[] | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | undefined;
  channel?: TicketChannel | undefined;
  search?: string | undefined;
  sort?: TicketSort | undefined;
}

/** Tickets in the order asked for (newest first by default); the page key is ticketSortKey. */
export async function listTickets(deps: DeskDeps, actor: Actor, filter: TicketQuery, page: PageRequest): Promise<Slice<{ ticket: Ticket; sla: TicketSla }>> {
  requirePermission(actor, 'tickets.read');
  const now = deps.clock.now();
  const tenantId = tenantFilterOf(actor) ?? filter.tenantId ?? null;
  if (filter.tenantId && tenantFilterOf(actor) && filter.tenantId !== tenantFilterOf(actor)) throw notFound('Municipality');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const rows = await deps.store.tickets.list(tx, tenantId, {
      statuses: filter.statuses, priority: filter.priority, assigneeId: filter.assigneeId, channel: filter.channel, search: filter.search,
      sort: filter.sort, after: page.after ?? undefined, limit: page.limit + 1,
    });
    const slice = sliceOf(rows, page.limit);
    const slas = await slasOf(deps, tx, slice.items, now);
    return { items: slice.items.map((ticket, i) => ({ ticket, sla: slas[i]! })), more: slice.more };
  });
}

/** The staff a ticket can be given to: active operators and desk agents (names only, for the desk). */
export async function listAssignees(deps: DeskDeps, actor: Actor): Promise<{ id: string; name: string; role: 'operator' | 'desk_agent' }[]> {
  requirePermission(actor, 'tickets.manage');
  const staff = await deps.store.run(SYSTEM, (tx) => deps.store.users.list(tx, null, { agencyOnly: true }));
  return staff
    .filter((u) => u.active && (u.role === 'operator' || u.role === 'desk_agent'))
    .map((u) => ({ id: u.id, name: u.name, role: u.role as 'operator' | 'desk_agent' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'lv'));
}
