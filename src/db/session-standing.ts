import type { Kysely } from 'kysely';
import type { PresentedSession } from '../app/identity/ports.js';
import type { SessionStage } from '../app/identity/second-factor-ports.js';
import type { TenantStatus } from '../domain/tenant.js';
import type { Database } from './schema.js';
import { toUser } from './repositories/users.js';
import { standingLookup, standingRow } from './standing-lookup.js';

interface StandingRow {
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
  stage: string;
  user_id: string;
  email: string;
  name: string;
  role: string;
  tenant_id: string | null;
  active: boolean;
  locale: string;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
  tenant_status: string | null;
}

// Migration 034; run as the token's is (standing-lookup.ts).
const LOOKUP = standingLookup('SELECT * FROM kopa_session_standing($1)');

/** A presented session cookie's standing in one autocommitted statement (ADR 0019). */
export async function sessionStanding(db: Kysely<Database>, tokenHash: string): Promise<PresentedSession | null> {
  const row = await standingRow<StandingRow>(db, LOOKUP, tokenHash);
  if (!row) return null;
  return {
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    stage: row.stage as SessionStage,
    // The same person GET /api/v1/session answers with, without the password hash.
    user: toUser({ ...row, id: row.user_id }),
    tenantStatus: row.tenant_status as TenantStatus | null,
  };
}
