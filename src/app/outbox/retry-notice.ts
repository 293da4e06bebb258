import type { Actor } from '../../domain/actor.js';
import { notFound, stateProblem } from '../../domain/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import type { OutboxRecord } from '../shared/ports.js';
import { SYSTEM } from '../shared/transaction.js';
import { requireOutboxOperator } from './list-outbox.js';
import type { OutboxDeps } from './ports.js';

/** An operator sends a failed notice again (after mending its cause): queued now, with fresh attempts. */
export async function retryNotice(deps: OutboxDeps, actor: Actor, id: string): Promise<OutboxRecord> {
  requireOutboxOperator(actor, 'outbox.write');
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const retried = await deps.store.outbox.retry(tx, id, now);
    if (!retried) {
      const existing = await deps.store.outbox.get(tx, id);
      if (!existing) throw notFound('Notice');
      throw stateProblem('invalid_state', 'notice_not_failed', { status: existing.status }, `Only a failed notice can be retried; this one is ${existing.status}`);
    }
    await recordAudit(deps, tx, actor, { action: 'outbox.retried', entityType: 'outbox', entityId: id, tenantId: retried.tenantId, after: { event: retried.event, channel: retried.channel, recipient: retried.recipient } });
    return retried;
  });
}
