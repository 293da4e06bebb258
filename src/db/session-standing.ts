import { CompiledQuery, type Kysely } from 'kysely';
import type { PresentedSession } from '../app/identity/ports.js';
import type { SessionStage } from '../app/identity/second-factor-ports.js';
import type { Role } from '../domain/roles.js';
import type { TenantStatus } from '../domain/tenant.js';
import type { Database } from './schema.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';

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

// Fixed text, sent as is (as the token's, src/db/token-standing.ts). The function (migration 034)
// states the system scope itself, so the statement needs no transaction around it.
const LOOKUP = 'SELECT * FROM kopa_session_standing($1)';

/** A presented session cookie's standing in one autocommitted statement (ADR 0019). */
export async function sessionStanding(db: Kysely<Database>, tokenHash: string): Promise<PresentedSession | null> {
  let rows: StandingRow[];
  try {
    rows = (await db.executeQuery<StandingRow>(CompiledQuery.raw(LOOKUP, [tokenHash]))).rows;
  } catch (error) {
    // As in runScoped: a database that is not there is a 503 the caller may retry.
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw error;
  }
  const row = rows[0];
  if (!row) return null;
  return {
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    lastSeenAt: row.last_seen_at,
    stage: row.stage as SessionStage,
    // The same person GET /api/v1/session answers with (users.ts toUser), without the password hash.
    user: {
      id: row.user_id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      tenantId: row.tenant_id,
      active: row.active,
      locale: row.locale as 'lv' | 'en',
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    },
    tenantStatus: row.tenant_status as TenantStatus | null,
  };
}
