import type { Actor } from '../../domain/actor.js';
import { KopaError } from '../../domain/errors.js';
import { tenantAccessRefusal, type AccessIntent, type AccessRefusal, type AccessSubject } from '../../domain/tenant-access.js';
import type { TenantStatus } from '../../domain/tenant.js';
import type { User } from '../../domain/user.js';
import type { MunicipalityDeps } from './ports.js';
import type { Clock } from '../shared/ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';


const DETAIL: Record<AccessRefusal, string> = {
  tenant_suspended: 'The municipality’s access is suspended: you can read, but not change anything',
  tenant_offboarded: 'The municipality has been offboarded: its access has ended',
};

export function tenantRefusal(code: AccessRefusal): KopaError {
  return new KopaError(code, DETAIL[code]);
}

/** Throws the coded refusal when the municipality's status does not allow what the caller is doing. */
export function enforceTenantStanding(subject: AccessSubject, status: TenantStatus | null, intent: AccessIntent): void {
  const refusal = tenantAccessRefusal(subject, status, intent);
  if (refusal) throw tenantRefusal(refusal);
}

/**
 * Called by sign-in only after the password proved right, so the clear refusal tells
 * nothing to someone who does not know the password (they get the usual wrong-password answer).
 */
export async function enforceSignInStanding(deps: { store: Pick<MunicipalityDeps['store'], 'run' | 'tenants' | 'audit'>; clock: Clock }, user: User, actor: Actor): Promise<void> {
  if (user.tenantId === null) return;
  const tenantId = user.tenantId;
  const tenant = await deps.store.run(SYSTEM, (tx) => deps.store.tenants.get(tx, tenantId));
  const refusal = tenantAccessRefusal({ kind: 'user', role: user.role, tenantId }, tenant?.status ?? null, 'own_account');
  if (!refusal) return;
  await deps.store.run(SYSTEM, (tx) =>
    recordAudit(deps, tx, actor, { action: 'session.login_refused', entityType: 'user', entityId: user.id, tenantId, after: { email: user.email, reason: refusal } }),
  );
  throw tenantRefusal(refusal);
}
