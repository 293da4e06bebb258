import { randomUUID } from 'node:crypto';
import type { Notice, NotificationSettings, OutboxStore } from './ports.js';
import type { Tx } from './transaction.js';

export interface OperatorAlertDeps {
  store: {
    outbox: Pick<OutboxStore, 'record'>;
    users: { list(tx: Tx, tenantId: null, filter: { agencyOnly: true }): Promise<readonly { active: boolean; role: string; email: string; locale?: string }[]> };
  };
  notifications?: NotificationSettings;
}

export interface OperatorAlert {
  /** The webhook event name, e.g. `backup.failed`. */
  event: string;
  /** Names this occurrence (e.g. `outage:<id>:confirmed`): recording it twice records nothing new. */
  key: string;
  subject: string;
  /** The e-mail's lines (Latvian first, then English). */
  lines: string[];
  /** The webhook body beside `event` and `deliveryId`. */
  body: object;
  at: Date;
}

/**
 * Tells the agency's operators something needs them: an e-mail to every active operator and a
 * signed webhook to each configured receiver, recorded in the outbox in the caller's transaction so
 * the alert exists exactly when the state it reports does (ADR 0020).
 */
export async function alertOperators(deps: OperatorAlertDeps, tx: Tx, alert: OperatorAlert): Promise<void> {
  const settings = deps.notifications;
  if (!settings) return;
  const notices: Notice[] = [];
  if (settings.mailEnabled) {
    const operators = (await deps.store.users.list(tx, null, { agencyOnly: true })).filter((u) => u.active && u.role === 'operator');
    for (const operator of operators) {
      notices.push({ eventKey: alert.key, event: alert.event, channel: 'email', recipient: operator.email, tenantId: null, subject: alert.subject, payload: { text: alert.lines.join('\n') }, language: 'lv' });
    }
  }
  for (const webhook of settings.webhooks) {
    const deliveryId = randomUUID();
    notices.push({ eventKey: alert.key, event: alert.event, channel: 'webhook', recipient: webhook.url, tenantId: null, subject: null, payload: { deliveryId, body: { event: alert.event, deliveryId, ...alert.body } }, language: 'lv' });
  }
  await deps.store.outbox.record(tx, notices, alert.at);
}
