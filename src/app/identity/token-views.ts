import { tokenAccess } from '../../domain/token-access.js';
import type { ApiTokenView } from '../../domain/user.js';
import type { IdentityDeps, TokenWithTenant } from './ports.js';
import { SYSTEM } from '../shared/transaction.js';


/**
 * Adds who made each token and whether it works now. The tokens were already read in the
 * caller's scope; their creators are read in the system scope because agency staff make
 * municipality tokens too and a municipality admin's scope cannot see staff accounts.
 */
export async function tokenViews(deps: IdentityDeps, tokens: TokenWithTenant[]): Promise<ApiTokenView[]> {
  const ids = [...new Set(tokens.map((t) => t.createdByUserId).filter((id): id is string => id !== null))];
  const creators = ids.length === 0 ? new Map() : await deps.store.run(SYSTEM, (tx) => deps.store.tokens.creators(tx, ids));
  const now = deps.clock.now();
  return tokens.map(({ tenantStatus, ...token }) => {
    const creator = token.createdByUserId ? creators.get(token.createdByUserId) ?? null : null;
    const { access, reason } = tokenAccess(
      {
        role: token.role,
        tenantId: token.tenantId,
        expiresAt: token.expiresAt ? new Date(token.expiresAt) : null,
        revokedAt: token.revokedAt ? new Date(token.revokedAt) : null,
        createdByUserId: token.createdByUserId,
        creator,
        tenantStatus,
      },
      now,
    );
    return { ...token, creator: creator && { id: creator.id, name: creator.name, email: creator.email }, access, accessReason: reason };
  });
}
