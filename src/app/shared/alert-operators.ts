import { randomUUID } from 'node:crypto';
import type { JobStore, NotificationSettings } from './ports.js';
import type { Tx } from './transaction.js';

export interface OperatorAlertDeps {
  store: {
    jobs: Pick<JobStore, 'enqueue'>;
    users: { list(tx: Tx, tenantId: null, filter: { agencyOnly: true }): Promise<readonly { active: boolean; role: string; email: string }[]> };
  };
  notifications?: NotificationSettings;
}

export interface OperatorAlert {
  /** The webhook event name, e.g. `backup.failed`. */
  event: string;
  subject: string;
  /** The e-mail's lines (Latvian first, then English). */
  lines: string[];
  /** The webhook body beside `event` and `deliveryId`. */
  body: object;
  at: Date;
}

/**
 * Tells the agency's operators something needs them: an e-mail to every active operator and a
 * signed webhook to each configured receiver, queued in the caller's transaction so the alert
 * exists exactly when the state it reports does.
 */
export async function alertOperators(deps: OperatorAlertDeps, tx: Tx, alert: OperatorAlert): Promise<void> {
  const settings = deps.notifications;
  if (!settings) return;
  if (settings.mailEnabled) {
    const operators = (await deps.store.users.list(tx, null, { agencyOnly: true })).filter((u) => u.active && u.role === 'operator').map((u) => u.email);
    if (operators.length > 0) await deps.store.jobs.enqueue(tx, 'mail', { to: operators, subject: alert.subject, text: alert.lines.join('\n') }, alert.at, `mail:${randomUUID()}`);
  }
  for (const webhook of settings.webhooks) {
    const deliveryId = randomUUID();
    await deps.store.jobs.enqueue(tx, 'webhook', { url: webhook.url, event: alert.event, deliveryId, body: { event: alert.event, deliveryId, ...alert.body } }, alert.at, `webhook:${deliveryId}`);
  }
}
