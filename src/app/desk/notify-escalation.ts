import { randomUUID } from 'node:crypto';
import type { DeskDeps } from './ports.js';
import type { Notice } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';

const LABELS: Record<string, string> = {
  'reaction:warning': 'Reakcijas laiks izlietots par 80 % / Reaction time 80 % used',
  'reaction:breach': 'Reakcijas termiņš pārsniegts / Reaction target breached',
  'resolution:warning': 'Atrisināšanas laiks izlietots par 80 % / Resolution time 80 % used',
  'resolution:breach': 'Atrisināšanas termiņš pārsniegts / Resolution target breached',
};

/** A clock of a ticket that crossed its warning or breach line, raised once by escalate-tickets. */
export interface Escalation {
  ticketId: string;
  tenantId: string;
  clock: 'reaction' | 'resolution';
  level: 'warning' | 'breach';
}

/**
 * Records the escalation's notices in the outbox in the escalation's own transaction, so they
 * exist exactly when the escalation does: an e-mail to the ticket's assignee (or, unassigned, to
 * every active desk agent and operator) and a signed webhook to each receiver. Each recipient is
 * its own row, so a failing webhook is retried without e-mailing people twice (ADR 0020).
 */
export async function queueEscalationNotifications(deps: DeskDeps, tx: Tx, escalation: Escalation, now: Date): Promise<void> {
  const settings = deps.notifications;
  if (!settings) return;
  const ticket = await deps.store.tickets.get(tx, null, escalation.ticketId);
  if (!ticket) return;
  const event = `ticket.${escalation.clock}_${escalation.level}`;
  const eventKey = `ticket:${ticket.id}:${event}`;
  const link = settings.publicUrl ? `${settings.publicUrl}/tickets/${ticket.id}` : null;
  const notices: Notice[] = [];
  if (settings.mailEnabled) {
    const tenant = await deps.store.tenants.get(tx, escalation.tenantId);
    const staff = (await deps.store.users.list(tx, null, { agencyOnly: true })).filter((u) => u.active && (u.role === 'desk_agent' || u.role === 'operator'));
    const assignee = ticket.assigneeId ? staff.find((u) => u.id === ticket.assigneeId) : undefined;
    const label = LABELS[`${escalation.clock}:${escalation.level}`] ?? event;
    const subject = `[Kopa #${ticket.number}] ${label}: ${ticket.subject}`;
    const text = [
      label,
      '',
      `Pieteikums / Ticket: #${ticket.number} ${ticket.subject}`,
      `Pašvaldība / Municipality: ${tenant?.name ?? escalation.tenantId}`,
      `Prioritāte / Priority: ${ticket.priority}`,
      `Statuss / Status: ${ticket.status}`,
      ...(link ? ['', link] : []),
    ].join('\n');
    for (const person of assignee ? [assignee] : staff) {
      notices.push({ eventKey, event, channel: 'email', recipient: person.email, tenantId: ticket.tenantId, subject, payload: { text }, language: 'lv' });
    }
  }
  for (const webhook of settings.webhooks) {
    const deliveryId = randomUUID();
    const body = {
      event,
      deliveryId,
      ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject, priority: ticket.priority, status: ticket.status, tenantId: ticket.tenantId },
      clock: escalation.clock,
      level: escalation.level,
      link,
    };
    notices.push({ eventKey, event, channel: 'webhook', recipient: webhook.url, tenantId: ticket.tenantId, subject: null, payload: { deliveryId, body }, language: 'lv' });
  }
  await deps.store.outbox.record(tx, notices, now);
}
