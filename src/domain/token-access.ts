import { canGrantRole, type Role } from './roles.js';
import type { TenantStatus } from './tenant.js';

/** Why a token cannot do everything its role allows; the first that applies is given. */
export const TOKEN_ACCESS_REASONS = ['revoked', 'expired', 'tenant_offboarded', 'creator_inactive', 'creator_role_changed', 'tenant_suspended_read_only'] as const;
export type TokenAccessReason = (typeof TOKEN_ACCESS_REASONS)[number];

export type TokenAccessLevel = 'full' | 'read_only' | 'none';

export interface TokenAccess {
  access: TokenAccessLevel;
  reason: TokenAccessReason | null;
}

/** The person who made a token, as they stand now. */
export interface CreatorStanding {
  active: boolean;
  role: Role;
  tenantId: string | null;
}

export interface TokenStanding {
  role: Role;
  tenantId: string | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Null for tokens no person made (bootstrap, CLI, another such token). */
  createdByUserId: string | null;
  /** The creator now; null when no person made it, or when the person cannot be found. */
  creator: CreatorStanding | null;
  /** The token's municipality's status; null for agency tokens. */
  tenantStatus: TenantStatus | null;
}

/**
 * A person's token carries only what that person could hand out today: it works while
 * they are active, their current role could grant the token's role (`canGrantRole`), and
 * — for a municipality admin — they still belong to the token's municipality. Checked on
 * every use, so a deactivation or demotion takes effect at once, however it was made.
 */
export function creatorStillHolds(token: Pick<TokenStanding, 'role' | 'tenantId'>, creator: CreatorStanding): boolean {
  if (!canGrantRole(creator.role, token.role)) return false;
  return creator.tenantId === null || creator.tenantId === token.tenantId;
}

export function tokenAccess(token: TokenStanding, now: Date): TokenAccess {
  const none = (reason: TokenAccessReason): TokenAccess => ({ access: 'none', reason });
  if (token.revokedAt !== null) return none('revoked');
  if (token.expiresAt !== null && token.expiresAt <= now) return none('expired');
  if (token.tenantId !== null && token.tenantStatus === 'offboarded') return none('tenant_offboarded');
  if (token.createdByUserId !== null) {
    if (!token.creator || !token.creator.active) return none('creator_inactive');
    if (!creatorStillHolds(token, token.creator)) return none('creator_role_changed');
  }
  if (token.tenantId !== null && token.tenantStatus === 'suspended') return { access: 'read_only', reason: 'tenant_suspended_read_only' };
  return { access: 'full', reason: null };
}
