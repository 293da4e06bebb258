import type { Actor } from '../../domain/actor.js';
import { forbidden } from '../../domain/errors.js';
import { requirePermission } from '../shared/authorize.js';
import { sliceOf, type PageRequest, type Slice } from '../shared/paging.js';
import type { OutboxChannel, OutboxRecord, OutboxStatus } from '../shared/ports.js';
import { SYSTEM } from '../shared/transaction.js';
import type { OutboxDeps } from './ports.js';

export interface OutboxQuery {
  status?: OutboxStatus | undefined;
  channel?: OutboxChannel | undefined;
  tenantId?: string | undefined;
}

/** The agency's operators see every notice; a municipality's people none (they are about others too). */
export function requireOutboxOperator(actor: Actor, permission: 'outbox.read' | 'outbox.write'): void {
  requirePermission(actor, permission);
  if (actor.tenantId !== null) throw forbidden('Only the agency’s operators see the outbox');
}

/** Newest first; the page key is the id to continue below. */
export async function listOutbox(deps: OutboxDeps, actor: Actor, query: OutboxQuery, page: PageRequest): Promise<Slice<OutboxRecord>> {
  requireOutboxOperator(actor, 'outbox.read');
  const items = await deps.store.run(SYSTEM, (tx) =>
    deps.store.outbox.list(tx, { ...query, beforeId: page.after === null ? null : String(page.after[0]), limit: page.limit + 1 }),
  );
  return sliceOf(items, page.limit);
}
