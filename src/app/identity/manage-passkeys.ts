import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { Actor } from '../../domain/actor.js';
import { notFound, validationError, stateProblem } from '../../domain/errors.js';
import { PASSKEY_NAME_MAX, secondFactorRequired } from '../../domain/second-factor.js';
import { factorInventory } from './factor-inventory.js';
import { relyingParty, settingsOf } from './identity-settings.js';
import type { CallerSession } from './manage-totp.js';
import { completeSignIn, type CompletedSignIn } from './open-session.js';
import { registrationOptions, verifyRegistration } from './passkey-ceremony.js';
import type { IdentityDeps } from './ports.js';
import { confirmPassword, ownAccount } from './reauthenticate.js';
import { issueRecoveryCodes } from './recovery-codes.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Passkey, PasskeyRecord } from './second-factor-ports.js';
import { SYSTEM } from '../shared/transaction.js';


export function publicPasskey(p: PasskeyRecord): Passkey {
  return { id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt, deviceType: p.deviceType, backedUp: p.backedUp };
}

function cleanName(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean.length < 1 || clean.length > PASSKEY_NAME_MAX) throw validationError('name', 'length_between', `must have 1 to ${PASSKEY_NAME_MAX} characters`, { min: 1, max: PASSKEY_NAME_MAX });
  return clean;
}

/** Options for navigator.credentials.create(); the challenge is kept with the caller's session. */
export async function passkeyRegistrationOptions(deps: IdentityDeps, actor: Actor, session: CallerSession, origin: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const existing = await deps.store.secondFactors.passkeys(tx, user.id);
    const options = await registrationOptions(relyingParty(settingsOf(deps), origin), user, existing);
    await deps.store.sessions.setChallenge(tx, session.tokenHash, options.challenge);
    return options;
  });
}

export interface PasskeyAdded {
  passkey: Passkey;
  /** Issued when this is the person's first second factor. */
  recoveryCodes: string[] | null;
  signIn: CompletedSignIn | null;
}

export async function addPasskey(deps: IdentityDeps, actor: Actor, session: CallerSession, input: { name: string; response: unknown }, origin: string): Promise<PasskeyAdded> {
  const name = cleanName(input.name);
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const stored = await deps.store.sessions.find(tx, session.tokenHash);
    if (!stored?.challenge) throw stateProblem('invalid_state', 'passkey_options_missing', {}, 'Ask for passkey options first');
    const verified = await verifyRegistration(relyingParty(settingsOf(deps), origin), stored.challenge, input.response);
    // The challenge is spent either way: an answer is checked once.
    await deps.store.sessions.setChallenge(tx, session.tokenHash, null);
    if (!verified) throw validationError('response', 'passkey_rejected', 'is not a valid passkey registration for this challenge');
    const before = await factorInventory(deps, tx, user.id);
    const record = await deps.store.secondFactors.insertPasskey(tx, { userId: user.id, tenantId: user.tenantId, name, ...verified });
    const first = !before.totp && before.passkeys === 0;
    const recoveryCodes = first ? await issueRecoveryCodes(deps, tx, user) : null;
    await recordAudit(deps, tx, actor, { action: 'mfa.passkey_added', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { passkeyId: record.id, name, ...(recoveryCodes && { recoveryCodes: recoveryCodes.length }) } });
    const signIn = session.stage === 'enrolment' ? await completeSignIn(deps, tx, session, user, session, now, { method: 'webauthn', enrolled: true }) : null;
    return { passkey: publicPasskey(record), recoveryCodes, signIn };
  });
}

export async function renamePasskey(deps: IdentityDeps, actor: Actor, passkeyId: string, newName: string): Promise<Passkey> {
  const name = cleanName(newName);
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const before = (await deps.store.secondFactors.passkeys(tx, user.id)).find((p) => p.id === passkeyId);
    const after = await deps.store.secondFactors.renamePasskey(tx, user.id, passkeyId, name);
    if (!before || !after) throw notFound('Passkey');
    await recordAudit(deps, tx, actor, { action: 'mfa.passkey_renamed', entityType: 'user', entityId: user.id, tenantId: user.tenantId, before: { passkeyId, name: before.name }, after: { passkeyId, name } });
    return publicPasskey(after);
  });
}

/** Removing a passkey takes the password; the last second factor of a role that needs one stays. */
export async function removePasskey(deps: IdentityDeps, actor: Actor, passkeyId: string, password: string): Promise<void> {
  await confirmPassword(deps, actor, password);
  await deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const factors = await factorInventory(deps, tx, user.id);
    const passkeys = await deps.store.secondFactors.passkeys(tx, user.id);
    if (!passkeys.some((p) => p.id === passkeyId)) throw notFound('Passkey');
    const last = !factors.totp && passkeys.length === 1;
    if (last && secondFactorRequired(user.role, settingsOf(deps).mfaRequiredRoles)) {
      throw stateProblem('invalid_state', 'second_factor_needed', {}, 'Your role requires a second factor: set up another one before removing this passkey');
    }
    const removed = (await deps.store.secondFactors.deletePasskey(tx, user.id, passkeyId))!;
    if (last) await deps.store.secondFactors.deleteRecoveryCodes(tx, user.id);
    await recordAudit(deps, tx, actor, { action: 'mfa.passkey_removed', entityType: 'user', entityId: user.id, tenantId: user.tenantId, before: { passkeyId, name: removed.name } });
  });
}
