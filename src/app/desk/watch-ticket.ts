import type { Actor } from '../../domain/actor.js';
import type { Ticket } from '../../domain/desk/ticket.js';
import { forbidden, notFound, validationError } from '../../domain/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { Tx } from '../shared/transaction.js';
import type { DeskDeps } from './ports.js';
import { can } from '../../domain/roles.js';
import type { User } from '../../domain/user.js';
import { isStaff } from './ticket-sla.js';

export interface Watcher {
  /** The person's user id. */
  id: string;
  name: string;
  /** An agency account rather than one of the municipality's people. */
  agency: boolean;
}

async function load(deps: DeskDeps, tx: Tx, actor: Actor, ticketId: string): Promise<Ticket> {
  const ticket = await deps.store.tickets.get(tx, tenantFilterOf(actor), ticketId);
  if (!ticket) throw notFound('Ticket');
  return ticket;
}

async function watchersOf(deps: DeskDeps, tx: Tx, ticketId: string): Promise<Watcher[]> {
  return (await deps.store.tickets.people(tx, ticketId)).filter((p) => p.watcher).map((p) => ({ id: p.userId, name: p.name, agency: p.agency }));
}

/** The people who follow a ticket (its reporter hears of it without being one). */
export async function listWatchers(deps: DeskDeps, actor: Actor, ticketId: string): Promise<Watcher[]> {
  requirePermission(actor, 'tickets.read');
  return deps.store.run(scopeOf(actor), async (tx) => {
    await load(deps, tx, actor, ticketId);
    return watchersOf(deps, tx, ticketId);
  });
}

function requirePerson(actor: Actor): void {
  if (actor.kind !== 'user' || actor.id === null) throw forbidden('Only a person follows a ticket; an API token cannot');
}

/** Anyone who sees a ticket may stop their own watching; the desk's staff anyone's. */
function requireMayRemove(actor: Actor, userId: string): void {
  requirePerson(actor);
  if (userId !== actor.id && !isStaff(actor)) throw forbidden('Only the service desk removes other people');
}

/**
 * Who may watch a ticket, as far as `actor` may add them: the desk's staff add the ticket's
 * municipality's people and the agency's staff; a municipality's person adds only their colleagues.
 * Active people who may read tickets.
 */
function mayBeAdded(actor: Actor, ticket: Ticket, person: User): boolean {
  if (!person.active || !can(person.role, 'tickets.read')) return false;
  const seesTicket = person.tenantId === null || person.tenantId === ticket.tenantId;
  if (person.id === actor.id || isStaff(actor)) return seesTicket;
  return person.tenantId === actor.tenantId && person.tenantId === ticket.tenantId;
}

/** The people `actor` may add as the ticket's watchers, by name (watchers already among them). */
export async function watcherCandidates(deps: DeskDeps, actor: Actor, ticketId: string): Promise<Watcher[]> {
  requirePermission(actor, 'tickets.write');
  requirePerson(actor);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await load(deps, tx, actor, ticketId);
    const municipality = await deps.store.users.list(tx, ticket.tenantId, {});
    const agency = isStaff(actor) ? await deps.store.users.list(tx, null, { agencyOnly: true }) : [];
    return [...municipality, ...agency]
      .filter((p) => mayBeAdded(actor, ticket, p))
      .map((p) => ({ id: p.id, name: p.name, agency: p.tenantId === null }));
  });
}

/**
 * Adds a person to a ticket's watchers (the caller themselves when `userId` is null): for the desk's
 * staff a person of the ticket's municipality or of the agency, for a municipality's person a
 * colleague; active. Watching twice is watching.
 */
export async function watchTicket(deps: DeskDeps, actor: Actor, ticketId: string, userId: string | null): Promise<Watcher> {
  requirePermission(actor, 'tickets.write');
  requirePerson(actor);
  const who = userId ?? actor.id ?? '';
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await load(deps, tx, actor, ticketId);
    const person = await deps.store.users.get(tx, null, who);
    if (!person || !mayBeAdded(actor, ticket, person)) {
      throw validationError('userId', 'unknown_watcher', isStaff(actor) ? 'must be an active person of the ticket’s municipality or of the agency' : 'must be an active colleague of your municipality');
    }
    if (await deps.store.tickets.addWatcher(tx, ticket.tenantId, ticket.id, person.id, actor.label, now)) {
      await recordAudit(deps, tx, actor, { action: 'ticket.watcher_added', entityType: 'ticket', entityId: ticket.id, tenantId: ticket.tenantId, after: { userId: person.id } });
    }
    return { id: person.id, name: person.name, agency: person.tenantId === null };
  });
}

/** Stops a person watching a ticket; one who was not watching stays so. */
export async function unwatchTicket(deps: DeskDeps, actor: Actor, ticketId: string, userId: string): Promise<void> {
  requirePermission(actor, 'tickets.write');
  requireMayRemove(actor, userId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await load(deps, tx, actor, ticketId);
    if (await deps.store.tickets.removeWatcher(tx, ticket.id, userId)) {
      await recordAudit(deps, tx, actor, { action: 'ticket.watcher_removed', entityType: 'ticket', entityId: ticket.id, tenantId: ticket.tenantId, before: { userId } });
    }
  });
}
