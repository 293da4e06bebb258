import type { Actor } from '../domain/actor.js';
import { isMonth, validateCostPool, type CostPool, type PoolDriver } from '../domain/billing/catalogue.js';
import { validationError } from '../domain/errors.js';
import { requirePermission, scopeOf } from './authorize.js';
import type { Deps } from './ports.js';
import { recordAudit } from './record-audit.js';

export async function listCostPools(deps: Deps, actor: Actor, filter: { month?: string | undefined } = {}): Promise<CostPool[]> {
  requirePermission(actor, 'cost_pools.read');
  if (filter.month !== undefined && !isMonth(filter.month)) throw validationError('month', 'must be a month YYYY-MM');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.billing.pools.list(tx, filter));
}

export interface CostPoolInput {
  month: string;
  amount: string;
  currency: string;
  description: string;
  driver?: PoolDriver | undefined;
}

/** A month's shared cost (administration, maintenance), split over municipalities by its driver. */
export async function createCostPool(deps: Deps, actor: Actor, input: CostPoolInput): Promise<CostPool> {
  requirePermission(actor, 'cost_pools.write');
  const fields = { ...input, description: input.description.trim(), driver: input.driver ?? 'active_users' };
  validateCostPool(fields).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const pool = await deps.store.billing.pools.insert(tx, { month: fields.month, amount: fields.amount, description: fields.description, driver: fields.driver, createdBy: actor.label });
    await recordAudit(deps, tx, actor, { action: 'cost_pool.created', entityType: 'cost_pool', entityId: pool.id, tenantId: null, after: pool });
    return pool;
  });
}
