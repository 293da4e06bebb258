import { KopaError } from '../../domain/errors.js';
import type { Clock, MailMessage, NotificationSettings, Notifier, OutboxRecord, OutboxStore, Transactions } from '../shared/ports.js';
import { SYSTEM, type Tx } from '../shared/transaction.js';

/**
 * What follows from a notice having been delivered, run in the transaction that marks its row sent
 * (so it happens exactly when the row is sent, on whichever replica sent it, and survives restarts):
 * e.g. a maintenance window is announced at the moment its notice went out.
 */
export type SentHandler = (tx: Tx, notice: OutboxRecord, sentAt: Date) => Promise<void>;
/** Handlers by the notice's `event`; the features that need one register it where main/ wires deps. */
export type SentHandlers = Readonly<Record<string, SentHandler>>;

export interface OutboxSendDeps {
  store: Transactions & { outbox: OutboxStore };
  clock: Clock;
  notifier?: Notifier;
  notifications?: NotificationSettings;
  sentHandlers?: SentHandlers;
}

/** After this many attempts a notice is `failed` and waits for an operator (ADR 0020). */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** How long a claimed row is the sender's before another may take it: far longer than one SMTP or HTTP timeout. */
export const OUTBOX_CLAIM_SECONDS = 300;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 3_600_000;

/** Exponential back-off after the n-th failed attempt: 30 s, 1 min, 2 min … at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(attempts - 1, 0), LONGEST_RETRY_MS);
}

/** A failure no retry can mend (the receiver was removed from the configuration). */
class Undeliverable extends Error {}

async function deliver(deps: OutboxSendDeps, notice: OutboxRecord): Promise<void> {
  const { notifier, notifications } = deps;
  if (!notifier) throw new Error('Notifications are not configured');
  const payload = notice.payload as Record<string, unknown>;
  switch (notice.channel) {
    case 'email':
      await notifier.sendMail({
        to: [notice.recipient],
        subject: notice.subject ?? '',
        text: String(payload.text ?? ''),
        html: typeof payload.html === 'string' ? payload.html : undefined,
        replyTo: typeof payload.replyTo === 'string' ? payload.replyTo : undefined,
        headers: (payload.headers as MailMessage['headers']) ?? undefined,
        attachments: (payload.attachments as MailMessage['attachments']) ?? undefined,
      });
      return;
    case 'webhook': {
      // The secret stays in the configuration, never in the outbox; a receiver removed since cannot be signed for.
      const webhook = notifications?.webhooks.find((w) => w.url === notice.recipient);
      if (!webhook) throw new Undeliverable(`The webhook receiver ${notice.recipient} is no longer configured`);
      await notifier.postWebhook(webhook.url, webhook.secret, notice.event, String(payload.deliveryId), payload.body);
      return;
    }
    case 'teams':
    case 'slack':
      await notifier.postJson(notice.recipient, notice.payload);
      return;
  }
}

const databaseIsDown = (error: unknown) => error instanceof KopaError && error.code === 'database_unavailable';

export interface OutboxPass {
  sent: number;
  /** Attempts that failed: retried later, or `failed` for good when `final`. */
  failures: { id: string; event: string; channel: string; attempts: number; error: string; final: boolean }[];
}

/**
 * One pass of the sender: claims the due rows (SKIP LOCKED, so replicas never take the same one),
 * sends each, and records the outcome. The claim is committed before anything is sent, so no other
 * sender can send the row while this one does; only a crash between the receiver accepting and the
 * row being marked sent can repeat it, after the claim expires (at-least-once at the transport).
 */
export async function sendOutbox(deps: OutboxSendDeps, options: { limit?: number; stopping?: () => boolean } = {}): Promise<OutboxPass> {
  const claimed = await deps.store.run(SYSTEM, (tx) => deps.store.outbox.claim(tx, deps.clock.now(), OUTBOX_CLAIM_SECONDS, options.limit ?? 20));
  const pass: OutboxPass = { sent: 0, failures: [] };
  for (const [index, notice] of claimed.entries()) {
    if (options.stopping?.()) {
      // Shutting down: the rest go back at once rather than after their claim expires.
      const unsent = claimed.slice(index).map((n) => n.id);
      await deps.store.run(SYSTEM, (tx) => deps.store.outbox.release(tx, unsent, deps.clock.now()));
      break;
    }
    try {
      await deliver(deps, notice);
    } catch (error) {
      if (databaseIsDown(error)) throw error;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const final = error instanceof Undeliverable || notice.attempts >= OUTBOX_MAX_ATTEMPTS;
      const retryAt = final ? null : new Date(deps.clock.now().getTime() + retryDelayMs(notice.attempts));
      await deps.store.run(SYSTEM, (tx) => deps.store.outbox.markFailed(tx, notice.id, message, retryAt));
      pass.failures.push({ id: notice.id, event: notice.event, channel: notice.channel, attempts: notice.attempts, error: message, final });
      continue;
    }
    const sentAt = deps.clock.now();
    const handler = deps.sentHandlers?.[notice.event];
    await deps.store.run(SYSTEM, async (tx) => {
      // A row no longer ours (its claim expired and another sender took it) is that sender's to mark.
      if ((await deps.store.outbox.markSent(tx, notice.id, sentAt)) && handler) await handler(tx, notice, sentAt);
    });
    pass.sent++;
  }
  return pass;
}
