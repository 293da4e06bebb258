import type { Kysely } from 'kysely';
import type { PresentedToken } from '../app/identity/ports.js';
import type { Role } from '../domain/roles.js';
import type { TenantStatus } from '../domain/tenant.js';
import type { Database } from './schema.js';
import { standingLookup, standingRow } from './standing-lookup.js';

interface StandingRow {
  id: string;
  name: string;
  role: string;
  tenant_id: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_by_user_id: string | null;
  tenant_status: string | null;
  creator_active: boolean | null;
  creator_role: string | null;
  creator_tenant_id: string | null;
}

// Migration 033; fixed text, run by standing-lookup.ts.
const LOOKUP = standingLookup('SELECT * FROM kopa_token_standing($1)');

/** A presented token's standing in one autocommitted statement (ADR 0019). */
export async function tokenStanding(db: Kysely<Database>, tokenHash: string): Promise<PresentedToken | null> {
  const row = await standingRow<StandingRow>(db, LOOKUP, tokenHash);
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    tenantId: row.tenant_id,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
    createdByUserId: row.created_by_user_id,
    // The left join found no person: null, which token-access reads as a creator no longer active.
    creator: row.creator_active === null ? null : { active: row.creator_active, role: row.creator_role as Role, tenantId: row.creator_tenant_id },
    tenantStatus: row.tenant_status as TenantStatus | null,
  };
}
