import type { Actor } from '../../domain/actor.js';
import { KopaError, validationError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import { checkCodeOrRecovery } from './check-second-factor.js';
import type { IdentityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { reserveAttempt } from './sign-in-attempts.js';
import { SYSTEM } from '../shared/transaction.js';


/** The signed-in person, or a refusal for API tokens and the system. */
export async function ownAccount(deps: IdentityDeps, tx: Tx, actor: Actor): Promise<User> {
  if (actor.kind !== 'user' || !actor.id) throw new KopaError('forbidden', 'Only a signed-in person has an own account');
  const user = await deps.store.users.get(tx, null, actor.id);
  if (!user) throw new KopaError('unauthenticated', 'Not signed in');
  return user;
}

/**
 * Asks for the password again before a change to one's sign-in (removing a factor, new recovery
 * codes). Throttled like sign-in: a stolen session is no way to guess the password.
 */
export async function confirmPassword(deps: IdentityDeps, actor: Actor, password: string, field = 'password'): Promise<void> {
  const now = deps.clock.now();
  const address = actor.clientAddress ?? 'unknown';
  const { hash, attemptId, user } = await deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const attemptId = await reserveAttempt(deps, tx, { kind: 'password', email: user.email, clientAddress: address, device: null }, now);
    const found = await deps.store.users.findForLogin(tx, user.email);
    return { hash: found?.passwordHash ?? null, attemptId, user };
  });
  const ok = hash !== null && (await deps.passwords.verify(hash, password).catch(() => false));
  await deps.store.run(SYSTEM, async (tx) => {
    await deps.store.loginAttempts.settle(tx, attemptId, ok);
    if (!ok) await recordAudit(deps, tx, actor, { action: 'session.reauthentication_failed', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { reason: 'wrong_password' } });
  });
  if (!ok) throw validationError(field, 'wrong_code', 'is wrong');
}

/**
 * Checks a TOTP or recovery code inside the caller's transaction, taking a throttled attempt.
 * Returns false on a wrong code: the caller commits (so the failure counts) and then refuses.
 */
export async function confirmCode(deps: IdentityDeps, tx: Tx, actor: Actor, user: User, code: string, now: Date): Promise<boolean> {
  const attemptId = await reserveAttempt(deps, tx, { kind: 'second_factor', email: user.email, clientAddress: actor.clientAddress ?? 'unknown', device: null }, now);
  const ok = await checkCodeOrRecovery(deps, tx, actor, user, code, now);
  await deps.store.loginAttempts.settle(tx, attemptId, ok);
  return ok;
}
