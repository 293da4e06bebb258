import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { IdentityDeps } from './ports.js';

export async function getUser(deps: IdentityDeps, actor: Actor, userId: string): Promise<User> {
  if (actor.id !== userId) requirePermission(actor, 'users.read');
  const user = await deps.store.run(scopeOf(actor), (tx) => deps.store.users.get(tx, tenantFilterOf(actor), userId));
  if (!user) throw notFound('User');
  return user;
}
