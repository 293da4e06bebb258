import type { Actor } from '../../domain/actor.js';
import { reactionClock, resolutionClock, type ClockState } from '../../domain/desk/sla.js';
import { timelineOf, type Ticket, type TicketEvent } from '../../domain/desk/ticket.js';
import { calendarClock } from '../calendars/calendar-clocks.js';
import type { TicketClockDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';

export interface TicketSla {
  reaction: ClockState;
  resolution: ClockState;
}

export async function slaOf(deps: TicketClockDeps, tx: Tx, ticket: Ticket, events: TicketEvent[], now: Date): Promise<TicketSla> {
  const { clock } = await calendarClock(deps.store, tx, ticket.calendarId);
  const timeline = timelineOf(ticket, events);
  return {
    reaction: reactionClock(timeline, clock, ticket.reactionTargetMinutes, now.getTime()),
    resolution: resolutionClock(timeline, clock, ticket.resolutionTargetMinutes, now.getTime()),
  };
}

/** Keeps the stored due instants (used for lists and the escalation job) in step with the clocks. */
export async function refreshDueInstants(deps: TicketClockDeps, tx: Tx, ticket: Ticket, now: Date): Promise<Ticket> {
  const events = await deps.store.tickets.statusEvents(tx, ticket.id);
  const sla = await slaOf(deps, tx, ticket, events, now);
  const due = (c: ClockState) => (c.metAt !== null ? null : new Date(c.dueAt));
  return deps.store.tickets.update(tx, ticket.tenantId, ticket.id, { reactionDueAt: due(sla.reaction), resolutionDueAt: due(sla.resolution) }, now);
}

export function isStaff(actor: Actor): boolean {
  return actor.role === 'operator' || actor.role === 'desk_agent' || actor.role === 'system';
}
