import type { Actor } from '../../domain/actor.js';
import type { SecondFactorMethod } from '../../domain/second-factor.js';
import type { User } from '../../domain/user.js';
import { settingsOf } from './identity-settings.js';
import type { SessionDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import type { SessionStage } from './second-factor-ports.js';
import { hashSecret, newSecret } from '../shared/secrets.js';

export interface SessionContext {
  clientAddress: string;
  userAgent: string | null;
  requestId: string | null;
  sessionTtlHours: number;
  /** The kopa_device cookie the browser sent, if any. */
  deviceToken: string | null;
}

export interface NewSession {
  user: User;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A sign-in completed with a second factor also leaves the browser known (the kopa_device cookie). */
export interface CompletedSignIn extends NewSession {
  device: { token: string; expiresAt: Date } | null;
}

export function personActor(user: User, ctx: Pick<SessionContext, 'clientAddress' | 'requestId'>): Actor {
  return { kind: 'user', id: user.id, label: user.email, role: user.role, tenantId: user.tenantId, requestId: ctx.requestId, clientAddress: ctx.clientAddress };
}

/** Writes a session row, full or pending at a stage; pending ones live only minutes. */
export async function insertSession(deps: SessionDeps, tx: Tx, user: User, stage: SessionStage, ctx: SessionContext, now: Date): Promise<NewSession> {
  const sessionToken = newSecret(32);
  const csrfToken = newSecret(24);
  const lifetimeMs = stage === 'full' ? ctx.sessionTtlHours * 3_600_000 : settingsOf(deps).pendingMinutes * 60_000;
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await deps.store.sessions.insert(tx, {
    tokenHash: hashSecret(sessionToken),
    userId: user.id,
    tenantId: user.tenantId,
    csrfToken,
    expiresAt,
    lastSeenAt: now,
    stage,
    clientAddress: ctx.clientAddress,
    userAgent: ctx.userAgent,
  });
  return { user, sessionToken, csrfToken, expiresAt };
}

/**
 * A pending sign-in whose second factor was just proved (or enrolled) becomes a full session
 * under a new token, so a token seen before this moment is worth nothing after it.
 */
export async function completeSignIn(
  deps: SessionDeps,
  tx: Tx,
  pending: { tokenHash: string; csrfToken: string },
  user: User,
  ctx: SessionContext,
  now: Date,
  detail: { method: SecondFactorMethod; enrolled?: boolean },
): Promise<CompletedSignIn> {
  const sessionToken = newSecret(32);
  const expiresAt = new Date(now.getTime() + ctx.sessionTtlHours * 3_600_000);
  await deps.store.sessions.promote(tx, pending.tokenHash, { tokenHash: hashSecret(sessionToken), stage: 'full', expiresAt, at: now });
  await deps.store.users.markLogin(tx, user.id, now);

  // A browser we issued a token to keeps it (people may share one); anything else gets a new one.
  const presented = ctx.deviceToken ? hashSecret(ctx.deviceToken) : null;
  const reuse = presented !== null && (await deps.store.secondFactors.isKnownBrowser(tx, presented, null, now));
  const deviceToken = reuse ? ctx.deviceToken! : newSecret(32);
  const deviceExpiresAt = new Date(now.getTime() + settingsOf(deps).knownBrowserDays * 86_400_000);
  await deps.store.secondFactors.rememberBrowser(tx, hashSecret(deviceToken), user.id, user.tenantId, now, deviceExpiresAt);

  await recordAudit(deps, tx, personActor(user, ctx), {
    action: 'session.login',
    entityType: 'user',
    entityId: user.id,
    tenantId: user.tenantId,
    after: { secondFactor: detail.method, ...(detail.enrolled && { enrolled: true }) },
  });
  return { user: { ...user, lastLoginAt: now.toISOString() }, sessionToken, csrfToken: pending.csrfToken, expiresAt, device: { token: deviceToken, expiresAt: deviceExpiresAt } };
}
