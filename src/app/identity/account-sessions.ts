import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/errors.js';
import { describeUserAgent } from '../../domain/user-agent.js';
import type { IdentityDeps } from './ports.js';
import { ownAccount } from './reauthenticate.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';


export interface SignedInSession {
  id: string;
  browser: string | null;
  userAgent: string | null;
  clientAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** The person's signed-in sessions, the current one marked; pending sign-ins are not sessions yet. */
export async function listOwnSessions(deps: IdentityDeps, actor: Actor, currentTokenHash: string): Promise<SignedInSession[]> {
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const sessions = await deps.store.sessions.listForUser(tx, user.id, now);
    return sessions.map(({ tokenHash, ...s }) => ({ ...s, browser: describeUserAgent(s.userAgent), current: tokenHash === currentTokenHash }));
  });
}

/** Ends one of the person's own sessions; another person's is as unknown as one that never was. */
export async function endOwnSession(deps: IdentityDeps, actor: Actor, sessionId: string, currentTokenHash: string): Promise<{ current: boolean }> {
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const session = (await deps.store.sessions.listForUser(tx, user.id, now)).find((s) => s.id === sessionId);
    if (!session || !(await deps.store.sessions.deleteById(tx, user.id, sessionId))) throw notFound('Session');
    await recordAudit(deps, tx, actor, {
      action: 'session.ended',
      entityType: 'user',
      entityId: user.id,
      tenantId: user.tenantId,
      before: { sessionId, browser: describeUserAgent(session.userAgent), clientAddress: session.clientAddress },
    });
    return { current: session.tokenHash === currentTokenHash };
  });
}

/** "Sign out everywhere else": every session of the person but this one. */
export async function endOtherSessions(deps: IdentityDeps, actor: Actor, currentTokenHash: string): Promise<number> {
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const ended = await deps.store.sessions.deleteOthers(tx, user.id, currentTokenHash);
    await recordAudit(deps, tx, actor, { action: 'session.ended_others', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { ended } });
    return ended;
  });
}
