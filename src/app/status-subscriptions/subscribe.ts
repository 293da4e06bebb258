import { KopaError, fieldError, validationError } from '../../domain/errors.js';
import type { Language } from '../../domain/locale.js';
import { CONFIRMATION_PAUSE_MINUTES, confirmationMail } from '../../domain/status/subscription-mail.js';
import { EMAIL_PATTERN, normalizeEmail } from '../../domain/user.js';
import { hashSecret, newSecret } from '../shared/secrets.js';
import { SYSTEM } from '../shared/transaction.js';
import { confirmLink } from './links.js';
import type { StatusMailDeps } from './ports.js';

export interface SubscribeInput {
  email: string;
  language?: Language | undefined;
  serviceIds?: string[] | undefined;
}

/**
 * Someone asks to follow the status page by e-mail. The answer is the same whether the address is
 * new, waiting for confirmation or already confirmed, so it tells nobody who follows; only a new or
 * unconfirmed address gets a confirmation mail, and at most one per pause.
 */
export async function subscribeToStatus(deps: StatusMailDeps, input: SubscribeInput): Promise<void> {
  const email = normalizeEmail(input.email);
  if (!EMAIL_PATTERN.test(email)) throw validationError('email', 'invalid_email', 'must be an e-mail address');
  const serviceIds = [...new Set(input.serviceIds ?? [])].sort();
  const language = input.language ?? 'lv';
  const now = deps.clock.now();
  await deps.store.run(SYSTEM, async (tx) => {
    const known = new Set((await deps.store.services.list(tx)).map((s) => s.id));
    for (const [i, id] of serviceIds.entries()) {
      if (!known.has(id)) throw new KopaError('validation', `serviceIds[${i}]: no such service`, [fieldError(`serviceIds[${i}]`, 'unknown_service', 'is not a service in the catalogue')]);
    }
    const existing = await deps.store.statusSubscribers.findByEmail(tx, email);
    if (existing?.confirmedAt) return;
    if (existing && now.getTime() - existing.confirmSentAt.getTime() < CONFIRMATION_PAUSE_MINUTES * 60_000) return;
    const token = newSecret();
    const subscriber = await deps.store.statusSubscribers.saveUnconfirmed(tx, { email, language, serviceIds, confirmTokenHash: hashSecret(token) }, now);
    const mail = confirmationMail(language, confirmLink(deps.notifications?.publicUrl ?? null, token));
    await deps.store.outbox.record(
      tx,
      [{ eventKey: `status-subscriber:${subscriber.id}:confirm:${now.getTime()}`, event: 'status.subscription_confirm', channel: 'email', recipient: email, tenantId: null, subject: mail.subject, payload: { text: mail.text }, language }],
      now,
    );
  });
}
