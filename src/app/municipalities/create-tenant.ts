import type { Actor } from '../../domain/actor.js';
import { fieldError, stateProblem } from '../../domain/errors.js';
import { defaultPeppolEndpoint, validateTenant, type PostalAddress, type Tenant, type TenantStatus } from '../../domain/tenant.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { recordAudit } from '../audit/record-audit.js';
import type { MunicipalityDeps } from './ports.js';

export interface CreateTenantInput {
  name: string;
  registrationNumber: string;
  vatNumber?: string | null | undefined;
  address?: PostalAddress | null | undefined;
  email?: string | null | undefined;
  peppolEndpoint?: { scheme: string; id: string } | null | undefined;
  status?: TenantStatus | undefined;
}

export async function createTenant(deps: MunicipalityDeps, actor: Actor, input: CreateTenantInput): Promise<Tenant> {
  requirePermission(actor, 'tenants.write');
  const peppol = input.peppolEndpoint ?? defaultPeppolEndpoint(input.registrationNumber);
  const record = {
    name: input.name.trim(),
    registrationNumber: input.registrationNumber,
    vatNumber: input.vatNumber || null,
    address: input.address ?? null,
    email: input.email?.trim() || null,
    peppolScheme: peppol.scheme,
    peppolId: peppol.id,
    status: input.status ?? 'onboarding',
  };
  validateTenant({ ...record, peppolScheme: peppol.scheme }).throwIfAny();

  return deps.store.run(scopeOf(actor), async (tx) => {
    if (await deps.store.tenants.findByRegistrationNumber(tx, record.registrationNumber)) {
      throw stateProblem('conflict', 'registration_number_taken', {}, 'A municipality with this registration number already exists', [
        fieldError('registrationNumber', 'not_unique', 'is already registered'),
      ]);
    }
    const tenant = await deps.store.tenants.insert(tx, record);
    await recordAudit(deps, tx, actor, { action: 'tenant.created', entityType: 'tenant', entityId: tenant.id, tenantId: tenant.id, after: tenant });
    return tenant;
  });
}
