import type { Actor } from '../domain/actor.js';
import { isMonth } from '../domain/billing/catalogue.js';
import { monthBounds } from '../domain/billing/usage.js';
import { validationError } from '../domain/errors.js';
import type { UsageTotal } from './billing-ports.js';
import { requirePermission, requireTenantAccess, scopeOf } from './authorize.js';
import type { Deps } from './ports.js';

export const BILLING_ZONE = 'Europe/Riga';

/**
 * A month's usage per municipality, provider and resource: sums added up, gauges at their
 * last reported value. Municipalities see their own usage only.
 */
export async function listUsageTotals(deps: Deps, actor: Actor, filter: { month: string; tenantId?: string | undefined }): Promise<UsageTotal[]> {
  requirePermission(actor, 'usage.read');
  if (!isMonth(filter.month)) throw validationError('month', 'must be a month YYYY-MM');
  if (filter.tenantId !== undefined) requireTenantAccess(actor, filter.tenantId);
  const tenantId = actor.role !== 'system' && actor.tenantId !== null ? actor.tenantId : (filter.tenantId ?? null);
  const { start, end } = monthBounds(BILLING_ZONE, filter.month);
  return deps.store.run(scopeOf(actor), (tx) => deps.store.billing.usage.totals(tx, { tenantId, from: start, to: end }));
}
