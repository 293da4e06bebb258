import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/errors.js';
import type { Tenant } from '../../domain/tenant.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { MunicipalityDeps } from './ports.js';

export async function getTenant(deps: MunicipalityDeps, actor: Actor, tenantId: string): Promise<Tenant> {
  requirePermission(actor, 'tenants.read');
  requireTenantAccess(actor, tenantId);
  const tenant = await deps.store.run(scopeOf(actor), (tx) => deps.store.tenants.get(tx, tenantId));
  if (!tenant) throw notFound('Municipality');
  return tenant;
}
