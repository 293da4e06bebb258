import type { Actor } from '../../domain/actor.js';
import { normalizeRecoveryCode } from '../../domain/second-factor.js';
import type { User } from '../../domain/user.js';
import type { IdentityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashSecret } from '../shared/secrets.js';
import { requireSecretBox } from './secret-box.js';
import { matchTotp } from './totp.js';

export function totpContext(userId: string): string {
  return `totp:${userId}`;
}

/** A code from the authenticator app; each time step is accepted once (RFC 6238 §5.2). */
export async function checkTotp(deps: IdentityDeps, tx: Tx, user: User, code: string, now: Date): Promise<boolean> {
  const factor = await deps.store.secondFactors.totp(tx, user.id);
  if (!factor?.confirmedAt) return false;
  const secret = requireSecretBox(deps).open(factor.secretSealed, totpContext(user.id));
  const step = matchTotp(secret, code.replace(/\s/g, ''), now, factor.lastUsedStep);
  return step !== null && (await deps.store.secondFactors.useTotpStep(tx, user.id, step));
}

/** A recovery code works once; its use is audited, with how many are left. */
export async function useRecoveryCode(deps: IdentityDeps, tx: Tx, actor: Actor, user: User, code: string, now: Date): Promise<boolean> {
  const clean = normalizeRecoveryCode(code);
  if (!clean || !(await deps.store.secondFactors.useRecoveryCode(tx, user.id, hashSecret(clean), now))) return false;
  const left = await deps.store.secondFactors.recoveryCodesLeft(tx, user.id);
  await recordAudit(deps, tx, actor, { action: 'mfa.recovery_code_used', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { recoveryCodesLeft: left } });
  return true;
}

/** Re-authentication and sign-in accept either a TOTP code or a recovery code in one field. */
export async function checkCodeOrRecovery(deps: IdentityDeps, tx: Tx, actor: Actor, user: User, code: string, now: Date): Promise<boolean> {
  return /^\s*\d{3}\s?\d{3}\s*$/.test(code) ? checkTotp(deps, tx, user, code, now) : useRecoveryCode(deps, tx, actor, user, code, now);
}
