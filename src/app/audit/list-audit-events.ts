import type { Actor } from '../../domain/actor.js';
import type { AuditEvent } from '../../domain/audit.js';
import { sliceOf, type PageRequest, type Slice } from '../shared/paging.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { AuditDeps } from './ports.js';

export interface AuditQuery {
  tenantId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Newest first; the page key is the sequence number to continue below. */
export async function listAuditEvents(deps: AuditDeps, actor: Actor, query: AuditQuery, page: PageRequest): Promise<Slice<AuditEvent>> {
  requirePermission(actor, 'audit.read');
  if (query.tenantId) requireTenantAccess(actor, query.tenantId);
  const tenantId = query.tenantId ?? (actor.role === 'system' ? undefined : actor.tenantId ?? undefined);
  const items = await deps.store.run(scopeOf(actor), (tx) =>
    deps.store.audit.list(tx, { ...query, tenantId, beforeSeq: page.after === null ? undefined : String(page.after[0]), limit: page.limit + 1 }),
  );
  return sliceOf(items, page.limit);
}
