import type { Actor } from '../../domain/actor.js';
import type { Agreement } from '../../domain/agreement.js';
import { notFound } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { MunicipalityDeps } from './ports.js';

export async function listAgreements(deps: MunicipalityDeps, actor: Actor, tenantId: string): Promise<Agreement[]> {
  requirePermission(actor, 'agreements.read');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    return deps.store.agreements.listCurrent(tx, tenantId);
  });
}
