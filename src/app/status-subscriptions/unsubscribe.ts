import { notFound } from '../../domain/errors.js';
import { hashSecret } from '../shared/secrets.js';
import { SYSTEM } from '../shared/transaction.js';
import type { StatusMailDeps } from './ports.js';

/** An unsubscribe link from any notice mail: the address and every token sent to it are forgotten. */
export async function unsubscribeFromStatus(deps: Pick<StatusMailDeps, 'store'>, token: string): Promise<void> {
  const done = await deps.store.run(SYSTEM, (tx) => deps.store.statusSubscribers.unsubscribe(tx, hashSecret(token)));
  if (!done) throw notFound('Subscription link');
}
