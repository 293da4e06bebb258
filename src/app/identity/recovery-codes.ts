import { randomInt } from 'node:crypto';
import type { Actor } from '../../domain/actor.js';
import { validationError, stateProblem } from '../../domain/errors.js';
import { formatRecoveryCode, RECOVERY_ALPHABET, RECOVERY_CODE_COUNT } from '../../domain/second-factor.js';
import type { User } from '../../domain/user.js';
import { factorInventory } from './factor-inventory.js';
import type { IdentityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { confirmCode, confirmPassword, ownAccount } from './reauthenticate.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashSecret } from '../shared/secrets.js';
import { SYSTEM } from '../shared/transaction.js';

function newRecoveryCode(): string {
  let clean = '';
  for (let i = 0; i < 10; i++) clean += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return clean;
}

/** Ten new codes replace any old ones; only their hashes are kept, the codes are shown once. */
export async function issueRecoveryCodes(deps: IdentityDeps, tx: Tx, user: User): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await deps.store.secondFactors.replaceRecoveryCodes(tx, user.id, user.tenantId, codes.map(hashSecret));
  return codes.map(formatRecoveryCode);
}

/** New recovery codes, after the password and a code (a lost sheet must not need the old ones). */
export async function regenerateRecoveryCodes(deps: IdentityDeps, actor: Actor, input: { password: string; code: string }): Promise<string[]> {
  await confirmPassword(deps, actor, input.password);
  const now = deps.clock.now();
  const outcome = await deps.store.run(SYSTEM, async (tx) => {
    const user = await ownAccount(deps, tx, actor);
    const factors = await factorInventory(deps, tx, user.id);
    if (!factors.totp && factors.passkeys === 0) throw stateProblem('invalid_state', 'recovery_codes_need_factor', {}, 'Recovery codes come with a second factor; enrol one first');
    if (factors.totp && !(await confirmCode(deps, tx, actor, user, input.code, now))) return null;
    const codes = await issueRecoveryCodes(deps, tx, user);
    await recordAudit(deps, tx, actor, { action: 'mfa.recovery_codes_regenerated', entityType: 'user', entityId: user.id, tenantId: user.tenantId, after: { recoveryCodes: codes.length } });
    return codes;
  });
  if (!outcome) throw validationError('code', 'wrong_code', 'is wrong or was used already');
  return outcome;
}
