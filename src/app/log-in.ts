import { systemActor, type Actor } from '../domain/actor.js';
import { THROTTLE_WINDOW_MINUTES, throttleWaitSeconds } from '../domain/auth-policy.js';
import { KopaError } from '../domain/errors.js';
import { normalizeEmail, type User } from '../domain/user.js';
import type { Deps } from './ports.js';
import { recordAudit } from './record-audit.js';
import { hashSecret, newSecret } from './secrets.js';
import { enforceSignInStanding } from './tenant-standing.js';

export interface LogInInput {
  email: string;
  password: string;
  clientAddress: string;
  userAgent: string | null;
  requestId: string | null;
  sessionTtlHours: number;
}

export interface NewSession {
  user: User;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

// Verifying against a throw-away hash when the account is unknown keeps the timing the same.
const dummyHashes = new WeakMap<object, Promise<string>>();
function dummyHash(deps: Deps): Promise<string> {
  let hash = dummyHashes.get(deps.passwords);
  if (!hash) dummyHashes.set(deps.passwords, (hash = deps.passwords.hash('not-a-real-password-at-all')));
  return hash;
}

export async function logIn(deps: Deps, input: LogInInput): Promise<NewSession> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const system = { role: 'system' as const, tenantId: null };

  const found = await deps.store.run(system, async (tx) => {
    const counts = await deps.store.loginAttempts.recentFailures(tx, since, email, input.clientAddress);
    const wait = throttleWaitSeconds(counts, now);
    if (wait > 0) throw new KopaError('throttled', 'Too many failed sign-in attempts; try again later', [], wait);
    return deps.store.users.findForLogin(tx, email);
  });

  const passwordOk = await deps.passwords.verify(found?.passwordHash ?? (await dummyHash(deps)), input.password).catch(() => false);
  const actor: Actor = { ...systemActor('login'), clientAddress: input.clientAddress, requestId: input.requestId };

  if (!found || !found.passwordHash || !passwordOk || !found.active) {
    await deps.store.run(system, async (tx) => {
      await deps.store.loginAttempts.record(tx, email, input.clientAddress, false, now);
      await recordAudit(deps, tx, actor, {
        action: 'session.login_failed',
        entityType: 'user',
        entityId: found?.id ?? null,
        tenantId: found?.tenantId ?? null,
        after: { email, reason: !found ? 'unknown_account' : !found.active ? 'inactive' : 'wrong_password' },
      });
    });
    throw new KopaError('unauthenticated', 'E-mail or password is wrong, or the account is inactive');
  }

  const { passwordHash: _hash, ...user } = found;
  // Only now, with the password proved right, may the answer say the municipality is offboarded.
  await enforceSignInStanding(deps, user, actor);
  const sessionToken = newSecret(32);
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + input.sessionTtlHours * 3_600_000);
  await deps.store.run(system, async (tx) => {
    await deps.store.loginAttempts.record(tx, email, input.clientAddress, true, now);
    await deps.store.sessions.insert(tx, {
      tokenHash: hashSecret(sessionToken),
      userId: user.id,
      tenantId: user.tenantId,
      csrfToken,
      expiresAt,
      lastSeenAt: now,
      clientAddress: input.clientAddress,
      userAgent: input.userAgent,
    });
    await deps.store.users.markLogin(tx, user.id, now);
    await recordAudit(deps, tx, { ...actor, kind: 'user', id: user.id, label: user.email }, {
      action: 'session.login',
      entityType: 'user',
      entityId: user.id,
      tenantId: user.tenantId,
    });
  });
  return { user: { ...user, lastLoginAt: now.toISOString() }, sessionToken, csrfToken, expiresAt };
}
