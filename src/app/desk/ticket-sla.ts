import type { Actor } from '../../domain/actor.js';
import { reactionClock, resolutionClock, type ClockState } from '../../domain/desk/sla.js';
import { timelineOf, type Ticket, type TicketEvent } from '../../domain/desk/ticket.js';
import { calendarClock } from '../calendars/calendar-clocks.js';
import type { BusinessClock } from '../../domain/calendar/business-clock.js';
import type { TicketClockDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';

export const SLA_BATCH = 500;

export interface TicketSla {
  reaction: ClockState;
  resolution: ClockState;
}

export async function slaOf(deps: TicketClockDeps, tx: Tx, ticket: Ticket, events: TicketEvent[], now: Date): Promise<TicketSla> {
  const { clock } = await calendarClock(deps.store, tx, ticket.calendarId);
  return clocksOf(ticket, events, clock, now);
}

function clocksOf(ticket: Ticket, events: TicketEvent[], clock: BusinessClock, now: Date): TicketSla {
  const timeline = timelineOf(ticket, events);
  return {
    reaction: reactionClock(timeline, clock, ticket.reactionTargetMinutes, now.getTime()),
    resolution: resolutionClock(timeline, clock, ticket.resolutionTargetMinutes, now.getTime()),
  };
}

/**
 * The clocks of many tickets with two statements whatever their number (their status events in
 * one, each calendar's version once) rather than two per ticket: lists and the escalation job.
 * The events are read `batch` tickets at a time (one parameter per id, and PostgreSQL takes at most 65,535).
 */
export async function slasOf(deps: TicketClockDeps, tx: Tx, tickets: readonly Ticket[], now: Date, batch = SLA_BATCH): Promise<TicketSla[]> {
  const events = new Map<string, TicketEvent[]>();
  for (let i = 0; i < tickets.length; i += batch) {
    for (const [id, list] of await deps.store.tickets.statusEventsOf(tx, tickets.slice(i, i + batch).map((t) => t.id))) events.set(id, list);
  }
  const clocks = await calendarClocksOf(deps, tx, tickets);
  return tickets.map((ticket) => clocksOf(ticket, events.get(ticket.id) ?? [], clocks.get(ticket.calendarId)!, now));
}

/** The business clock of each calendar the tickets follow, each calendar read once. */
export async function calendarClocksOf(deps: TicketClockDeps, tx: Tx, tickets: readonly Ticket[]): Promise<Map<string, BusinessClock>> {
  const clocks = new Map<string, BusinessClock>();
  for (const calendarId of new Set(tickets.map((t) => t.calendarId))) clocks.set(calendarId, (await calendarClock(deps.store, tx, calendarId)).clock);
  return clocks;
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
