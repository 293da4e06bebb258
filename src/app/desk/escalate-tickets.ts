import { systemActor } from '../../domain/actor.js';
import { levelsReached, nextLevelAt, type EscalationLevel } from '../../domain/desk/escalation.js';
import type { DeskDeps, EscalationMarker } from './ports.js';
import { queueEscalationNotifications, type Escalation } from './notify-escalation.js';
import { recordAudit } from '../audit/record-audit.js';
import { SLA_BATCH, calendarClocksOf, slasOf } from './ticket-sla.js';
import { SYSTEM } from '../shared/transaction.js';
import type { Ticket } from '../../domain/desk/ticket.js';

export { WARNING_RATIO } from '../../domain/desk/escalation.js';

/** Declared beside its notification, so this file depends on that one and not back. */
export type { Escalation } from './notify-escalation.js';

const markerOf = (clock: Escalation['clock'], level: EscalationLevel) => `${clock}_${level === 'warning' ? 'warned' : 'breached'}_at` as EscalationMarker;
const markerSet = (ticket: Ticket, marker: EscalationMarker) =>
  ({ reaction_warned_at: ticket.reactionWarnedAt, reaction_breached_at: ticket.reactionBreachedAt, resolution_warned_at: ticket.resolutionWarnedAt, resolution_breached_at: ticket.resolutionBreachedAt })[marker] !== null;

/**
 * Raises a warning when a clock reaches 80 % of its target and a breach at 100 %. Each is
 * raised once: the marker column is set with a conditional update, so when several replicas
 * (or a restarted one) run this at the same moment, exactly one of them records the event.
 *
 * Only the tickets whose next escalation is due are read (ADR 0027): each ticket keeps the
 * instant its clocks next reach a level they have not raised, computed here after deciding, and
 * any change to what the clocks depend on makes it due at once (migration 038). The decision
 * itself is the clocks' own, as for every open ticket before. `everyOpenTicket` reads them all
 * regardless, as a process's first run does: a release may change what the instants were computed
 * by (the law's holidays in code, the clock rules), and no trigger sees that.
 */
export async function escalateTickets(deps: DeskDeps, options: { everyOpenTicket?: boolean } = {}): Promise<Escalation[]> {
  const now = deps.clock.now();
  const actor = systemActor('escalation');
  return deps.store.run(SYSTEM, async (tx) => {
    const raised: Escalation[] = [];
    const instants: { ticketId: string; at: Date | null; rev: string }[] = [];
    const due = await deps.store.tickets.escalationDue(tx, now, options.everyOpenTicket === true);
    const tickets = due.map((d) => d.ticket);
    const slas = await slasOf(deps, tx, tickets, now);
    const clocks = await calendarClocksOf(deps, tx, tickets);
    for (const [i, { ticket, rev }] of due.entries()) {
      const sla = slas[i]!;
      let next: number | null = null;
      for (const [clock, state] of [['reaction', sla.reaction], ['resolution', sla.resolution]] as const) {
        const reached = levelsReached(state);
        for (const level of reached) {
          const marker = markerOf(clock, level);
          if (!(await deps.store.tickets.claimMarker(tx, ticket.id, marker, now))) continue;
          const data = { clock, level, targetMinutes: state.targetMinutes, elapsedMinutes: Math.round(state.elapsedMinutes), dueAt: new Date(state.dueAt).toISOString() };
          await deps.store.tickets.addEvent(tx, ticket.tenantId, {
            ticketId: ticket.id, at: now.toISOString(), kind: 'escalation', actorId: null, actorLabel: 'Kopa', byStaff: true, public: false, fromStatus: null, toStatus: null, body: null, data,
          });
          await recordAudit(deps, tx, actor, { action: `ticket.${clock}_${level}`, entityType: 'ticket', entityId: ticket.id, tenantId: ticket.tenantId, after: data });
          const escalation = { ticketId: ticket.id, tenantId: ticket.tenantId, clock, level };
          await queueEscalationNotifications(deps, tx, escalation, now);
          raised.push(escalation);
        }
        // A level reached is raised now (here or by another replica); those not reached wait for their instant.
        const pending = (['warning', 'breach'] as const).filter((level) => !reached.includes(level) && !markerSet(ticket, markerOf(clock, level)));
        const at = nextLevelAt(state, pending, clocks.get(ticket.calendarId)!, now.getTime());
        if (at !== null) next = next === null ? at : Math.min(next, at);
      }
      instants.push({ ticketId: ticket.id, at: next === null ? null : new Date(next), rev });
    }
    for (let i = 0; i < instants.length; i += SLA_BATCH) await deps.store.tickets.setEscalationDue(tx, instants.slice(i, i + SLA_BATCH));
    return raised;
  });
}
