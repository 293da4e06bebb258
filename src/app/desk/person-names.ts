import type { Actor } from '../../domain/actor.js';
import { requirePermission } from '../shared/authorize.js';
import { SYSTEM } from '../shared/transaction.js';
import type { DeskDeps } from './ports.js';

/**
 * The names of the people a ticket mentions (reporter, assignee, authors of its entries), by
 * user id, so that the desk and the municipality read "Anna Bērziņa", not an e-mail address.
 * Read as the system: a municipality's user may not list the agency's staff, but sees the name
 * of whoever answers its ticket. Ids of deleted people are left out (the entry keeps its label).
 */
export async function personNames(deps: DeskDeps, actor: Actor, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  requirePermission(actor, 'tickets.read');
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  if (wanted.length === 0) return names;
  await deps.store.run(SYSTEM, async (tx) => {
    for (const id of wanted) {
      const user = await deps.store.users.get(tx, null, id);
      if (user) names.set(id, user.name);
    }
  });
  return names;
}
