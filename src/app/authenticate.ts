import type { Actor } from '../domain/actor.js';
import type { User } from '../domain/user.js';
import type { Deps } from './ports.js';
import type { SessionStage } from './second-factor-ports.js';
import { hashSecret } from './secrets.js';

export interface SessionAuth {
  actor: Actor;
  user: User;
  csrfToken: string;
  tokenHash: string;
  /** A pending session may only finish its second factor or enrol one; http/auth.ts enforces it. */
  stage: SessionStage;
}

const SYSTEM = { role: 'system' as const, tenantId: null };
// Sliding expiry is written at most this often, not on every request.
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** Resolves a session cookie to its person; expired sessions and inactive people get nothing. */
export async function authenticateSession(
  deps: Deps,
  sessionToken: string,
  context: { requestId: string | null; clientAddress: string | null; sessionTtlHours: number },
): Promise<SessionAuth | null> {
  const tokenHash = hashSecret(sessionToken);
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const session = await deps.store.sessions.find(tx, tokenHash);
    if (!session) return null;
    if (session.expiresAt <= now) {
      await deps.store.sessions.delete(tx, tokenHash);
      return null;
    }
    const user = await deps.store.users.get(tx, null, session.userId);
    if (!user || !user.active) return null;
    // A pending sign-in keeps its short deadline; only full sessions slide.
    if (session.stage === 'full' && now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await deps.store.sessions.touch(tx, tokenHash, now, new Date(now.getTime() + context.sessionTtlHours * 3_600_000));
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
    return { actor, user, csrfToken: session.csrfToken, tokenHash, stage: session.stage };
  });
}

/** Resolves a bearer token; revoked and expired tokens get nothing. */
export async function authenticateToken(
  deps: Deps,
  token: string,
  context: { requestId: string | null; clientAddress: string | null },
): Promise<Actor | null> {
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const record = await deps.store.tokens.findByHash(tx, hashSecret(token));
    if (!record || record.revokedAt !== null) return null;
    if (record.expiresAt !== null && new Date(record.expiresAt) <= now) return null;
    if (!record.lastUsedAt || now.getTime() - new Date(record.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
      await deps.store.tokens.markUsed(tx, record.id, now);
    }
    return {
      kind: 'token',
      id: record.id,
      label: `token:${record.name}`,
      role: record.role,
      tenantId: record.tenantId,
      requestId: context.requestId,
      clientAddress: context.clientAddress,
    };
  });
}
