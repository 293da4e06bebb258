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
/** An event with its actor named: a person's name when the caller may see that person, else null (the label stands). */
export type NamedAuditEvent = AuditEvent & { actorName: string | null };

export async function listAuditEvents(deps: AuditDeps, actor: Actor, query: AuditQuery, page: PageRequest): Promise<Slice<NamedAuditEvent>> {
  requirePermission(actor, 'audit.read');
  if (query.tenantId) requireTenantAccess(actor, query.tenantId);
  const tenantId = query.tenantId ?? (actor.role === 'system' ? undefined : actor.tenantId ?? undefined);
  const items = await deps.store.run(scopeOf(actor), async (tx) => {
    const events = await deps.store.audit.list(tx, { ...query, tenantId, beforeSeq: page.after === null ? undefined : String(page.after[0]), limit: page.limit + 1 });
    // Row-level security hides people the caller may not see (another municipality's, the agency's from a municipality): they keep their label.
    const names = new Map<string, string | null>();
    for (const e of events) {
      if (e.actorKind !== 'user' || !e.actorId || names.has(e.actorId)) continue;
      names.set(e.actorId, (await deps.store.users.get(tx, null, e.actorId))?.name ?? null);
    }
    return events.map((e) => ({ ...e, actorName: e.actorId ? (names.get(e.actorId) ?? null) : null }));
  });
  return sliceOf(items, page.limit);
}
