import type { Actor } from '../../domain/actor.js';
import { FieldErrors, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { canChangeStatus, validateTenant, type PostalAddress, type Tenant, type TenantStatus } from '../../domain/tenant.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { MunicipalityDeps, TenantRecord } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

export interface UpdateTenantInput {
  name?: string | undefined;
  registrationNumber?: string | undefined;
  vatNumber?: string | null | undefined;
  address?: PostalAddress | null | undefined;
  email?: string | null | undefined;
  peppolEndpoint?: { scheme: string; id: string } | undefined;
  status?: TenantStatus | undefined;
}

export async function updateTenant(deps: MunicipalityDeps, actor: Actor, tenantId: string, input: UpdateTenantInput): Promise<Tenant> {
  requirePermission(actor, 'tenants.write');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.tenants.get(tx, tenantId);
    if (!before) throw notFound('Municipality');
    const record: TenantRecord = {
      name: input.name?.trim() ?? before.name,
      registrationNumber: input.registrationNumber ?? before.registrationNumber,
      vatNumber: input.vatNumber === undefined ? before.vatNumber : input.vatNumber || null,
      address: input.address === undefined ? before.address : input.address,
      email: input.email === undefined ? before.email : input.email?.trim() || null,
      peppolScheme: input.peppolEndpoint?.scheme ?? before.peppolScheme,
      peppolId: input.peppolEndpoint?.id ?? before.peppolId,
      status: input.status ?? before.status,
    };
    const errors = validateTenant(record, new FieldErrors());
    if (!canChangeStatus(before.status, record.status)) {
      errors.add('status', 'status_transition', `cannot change from ${before.status} to ${record.status}`, { from: before.status, to: record.status });
    }
    errors.throwIfAny();
    if (record.registrationNumber !== before.registrationNumber) {
      const other = await deps.store.tenants.findByRegistrationNumber(tx, record.registrationNumber);
      if (other) {
        throw stateProblem('conflict', 'registration_number_taken', {}, 'Another municipality has this registration number', [
          fieldError('registrationNumber', 'not_unique', 'is already registered'),
        ]);
      }
    }
    const after = await deps.store.tenants.update(tx, tenantId, record, deps.clock.now());
    await recordAudit(deps, tx, actor, { action: 'tenant.updated', entityType: 'tenant', entityId: tenantId, tenantId, before, after });
    return after;
  });
}
