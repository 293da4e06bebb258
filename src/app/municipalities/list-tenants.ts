import type { Actor } from '../../domain/actor.js';
import type { Tenant } from '../../domain/tenant.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { MunicipalityDeps } from './ports.js';

export async function listTenants(deps: MunicipalityDeps, actor: Actor): Promise<Tenant[]> {
  requirePermission(actor, 'tenants.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.tenants.list(tx, tenantFilterOf(actor)));
}
