import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import { requirePermission, requireTenantAccess, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import { sliceOf, type PageRequest, type Slice } from '../shared/paging.js';
import type { IdentityDeps } from './ports.js';

/** By name and id (the page key). */
export async function listUsers(deps: IdentityDeps, actor: Actor, filter: { tenantId?: string | undefined; agencyOnly?: boolean | undefined }, page: PageRequest): Promise<Slice<User>> {
  requirePermission(actor, 'users.read');
  if (filter.tenantId) requireTenantAccess(actor, filter.tenantId);
  const tenantId = filter.tenantId ?? tenantFilterOf(actor);
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (filter.tenantId && !(await deps.store.tenants.get(tx, filter.tenantId))) throw notFound('Municipality');
    const after = page.after === null ? null : { name: String(page.after[0]), id: String(page.after[1]) };
    return sliceOf(await deps.store.users.list(tx, tenantId, { agencyOnly: filter.agencyOnly ?? false }, { after, limit: page.limit + 1 }), page.limit);
  });
}
