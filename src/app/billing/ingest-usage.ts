import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.js';
import { checkUsageRecord, MAX_USAGE_BATCH, sameUsage, tenantIdsOf, type UsageRecord } from '../../domain/billing/usage.js';
import { validationError, type FieldError, fieldError } from '../../domain/errors.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { BillingDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

export interface UsageRejection {
  index: number;
  id: string | null;
  errors: FieldError[];
}

export interface UsageIngestReport {
  accepted: number;
  duplicates: number;
  rejected: UsageRejection[];
}

/**
 * Stores a batch of usage records, accepting it in part: every valid record is stored in one
 * set-based insert, every invalid one is listed with its reasons. A record whose id was seen
 * before is a duplicate (nothing changes); the same id with different content is refused.
 */
export async function ingestUsage(deps: BillingDeps, actor: Actor, raw: unknown[]): Promise<UsageIngestReport> {
  requirePermission(actor, 'usage.write');
  if (raw.length > MAX_USAGE_BATCH) throw validationError('records', 'too_many', `must hold at most ${MAX_USAGE_BATCH} records per request`, { max: MAX_USAGE_BATCH });
  return deps.store.run(scopeOf(actor), async (tx) => {
    const [providers, resources, tenants] = await Promise.all([
      deps.store.billing.providers.list(tx),
      deps.store.billing.resources.list(tx),
      deps.store.tenants.list(tx, null),
    ]);
    const named = new Set(tenantIdsOf(raw));
    const known = {
      providers: new Set(providers.map((p) => p.code)),
      resources: new Set(resources.map((r) => r.code)),
      tenants: new Set(tenants.map((t) => t.id).filter((id) => named.has(id))),
    };

    const rejected: UsageRejection[] = [];
    const firsts: { index: number; record: UsageRecord }[] = [];
    const repeats: { index: number; record: UsageRecord }[] = [];
    const seenIds = new Set<string>();
    raw.forEach((item, index) => {
      const check = checkUsageRecord(item, known);
      if (!check.ok) rejected.push({ index, id: check.id, errors: check.errors });
      else if (seenIds.has(check.record.id)) repeats.push({ index, record: check.record });
      else {
        seenIds.add(check.record.id);
        firsts.push({ index, record: check.record });
      }
    });

    const batchId = randomUUID();
    const inserted = await deps.store.billing.usage.insertMany(tx, firsts.map((v) => v.record), batchId, deps.clock.now());
    // What is stored for each id now: the record just inserted, or the one received before.
    const stored = new Map(firsts.filter((v) => inserted.has(v.record.id)).map((v) => [v.record.id, v.record]));
    const receivedBefore = firsts.filter((v) => !inserted.has(v.record.id));
    if (receivedBefore.length > 0) for (const r of await deps.store.billing.usage.byIds(tx, receivedBefore.map((v) => v.record.id))) stored.set(r.id, r);
    let duplicates = 0;
    for (const { index, record } of [...receivedBefore, ...repeats]) {
      const current = stored.get(record.id);
      if (current && sameUsage(current, record)) duplicates += 1;
      else rejected.push({ index, id: record.id, errors: [fieldError('id', 'not_unique', 'was already received with different content; a stored usage record never changes')] });
    }
    rejected.sort((a, b) => a.index - b.index);

    const accepted = firsts.filter((v) => inserted.has(v.record.id)).map((v) => v.record);
    if (accepted.length > 0) {
      const perTenant = new Map<string, number>();
      for (const r of accepted) perTenant.set(r.tenantId, (perTenant.get(r.tenantId) ?? 0) + 1);
      await recordAudit(deps, tx, actor, { action: 'usage.received', entityType: 'usage_batch', entityId: batchId, tenantId: null, after: { batchId, accepted: accepted.length, duplicates, rejected: rejected.length, tenants: perTenant.size } });
      // Each municipality sees in its own audit log that usage was recorded for it.
      for (const [tenantId, count] of perTenant) {
        await recordAudit(deps, tx, actor, { action: 'usage.received', entityType: 'usage_batch', entityId: batchId, tenantId, after: { batchId, accepted: count } });
      }
    }
    return { accepted: accepted.length, duplicates, rejected };
  });
}
