import { systemActor, type Actor } from '../../domain/actor.js';
import { KopaError } from '../../domain/errors.js';
import { availableMethods, hasSecondFactor, secondFactorRequired, type SecondFactorMethod } from '../../domain/second-factor.js';
import { normalizeEmail } from '../../domain/user.js';
import { factorInventory } from './factor-inventory.js';
import { settingsOf } from './identity-settings.js';
import { insertSession, personActor, type NewSession, type SessionContext } from './open-session.js';
import type { IdentityDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { enforceSignInStanding } from '../municipalities/tenant-standing.js';
import { knownBrowser, reserveAttempt } from './sign-in-attempts.js';
import { SYSTEM } from '../shared/transaction.js';

export type { NewSession } from './open-session.js';

export interface LogInInput extends SessionContext {
  email: string;
  password: string;
}

/**
 * The password step. Without a second factor (and without the duty to have one) the session is
 * full at once; otherwise it is pending: waiting for the second factor, or for its enrolment.
 */
export type LogInResult =
  | ({ stage: 'full' } & NewSession)
  | ({ stage: 'second_factor'; methods: SecondFactorMethod[] } & NewSession)
  | ({ stage: 'enrolment' } & NewSession);

// Verifying against a throw-away hash when the account is unknown keeps the timing the same.
const dummyHashes = new WeakMap<object, Promise<string>>();
function dummyHash(deps: IdentityDeps): Promise<string> {
  let hash = dummyHashes.get(deps.passwords);
  if (!hash) dummyHashes.set(deps.passwords, (hash = deps.passwords.hash('not-a-real-password-at-all')));
  return hash;
}

export async function logIn(deps: IdentityDeps, input: LogInInput): Promise<LogInResult> {
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();

  // The attempt is reserved before the password is checked; see sign-in-attempts.ts.
  const { found, factors, attemptId } = await deps.store.run(SYSTEM, async (tx) => {
    const found = await deps.store.users.findForLogin(tx, email);
    const factors = found ? await factorInventory(deps, tx, found.id) : null;
    const device = await knownBrowser(deps, tx, input.deviceToken, found?.id ?? null, factors !== null && hasSecondFactor(factors), now);
    const attemptId = await reserveAttempt(deps, tx, { kind: 'password', email, clientAddress: input.clientAddress, device }, now);
    return { found, factors, attemptId };
  });

  const passwordOk = await deps.passwords.verify(found?.passwordHash ?? (await dummyHash(deps)), input.password).catch(() => false);
  const actor: Actor = { ...systemActor('login'), clientAddress: input.clientAddress, requestId: input.requestId };

  if (!found || !found.passwordHash || !passwordOk || !found.active) {
    await deps.store.run(SYSTEM, async (tx) => {
      await deps.store.loginAttempts.settle(tx, attemptId, false);
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
  try {
    await enforceSignInStanding(deps, user, actor);
  } catch (refusal) {
    await deps.store.run(SYSTEM, (tx) => deps.store.loginAttempts.settle(tx, attemptId, true));
    throw refusal;
  }
  const methods = availableMethods(factors!);
  const stage = methods.length > 0 ? 'second_factor' : secondFactorRequired(user.role, settingsOf(deps).mfaRequiredRoles) ? 'enrolment' : 'full';
  return deps.store.run(SYSTEM, async (tx) => {
    await deps.store.loginAttempts.settle(tx, attemptId, true);
    const session = await insertSession(deps, tx, user, stage, input, now);
    if (stage === 'full') {
      await deps.store.users.markLogin(tx, user.id, now);
      await recordAudit(deps, tx, personActor(user, input), { action: 'session.login', entityType: 'user', entityId: user.id, tenantId: user.tenantId });
      return { stage, ...session, user: { ...user, lastLoginAt: now.toISOString() } };
    }
    // The password was right; the sign-in now waits for the second factor or its enrolment.
    await recordAudit(deps, tx, personActor(user, input), { action: 'session.password_verified', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { next: stage } });
    return stage === 'second_factor' ? { stage, methods, ...session } : { stage, ...session };
  });
}
