import type { Actor } from '../../domain/actor.js';
import { KopaError, validationError, stateProblem } from '../../domain/errors.js';
import { secondFactorRequired } from '../../domain/second-factor.js';
import { totpContext } from './check-second-factor.js';
import { factorInventory } from './factor-inventory.js';
import { settingsOf } from './identity-settings.js';
import { completeSignIn, type CompletedSignIn, type SessionContext } from './open-session.js';
import type { IdentityDeps } from './ports.js';
import { confirmCode, confirmPassword, ownAccount } from './reauthenticate.js';
import { issueRecoveryCodes } from './recovery-codes.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireSecretBox } from './secret-box.js';
import type { SessionStage } from './second-factor-ports.js';
import { matchTotp, newTotpSecret, otpauthUrl } from './totp.js';
import { SYSTEM } from '../shared/transaction.js';


/** The session the request came with: an enrolment that completes a pending sign-in promotes it. */
export interface CallerSession extends SessionContext {
  tokenHash: string;
  csrfToken: string;
  stage: SessionStage;
}

/** A new, unconfirmed secret; it is shown now and never again. */
export async function startTotpEnrolment(deps: IdentityDeps, actor: Actor): Promise<{ secret: string; otpauthUrl: string }> {
  const box = requireSecretBox(deps);
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const existing = await deps.store.secondFactors.totp(tx, user.id);
    if (existing?.confirmedAt) throw stateProblem('conflict', 'totp_exists', {}, 'An authenticator app is already set up; remove it first to set up another');
    const secret = newTotpSecret();
    await deps.store.secondFactors.saveTotp(tx, user.id, user.tenantId, box.seal(secret, totpContext(user.id)));
    await recordAudit(deps, tx, actor, { action: 'mfa.totp_enrolment_started', entityType: 'user', entityId: user.id, tenantId: user.tenantId });
    return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
  });
}

export interface TotpConfirmed {
  recoveryCodes: string[];
  /** Set when this enrolment completed a sign-in that was waiting for it. */
  signIn: CompletedSignIn | null;
}

/** The first right code activates the secret and issues ten recovery codes. */
export async function confirmTotpEnrolment(deps: IdentityDeps, actor: Actor, session: CallerSession, code: string): Promise<TotpConfirmed> {
  const box = requireSecretBox(deps);
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const factor = await deps.store.secondFactors.totp(tx, user.id);
    if (!factor) throw stateProblem('invalid_state', 'totp_not_started', {}, 'Start the authenticator app set-up first');
    if (factor.confirmedAt) throw stateProblem('conflict', 'totp_exists', {}, 'The authenticator app is already set up');
    const step = matchTotp(box.open(factor.secretSealed, totpContext(user.id)), code.replace(/\s/g, ''), now, null);
    if (step === null) throw validationError('code', 'code_not_current', 'is not the code the authenticator app shows now');
    await deps.store.secondFactors.confirmTotp(tx, user.id, now);
    await deps.store.secondFactors.useTotpStep(tx, user.id, step);
    const recoveryCodes = await issueRecoveryCodes(deps, tx, user);
    await recordAudit(deps, tx, actor, { action: 'mfa.totp_enrolled', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { recoveryCodes: recoveryCodes.length } });
    const signIn = session.stage === 'enrolment' ? await completeSignIn(deps, tx, session, user, session, now, { method: 'totp', enrolled: true }) : null;
    return { recoveryCodes, signIn };
  });
}

/**
 * Removing the authenticator app takes the password and a current code (or a recovery code).
 * Someone whose role requires a second factor cannot remove their last one.
 */
export async function removeTotp(deps: IdentityDeps, actor: Actor, input: { password: string; code: string }): Promise<void> {
  await confirmPassword(deps, actor, input.password);
  const now = deps.clock.now();
  const removed = await deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const factors = await factorInventory(deps, tx, user.id);
    if (!factors.totp) throw new KopaError('not_found', 'No authenticator app is set up');
    if (factors.passkeys === 0 && secondFactorRequired(user.role, settingsOf(deps).mfaRequiredRoles)) {
      throw stateProblem('invalid_state', 'second_factor_needed', {}, 'Your role requires a second factor: add a passkey before removing the authenticator app');
    }
    if (!(await confirmCode(deps, tx, actor, user, input.code, now))) return false;
    await deps.store.secondFactors.deleteTotp(tx, user.id);
    if (factors.passkeys === 0) await deps.store.secondFactors.deleteRecoveryCodes(tx, user.id);
    await recordAudit(deps, tx, actor, { action: 'mfa.totp_removed', entityType: 'user', entityId: user.id, tenantId: user.tenantId });
    return true;
  });
  if (!removed) throw validationError('code', 'wrong_code', 'is wrong or was used already');
}
