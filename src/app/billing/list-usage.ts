import type { Actor } from '../../domain/actor.js';
import { isMonth, monthBounds, monthRange } from '../../domain/calendar/month.js';
import { validationError } from '../../domain/errors.js';
import type { UsageTotal } from './catalogue-ports.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { BillingDeps } from './ports.js';
import { BILLING_ZONE } from './billing-zone.js';

/**
 * A month's usage per municipality, provider and resource: sums added up, gauges at their
 * last reported value. Municipalities see their own usage only.
 */
export async function listUsageTotals(deps: BillingDeps, actor: Actor, filter: { month: string; tenantId?: string | undefined }): Promise<UsageTotal[]> {
  requirePermission(actor, 'usage.read');
  if (!isMonth(filter.month)) throw validationError('month', 'invalid_month', 'must be a month YYYY-MM');
  if (filter.tenantId !== undefined) requireTenantAccess(actor, filter.tenantId);
  const tenantId = actor.role !== 'system' && actor.tenantId !== null ? actor.tenantId : (filter.tenantId ?? null);
  const { start, end } = monthBounds(BILLING_ZONE, filter.month);
  return deps.store.run(scopeOf(actor), (tx) => deps.store.billing.usage.totals(tx, { tenantId, from: start, to: end }));
}

export const MAX_USAGE_MONTHS = 36;

export interface MonthlyUsage extends Omit<UsageTotal, 'tenantId'> {
  month: string;
}

/**
 * One municipality's usage month by month (sums added up, gauges at their last value), for the
 * "usage over time" chart; at most three years at once.
 */
export async function listMonthlyUsage(deps: BillingDeps, actor: Actor, tenantId: string, range: { from: string; to: string }): Promise<MonthlyUsage[]> {
  requirePermission(actor, 'usage.read');
  requireTenantAccess(actor, tenantId);
  if (!isMonth(range.from)) throw validationError('from', 'invalid_month', 'must be a month YYYY-MM');
  if (!isMonth(range.to)) throw validationError('to', 'invalid_month', 'must be a month YYYY-MM');
  const months = monthRange(range.from, range.to);
  if (months.length === 0) throw validationError('to', 'not_before', 'must not be before from', { other: 'from' });
  if (months.length > MAX_USAGE_MONTHS) throw validationError('to', 'range_too_long_months', `must be at most ${MAX_USAGE_MONTHS} months after from`, { max: MAX_USAGE_MONTHS });
  return deps.store.run(scopeOf(actor), async (tx) => {
    const rows: MonthlyUsage[] = [];
    for (const month of months) {
      const { start, end } = monthBounds(BILLING_ZONE, month);
      for (const { tenantId: _, ...total } of await deps.store.billing.usage.totals(tx, { tenantId, from: start, to: end })) rows.push({ month, ...total });
    }
    return rows;
  });
}
