import type { Actor } from '../domain/actor.js';
import { notFound } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import { requirePermission, requireTenantAccess, scopeOf, tenantFilterOf } from './authorize.js';
import type { Deps } from './ports.js';

export async function listUsers(deps: Deps, actor: Actor, filter: { tenantId?: string | undefined; agencyOnly?: boolean | undefined }): Promise<User[]> {
  requirePermission(actor, 'users.read');
  if (filter.tenantId) requireTenantAccess(actor, filter.tenantId);
  const tenantId = filter.tenantId ?? tenantFilterOf(actor);
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (filter.tenantId && !(await deps.store.tenants.get(tx, filter.tenantId))) throw notFound('Municipality');
    return deps.store.users.list(tx, tenantId, { agencyOnly: filter.agencyOnly ?? false });
  });
}
