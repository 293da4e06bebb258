import type { Actor } from '../../domain/actor.js';
import type { ApiTokenView } from '../../domain/user.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { IdentityDeps } from './ports.js';
import { tokenViews } from './token-views.js';

export interface TokenFilter {
  tenantId?: string | undefined;
  /** The person who made them. */
  createdBy?: string | undefined;
}

/** Agency staff see every municipality's tokens (and the agency's); a municipality admin sees their own municipality's. */
export async function listTokens(deps: IdentityDeps, actor: Actor, filter: TokenFilter = {}): Promise<ApiTokenView[]> {
  requirePermission(actor, 'tokens.read');
  const tokens = await deps.store.run(scopeOf(actor), (tx) =>
    deps.store.tokens.list(tx, tenantFilterOf(actor), { tenantId: filter.tenantId, createdByUserId: filter.createdBy }),
  );
  return tokenViews(deps, tokens);
}
