import type { Actor } from '../../domain/actor.js';
import { notFound, stateProblem } from '../../domain/errors.js';
import type { ApiTokenView } from '../../domain/user.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { IdentityDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { tokenViews } from './token-views.js';

/** Operators revoke any token; a municipality admin only their own municipality's. */
export async function revokeToken(deps: IdentityDeps, actor: Actor, tokenId: string): Promise<ApiTokenView> {
  requirePermission(actor, 'tokens.write');
  const revoked = await deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.tokens.get(tx, tenantFilterOf(actor), tokenId);
    if (!before) throw notFound('Token');
    if (before.revokedAt) throw stateProblem('invalid_state', 'token_revoked', {}, 'The token is already revoked');
    const after = await deps.store.tokens.revoke(tx, tenantFilterOf(actor), tokenId, deps.clock.now());
    const { tenantName: _name, tenantStatus: _status, ...beforeToken } = before;
    await recordAudit(deps, tx, actor, { action: 'token.revoked', entityType: 'api_token', entityId: tokenId, tenantId: after.tenantId, before: beforeToken, after });
    return { ...before, ...after };
  });
  return (await tokenViews(deps, [revoked]))[0]!;
}
