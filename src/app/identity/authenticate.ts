import type { Actor } from '../../domain/actor.js';
import { KopaError } from '../../domain/errors.js';
import type { TenantStatus } from '../../domain/tenant.js';
import { tokenAccess, type TokenAccessReason } from '../../domain/token-access.js';
import type { User } from '../../domain/user.js';
import type { IdentityDeps } from './ports.js';
import type { SessionStage } from './second-factor-ports.js';
import { hashSecret } from '../shared/secrets.js';
import { tenantRefusal } from '../municipalities/tenant-standing.js';
import { SYSTEM } from '../shared/transaction.js';

export interface SessionAuth {
  actor: Actor;
  user: User;
  csrfToken: string;
  tokenHash: string;
  /** The person's municipality's status (null for agency staff), for the central read/write rule. */
  tenantStatus: TenantStatus | null;
  /** A pending session may only finish its second factor or enrol one; http/auth.ts enforces it. */
  stage: SessionStage;
}

export interface TokenAuth {
  actor: Actor;
  tenantStatus: TenantStatus | null;
}

/** A hash of no session and no token: what `readyStandingLookups` asks for. */
const NO_ONE = '0'.repeat(64);

/**
 * Both standing lookups asked once for a hash no one holds, before the server listens: on the
 * embedded database the first call of a PL/pgSQL function loads the language's module and compiles
 * the function, ~20 ms that the first signed-in request after a restart waited for (ADR 0026,
 * "2026-12-07, evening"). They only read, and find nothing.
 */
export async function readyStandingLookups(deps: IdentityDeps): Promise<void> {
  await deps.store.sessionStanding(NO_ONE);
  await deps.store.tokenStanding(NO_ONE);
}

// Sliding expiry is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/**
 * Resolves a session cookie to its person; expired sessions and inactive people get nothing.
 * A session of an offboarded municipality ends here, with the coded refusal.
 *
 * The session, its person and their municipality are read by one statement outside any transaction
 * (ADR 0019), as a token's are: this runs on every browser request, and the use case's transaction
 * is then the only one the request opens. The rare writes — forgetting an ended session, sliding
 * the expiry at most once per interval — run in their own short transaction, only when due.
 */
export async function authenticateSession(
  deps: IdentityDeps,
  sessionToken: string,
  context: { requestId: string | null; clientAddress: string | null; sessionTtlHours: number },
): Promise<SessionAuth | null> {
  const tokenHash = hashSecret(sessionToken);
  const now = deps.clock.now();
  const session = await deps.store.sessionStanding(tokenHash);
  if (!session) return null;
  const forget = () => deps.store.run(SYSTEM, (tx) => deps.store.sessions.delete(tx, tokenHash));
  if (session.expiresAt <= now) {
    await forget();
    return null;
  }
  const { user, tenantStatus } = session;
  if (!user.active) return null;
  if (user.tenantId !== null && tenantStatus === 'offboarded') {
    await forget();
    throw tenantRefusal('tenant_offboarded');
  }
  // A pending sign-in keeps its short deadline; only full sessions slide.
  if (session.stage === 'full' && now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const expiresAt = new Date(now.getTime() + context.sessionTtlHours * 3_600_000);
    const seenBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS);
    await deps.store.run(SYSTEM, (tx) => deps.store.sessions.touch(tx, tokenHash, now, expiresAt, seenBefore));
  }
  const actor: Actor = {
    kind: 'user',
    id: user.id,
    label: user.email,
    role: user.role,
    tenantId: user.tenantId,
    requestId: context.requestId,
    clientAddress: context.clientAddress,
  };
  return { actor, user, csrfToken: session.csrfToken, tokenHash, tenantStatus, stage: session.stage };
}

const TOKEN_REFUSALS: Record<Exclude<TokenAccessReason, 'tenant_suspended_read_only' | 'tenant_offboarded'>, string> = {
  revoked: 'The API token is revoked',
  expired: 'The API token has expired',
  creator_inactive: 'The API token stopped working: the person who made it is no longer active',
  creator_role_changed: 'The API token stopped working: the person who made it no longer holds a role that could grant it',
};

/**
 * Resolves a bearer token, or throws why it does not work. The token, the person who made it and
 * its municipality are read by one statement outside any transaction (ADR 0019): this runs on every
 * API call, and the use case's transaction is then the only one the request opens.
 */
export async function authenticateToken(
  deps: IdentityDeps,
  token: string,
  context: { requestId: string | null; clientAddress: string | null },
): Promise<TokenAuth> {
  const now = deps.clock.now();
  const record = await deps.store.tokenStanding(hashSecret(token));
  if (!record) throw new KopaError('unauthenticated', 'The API token is unknown, expired or revoked');
  const { access, reason } = tokenAccess(record, now);
  if (access === 'none') {
    if (reason === 'tenant_offboarded') throw tenantRefusal('tenant_offboarded');
    throw new KopaError('unauthenticated', TOKEN_REFUSALS[reason as keyof typeof TOKEN_REFUSALS] ?? 'The API token does not work');
  }
  // Its own short transaction, at most once per interval per token: not on the hot path.
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await deps.store.run(SYSTEM, (tx) => deps.store.tokens.markUsed(tx, record.id, now));
  }
  const actor: Actor = {
    kind: 'token',
    id: record.id,
    label: `token:${record.name}`,
    role: record.role,
    tenantId: record.tenantId,
    requestId: context.requestId,
    clientAddress: context.clientAddress,
  };
  return { actor, tenantStatus: record.tenantStatus };
}
