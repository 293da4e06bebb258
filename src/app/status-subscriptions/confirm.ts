import { notFound } from '../../domain/errors.js';
import { CONFIRMATION_HOURS } from '../../domain/status/subscription-mail.js';
import { hashSecret } from '../shared/secrets.js';
import { SYSTEM } from '../shared/transaction.js';
import type { StatusMailDeps } from './ports.js';

/** The confirmation link followed: the address starts receiving notices. The link works once. */
export async function confirmStatusSubscription(deps: Pick<StatusMailDeps, 'store' | 'clock'>, token: string): Promise<{ email: string }> {
  const now = deps.clock.now();
  const confirmed = await deps.store.run(SYSTEM, (tx) => deps.store.statusSubscribers.confirm(tx, hashSecret(token), now, new Date(now.getTime() - CONFIRMATION_HOURS * 3_600_000)));
  if (!confirmed) throw notFound('Subscription link');
  return { email: confirmed.email };
}
