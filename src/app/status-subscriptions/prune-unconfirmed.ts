import { CONFIRMATION_HOURS } from '../../domain/status/subscription-mail.js';
import { SYSTEM } from '../shared/transaction.js';
import type { StatusMailDeps } from './ports.js';

/** Housekeeping: addresses never confirmed are forgotten once their link has expired. */
export async function pruneUnconfirmedSubscribers(deps: Pick<StatusMailDeps, 'store' | 'clock'>): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - CONFIRMATION_HOURS * 3_600_000);
  return deps.store.run(SYSTEM, (tx) => deps.store.statusSubscribers.pruneUnconfirmed(tx, before));
}
