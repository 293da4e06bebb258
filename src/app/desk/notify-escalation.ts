import { randomUUID } from 'node:crypto';
import type { DeskDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { SYSTEM } from '../shared/transaction.js';

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

export interface NotificationPayload {
  channel: 'email' | 'webhook';
  target: string;
  event: string;
  deliveryId: string;
  escalation: Escalation;
}

/**
 * Queues one job per channel and target in the escalation's own transaction, so a
 * notification exists exactly when its escalation does, and a failing webhook is retried
 * without e-mailing people twice.
 */
export async function queueEscalationNotifications(deps: DeskDeps, tx: Tx, escalation: Escalation, now: Date): Promise<void> {
  const settings = deps.notifications;
  if (!settings) return;
  const event = `ticket.${escalation.clock}_${escalation.level}`;
  const targets: [NotificationPayload['channel'], string][] = [
    ...(settings.mailEnabled ? [['email', 'desk'] as [NotificationPayload['channel'], string]] : []),
    ...settings.webhooks.map((w) => ['webhook', w.url] as [NotificationPayload['channel'], string]),
  ];
  for (const [channel, target] of targets) {
    const payload: NotificationPayload = { channel, target, event, deliveryId: randomUUID(), escalation };
    await deps.store.jobs.enqueue(tx, 'notify', payload, now, `notify:${escalation.ticketId}:${event}:${channel}:${target}`);
  }
}

/** Delivers one queued notification; throwing makes the job queue retry with back-off. */
export async function deliverNotification(deps: DeskDeps, payload: NotificationPayload): Promise<void> {
  const { notifier, notifications: settings } = deps;
  if (!notifier || !settings) throw new Error('Notifications are not configured');
  const { escalation } = payload;
  const context = await deps.store.run(SYSTEM, async (tx) => {
    const ticket = await deps.store.tickets.get(tx, null, escalation.ticketId);
    const tenant = await deps.store.tenants.get(tx, escalation.tenantId);
    const staff = (await deps.store.users.list(tx, null, { agencyOnly: true })).filter((u) => u.active && (u.role === 'desk_agent' || u.role === 'operator'));
    const assignee = ticket?.assigneeId ? staff.find((u) => u.id === ticket.assigneeId) : undefined;
    return { ticket, tenant, recipients: assignee ? [assignee.email] : staff.map((u) => u.email) };
  });
  if (!context.ticket) return; // the ticket is gone; nothing to tell
  const link = settings.publicUrl ? `${settings.publicUrl}/tickets/${context.ticket.id}` : null;
  const label = LABELS[`${escalation.clock}:${escalation.level}`] ?? payload.event;
  if (payload.channel === 'email') {
    if (context.recipients.length === 0) return;
    await notifier.sendMail({
      to: context.recipients,
      subject: `[Kopa #${context.ticket.number}] ${label}: ${context.ticket.subject}`,
      text: [
        `${label}`,
        '',
        `Pieteikums / Ticket: #${context.ticket.number} ${context.ticket.subject}`,
        `Pašvaldība / Municipality: ${context.tenant?.name ?? escalation.tenantId}`,
        `Prioritāte / Priority: ${context.ticket.priority}`,
        `Statuss / Status: ${context.ticket.status}`,
        ...(link ? ['', link] : []),
      ].join('\n'),
    });
    return;
  }
  const webhook = settings.webhooks.find((w) => w.url === payload.target);
  if (!webhook) return; // removed from configuration since it was queued
  await notifier.postWebhook(webhook.url, webhook.secret, payload.event, payload.deliveryId, {
    event: payload.event,
    deliveryId: payload.deliveryId,
    ticket: { id: context.ticket.id, number: context.ticket.number, subject: context.ticket.subject, priority: context.ticket.priority, status: context.ticket.status, tenantId: context.ticket.tenantId },
    clock: escalation.clock,
    level: escalation.level,
    link,
  });
}
