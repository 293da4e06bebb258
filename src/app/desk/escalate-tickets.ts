import { systemActor } from '../../domain/actor.js';
import type { ClockState } from '../../domain/desk/sla.js';
import type { DeskDeps, EscalationMarker } from './ports.js';
import { queueEscalationNotifications, type Escalation } from './notify-escalation.js';
import { recordAudit } from '../audit/record-audit.js';
import { slasOf } from './ticket-sla.js';
import { SYSTEM } from '../shared/transaction.js';

export const WARNING_RATIO = 0.8;

/** Declared beside its notification, so this file depends on that one and not back. */
export type { Escalation } from './notify-escalation.js';

/**
 * Raises a warning when a clock reaches 80 % of its target and a breach at 100 %. Each is
 * raised once: the marker column is set with a conditional update, so when several replicas
 * (or a restarted one) run this at the same moment, exactly one of them records the event.
 */
export async function escalateTickets(deps: DeskDeps): Promise<Escalation[]> {
  const now = deps.clock.now();
  const actor = systemActor('escalation');
  return deps.store.run(SYSTEM, async (tx) => {
    const raised: Escalation[] = [];
    const open = await deps.store.tickets.open(tx);
    // Every open ticket's clocks in a few statements, not two per ticket: the open tickets are what grows.
    const slas = await slasOf(deps, tx, open, now);
    for (const [i, ticket] of open.entries()) {
      const sla = slas[i]!;
      const checks: [Escalation['clock'], ClockState][] = [['reaction', sla.reaction], ['resolution', sla.resolution]];
      for (const [clock, state] of checks) {
        if (state.metAt !== null) continue;
        const levels: [Escalation['level'], boolean][] = [['warning', state.ratio >= WARNING_RATIO], ['breach', state.ratio >= 1]];
        for (const [level, reached] of levels) {
          if (!reached) continue;
          const marker = `${clock}_${level === 'warning' ? 'warned' : 'breached'}_at` as EscalationMarker;
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
      }
    }
    return raised;
  });
}
