import type { Ticket } from './ticket.js';

/**
 * The orders a ticket list can be read in. Each ends on the ticket number, so the order is total
 * and a page boundary never splits or repeats a ticket:
 * - newest: by number, newest first (the default);
 * - oldest: by number, oldest first;
 * - updated: most recently changed first;
 * - deadline: nearest resolution deadline first, tickets without one last, then oldest first;
 * - priority: P1 first, then newest first.
 */
export const TICKET_SORTS = ['newest', 'oldest', 'updated', 'deadline', 'priority'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** Stands in for "no deadline" in a deadline page key: it sorts after every real instant. */
export const NO_DEADLINE = 'infinity';

/** The page key of a ticket in a sort: the sort's value (where it has one) and the number. */
export function ticketSortKey(ticket: Pick<Ticket, 'number' | 'updatedAt' | 'resolutionDueAt' | 'priority'>, sort: TicketSort): readonly (string | number)[] {
  const number = Number(ticket.number);
  switch (sort) {
    case 'newest':
    case 'oldest':
      return [number];
    case 'updated':
      return [ticket.updatedAt, number];
    case 'deadline':
      return [ticket.resolutionDueAt ?? NO_DEADLINE, number];
    case 'priority':
      return [ticket.priority, number];
  }
}
