import type { BillingResource } from '../billing/queries';
import type { MonthlyUsage } from './queries';

export interface UsageSeries {
  /** Providers that reported usage of the resource in the months, sorted by code. */
  providers: string[];
  /** `quantities[p][m]`: provider p's exact quantity in month m, or null when it reported none. */
  quantities: (string | null)[][];
}

/** The resources in the order a person picks them: priced ones first, then allocation drivers. */
export function resourceChoices(resources: BillingResource[]): BillingResource[] {
  return [...resources.filter((r) => r.billable), ...resources.filter((r) => !r.billable)];
}

/** Codes of the resources that have any usage in the rows. */
export function usedResources(rows: MonthlyUsage[]): Set<string> {
  return new Set(rows.map((r) => r.resource));
}

/**
 * One resource's usage per provider over the months. The API answers one row per month,
 * provider and resource (sums already added up, gauges at their last value), so no arithmetic
 * is needed here: quantities stay the exact strings the API sent.
 */
export function usageSeries(rows: MonthlyUsage[], resource: string, months: string[]): UsageSeries {
  const mine = rows.filter((r) => r.resource === resource);
  const providers = [...new Set(mine.map((r) => r.provider))].sort();
  const byKey = new Map(mine.map((r) => [`${r.provider}|${r.month}`, r.quantity]));
  return { providers, quantities: providers.map((p) => months.map((m) => byKey.get(`${p}|${m}`) ?? null)) };
}
