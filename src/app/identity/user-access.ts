import type { Actor } from '../../domain/actor.js';
import { notFound, stateProblem } from '../../domain/errors.js';
import { secondFactorRequired } from '../../domain/second-factor.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import { factorInventory } from './factor-inventory.js';
import { settingsOf } from './identity-settings.js';
import { publicPasskey } from './manage-passkeys.js';
import type { IdentityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { ownAccount } from './reauthenticate.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Passkey } from './second-factor-ports.js';
import { SYSTEM } from '../shared/transaction.js';

export interface SecondFactorStatus {
  /** Whether this person's role must have a second factor. */
  required: boolean;
  totp: boolean;
  passkeys: Passkey[];
  recoveryCodesLeft: number;
}

async function statusOf(deps: IdentityDeps, tx: Tx, userId: string, role: Parameters<typeof secondFactorRequired>[0]): Promise<SecondFactorStatus> {
  const factors = await factorInventory(deps, tx, userId);
  const passkeys = await deps.store.secondFactors.passkeys(tx, userId);
  return { required: secondFactorRequired(role, settingsOf(deps).mfaRequiredRoles), totp: factors.totp, passkeys: passkeys.map(publicPasskey), recoveryCodesLeft: factors.recoveryCodesLeft };
}

export async function ownSecondFactors(deps: IdentityDeps, actor: Actor): Promise<SecondFactorStatus> {
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    return statusOf(deps, tx, user.id, user.role);
  });
}

/**
 * Someone who administers this person's account: an operator for anyone, a municipality's
 * admin for that municipality's people. Not oneself: one's own factors change on the account page.
 */
async function managedPerson(deps: IdentityDeps, tx: Tx, actor: Actor, userId: string) {
  requirePermission(actor, 'users.write');
  const user = await deps.store.users.get(tx, tenantFilterOf(actor), userId);
  if (!user) throw notFound('User');
  if (actor.id === userId) throw stateProblem('invalid_state', 'own_access', {}, 'Change your own sign-in on your account page');
  return user;
}

export async function userSecondFactors(deps: IdentityDeps, actor: Actor, userId: string): Promise<SecondFactorStatus> {
  requirePermission(actor, 'users.read');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const user = await deps.store.users.get(tx, tenantFilterOf(actor), userId);
    if (!user) throw notFound('User');
    return statusOf(deps, tx, user.id, user.role);
  });
}

/** Ends every session of a person (a lost laptop, a departure); audited. */
export async function signOutEverywhere(deps: IdentityDeps, actor: Actor, userId: string): Promise<{ ended: number }> {
  return deps.store.run(scopeOf(actor), async (tx) => {
    const user = await managedPerson(deps, tx, actor, userId);
    const ended = await deps.store.sessions.deleteForUser(tx, user.tenantId, user.id);
    await recordAudit(deps, tx, actor, { action: 'user.signed_out_everywhere', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { ended } });
    return { ended };
  });
}

/**
 * Removes every second factor of a person (a lost phone): TOTP, passkeys, recovery codes and
 * known browsers, and ends their sessions. If their role requires one, they enrol anew at the
 * next sign-in.
 */
export async function resetSecondFactors(deps: IdentityDeps, actor: Actor, userId: string): Promise<void> {
  await deps.store.run(scopeOf(actor), async (tx) => {
    const user = await managedPerson(deps, tx, actor, userId);
    const before = await statusOf(deps, tx, user.id, user.role);
    await deps.store.secondFactors.deleteTotp(tx, user.id);
    await deps.store.secondFactors.deletePasskeys(tx, user.id);
    await deps.store.secondFactors.deleteRecoveryCodes(tx, user.id);
    await deps.store.secondFactors.forgetBrowsers(tx, user.id);
    const ended = await deps.store.sessions.deleteForUser(tx, user.tenantId, user.id);
    await recordAudit(deps, tx, actor, {
      action: 'user.second_factors_reset',
      entityType: 'user',
      entityId: user.id,
      tenantId: user.tenantId,
      before: { totp: before.totp, passkeys: before.passkeys.map((p) => p.name), recoveryCodesLeft: before.recoveryCodesLeft },
      after: { sessionsEnded: ended },
    });
  });
}
