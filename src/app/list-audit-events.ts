import type { Actor } from '../domain/actor.js';
import type { AuditEvent } from '../domain/audit.js';
import type { Page } from './ports.js';
import { requirePermission, requireTenantAccess, scopeOf } from './authorize.js';
import type { Deps } from './ports.js';

export interface AuditQuery {
  tenantId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Newest first; the cursor is the sequence number to continue below. */
export async function listAuditEvents(deps: Deps, actor: Actor, query: AuditQuery): Promise<Page<AuditEvent>> {
  requirePermission(actor, 'audit.read');
  if (query.tenantId) requireTenantAccess(actor, query.tenantId);
  const tenantId = query.tenantId ?? (actor.role === 'system' ? undefined : actor.tenantId ?? undefined);
  const items = await deps.store.run(scopeOf(actor), (tx) =>
    deps.store.audit.list(tx, { ...query, tenantId, beforeSeq: query.cursor, limit: query.limit + 1 }),
  );
  const more = items.length > query.limit;
  const page = more ? items.slice(0, query.limit) : items;
  return { items: page, nextCursor: more ? page[page.length - 1]!.seq : null };
}
