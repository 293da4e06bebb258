import type { FactorInventory } from '../../domain/second-factor.js';
import type { IdentityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';

/** What second factors a person has (an unconfirmed TOTP enrolment is none). */
export async function factorInventory(deps: { store: Pick<IdentityDeps['store'], 'secondFactors'> }, tx: Tx, userId: string): Promise<FactorInventory> {
  const totp = await deps.store.secondFactors.totp(tx, userId);
  const passkeys = await deps.store.secondFactors.passkeys(tx, userId);
  const recoveryCodesLeft = await deps.store.secondFactors.recoveryCodesLeft(tx, userId);
  return { totp: totp?.confirmedAt != null, passkeys: passkeys.length, recoveryCodesLeft };
}
