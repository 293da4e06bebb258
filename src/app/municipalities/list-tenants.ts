import type { Actor } from '../../domain/actor.js';
import type { Tenant } from '../../domain/tenant.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { Deps } from '../ports.js';

export async function listTenants(deps: Deps, actor: Actor): Promise<Tenant[]> {
  requirePermission(actor, 'tenants.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.tenants.list(tx, tenantFilterOf(actor)));
}
