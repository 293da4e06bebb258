import type { Actor } from '../../domain/actor.js';
import { englishText, normalisedAmount, validateCostPool, type CostPool, type PoolDriver } from '../../domain/billing/catalogue.js';
import { isMonth } from '../../domain/calendar/month.js';
import { notFound, validationError } from '../../domain/errors.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { BillingDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';

export async function listCostPools(deps: BillingDeps, actor: Actor, filter: { month?: string | undefined } = {}): Promise<CostPool[]> {
  requirePermission(actor, 'cost_pools.read');
  if (filter.month !== undefined && !isMonth(filter.month)) throw validationError('month', 'invalid_month', 'must be a month YYYY-MM');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.billing.pools.list(tx, filter));
}

export interface CostPoolInput {
  month: string;
  amount: string;
  currency: string;
  description: string;
  descriptionEn?: string | null | undefined;
  driver?: PoolDriver | undefined;
}

/** A month's shared cost (administration, maintenance), split over municipalities by its driver. */
export async function createCostPool(deps: BillingDeps, actor: Actor, input: CostPoolInput): Promise<CostPool> {
  requirePermission(actor, 'cost_pools.write');
  const fields = { ...input, description: input.description.trim(), descriptionEn: englishText(input.descriptionEn), driver: input.driver ?? 'active_users' };
  validateCostPool(fields).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const pool = await deps.store.billing.pools.insert(tx, { month: fields.month, amount: fields.amount, description: fields.description, descriptionEn: fields.descriptionEn, driver: fields.driver, createdBy: actor.label });
    await recordAudit(deps, tx, actor, { action: 'cost_pool.created', entityType: 'cost_pool', entityId: pool.id, tenantId: null, after: pool });
    return pool;
  });
}

export interface CostPoolChanges {
  amount?: string | undefined;
  description?: string | undefined;
  /** Blank or null removes the English description. */
  descriptionEn?: string | null | undefined;
  driver?: PoolDriver | undefined;
}

/**
 * Corrects a pool's amount, description or driver (its month is fixed: remove it and add another).
 * Audited. If the month was already invoiced, the answer says so: a correction run makes the
 * credit notes and new invoices.
 */
export async function updateCostPool(deps: BillingDeps, actor: Actor, poolId: string, changes: CostPoolChanges): Promise<CostPool & { monthInvoiced: boolean }> {
  requirePermission(actor, 'cost_pools.write');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.billing.pools.getForUpdate(tx, poolId);
    if (!before) throw notFound('Cost pool');
    const fields = { ...before, ...defined(changes), description: (changes.description ?? before.description).trim(), descriptionEn: changes.descriptionEn === undefined ? before.descriptionEn : englishText(changes.descriptionEn) };
    validateCostPool(fields).throwIfAny();
    const after = await deps.store.billing.pools.update(tx, poolId, { amount: normalisedAmount(fields.amount, 2)!, description: fields.description, descriptionEn: fields.descriptionEn, driver: fields.driver });
    await recordAudit(deps, tx, actor, { action: 'cost_pool.updated', entityType: 'cost_pool', entityId: poolId, tenantId: null, before, after });
    return { ...after, monthInvoiced: await monthInvoiced(deps, tx, after.month) };
  });
}

/** Removes a pool entered by mistake. Audited; an invoiced month then needs a correction run. */
export async function removeCostPool(deps: BillingDeps, actor: Actor, poolId: string): Promise<{ monthInvoiced: boolean }> {
  requirePermission(actor, 'cost_pools.write');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.billing.pools.getForUpdate(tx, poolId);
    if (!before) throw notFound('Cost pool');
    await deps.store.billing.pools.remove(tx, poolId);
    await recordAudit(deps, tx, actor, { action: 'cost_pool.removed', entityType: 'cost_pool', entityId: poolId, tenantId: null, before });
    return { monthInvoiced: await monthInvoiced(deps, tx, before.month) };
  });
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function monthInvoiced(deps: BillingDeps, tx: Tx, month: string): Promise<boolean> {
  return (await deps.store.billingRuns.list(tx, month)).some((r) => r.status === 'finalized');
}
