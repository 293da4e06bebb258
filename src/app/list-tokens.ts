import type { Actor } from '../domain/actor.js';
import type { ApiToken } from '../domain/user.js';
import { requirePermission, scopeOf, tenantFilterOf } from './authorize.js';
import type { Deps } from './ports.js';

export async function listTokens(deps: Deps, actor: Actor): Promise<ApiToken[]> {
  requirePermission(actor, 'tokens.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.tokens.list(tx, tenantFilterOf(actor)));
}
