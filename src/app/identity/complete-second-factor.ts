import { KopaError, stateProblem } from '../../domain/errors.js';
import type { SecondFactorMethod } from '../../domain/second-factor.js';
import { checkTotp, useRecoveryCode } from './check-second-factor.js';
import { relyingParty, settingsOf } from './identity-settings.js';
import { completeSignIn, personActor, type CompletedSignIn, type SessionContext } from './open-session.js';
import { authenticationOptions, verifyAuthentication } from './passkey-ceremony.js';
import type { IdentityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { hashSecret } from '../shared/secrets.js';
import { knownBrowser, reserveAttempt } from './sign-in-attempts.js';
import { SYSTEM } from '../shared/transaction.js';

export interface SecondFactorInput extends SessionContext {
  /** The pending session's token (the kopa_session cookie). */
  pendingToken: string;
  method: SecondFactorMethod;
  code?: string | undefined;
  /** The WebAuthn assertion (AuthenticationResponseJSON) for `webauthn`. */
  response?: unknown;
  /** The page origin the browser used, for WebAuthn when no public URL is configured. */
  origin: string;
}


async function pendingSignIn(deps: IdentityDeps, tx: Tx, pendingToken: string, now: Date) {
  const tokenHash = hashSecret(pendingToken);
  const session = await deps.store.sessions.find(tx, tokenHash);
  if (!session || session.stage !== 'second_factor' || session.expiresAt <= now) {
    throw new KopaError('unauthenticated', 'No sign-in is waiting for a second factor; sign in with your password first');
  }
  const user = await deps.store.users.get(tx, null, session.userId);
  if (!user || !user.active) throw new KopaError('unauthenticated', 'No sign-in is waiting for a second factor; sign in with your password first');
  return { session, user };
}

/** Options for the passkey prompt of a pending sign-in; the challenge is kept with that sign-in. */
export async function signInPasskeyOptions(deps: IdentityDeps, pendingToken: string, origin: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const { session, user } = await pendingSignIn(deps, tx, pendingToken, now);
    const passkeys = await deps.store.secondFactors.passkeys(tx, user.id);
    if (passkeys.length === 0) throw stateProblem('invalid_state', 'no_passkey', {}, 'This person has no passkey');
    const options = await authenticationOptions(relyingParty(settingsOf(deps), origin), passkeys);
    await deps.store.sessions.setChallenge(tx, session.tokenHash, options.challenge);
    return options;
  });
}

/**
 * The second step of a sign-in. Each try takes a throttled attempt slot under the account's
 * lock, like a password; a right answer turns the pending session into a full one.
 */
export async function completeSecondFactor(deps: IdentityDeps, input: SecondFactorInput): Promise<CompletedSignIn> {
  const now = deps.clock.now();
  const outcome = await deps.store.run(SYSTEM, async (tx) => {
    const { session, user } = await pendingSignIn(deps, tx, input.pendingToken, now);
    const device = await knownBrowser(deps, tx, input.deviceToken, user.id, true, now);
    const attemptId = await reserveAttempt(deps, tx, { kind: 'second_factor', email: user.email, clientAddress: input.clientAddress, device }, now);
    const actor = personActor(user, input);
    let ok = false;
    if (input.method === 'totp') ok = await checkTotp(deps, tx, user, input.code ?? '', now);
    else if (input.method === 'recovery') ok = await useRecoveryCode(deps, tx, actor, user, input.code ?? '', now);
    else if (session.challenge) {
      const passkeys = await deps.store.secondFactors.passkeys(tx, user.id);
      const verified = await verifyAuthentication(relyingParty(settingsOf(deps), input.origin), session.challenge, passkeys, input.response);
      if (verified) {
        await deps.store.secondFactors.usePasskey(tx, verified.passkey.id, verified.counter, now);
        await deps.store.sessions.setChallenge(tx, session.tokenHash, null);
        ok = true;
      }
    }
    await deps.store.loginAttempts.settle(tx, attemptId, ok);
    if (!ok) {
      await recordAudit(deps, tx, actor, { action: 'session.second_factor_failed', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { method: input.method } });
      return null;
    }
    return completeSignIn(deps, tx, session, user, input, now, { method: input.method });
  });
  // Thrown after the transaction, so the failed attempt stays counted.
  if (!outcome) throw new KopaError('unauthenticated', input.method === 'webauthn' ? 'The passkey was not accepted' : 'The code is wrong or was used already');
  return outcome;
}
