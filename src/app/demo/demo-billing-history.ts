import type { Actor } from '../../domain/actor.js';
import { addDays, DEFAULT_ZONE, localDateOf, localToEpochMs } from '../../domain/calendar/local-time.js';
import { addMonths, firstDayOf, monthOf } from '../../domain/calendar/month.js';
import { createBillingRun } from '../billing/compute-billing-run.js';
import { atClock } from './demo-clock.js';
import { finalizeBillingRun } from '../billing/finalize-billing-run.js';
import { ingestUsage } from '../billing/ingest-usage.js';
import { createCostPool } from '../billing/manage-cost-pools.js';
import { createTariff } from '../billing/manage-tariffs.js';
import type { BillingDeps } from '../billing/ports.js';

const ZONE = DEFAULT_ZONE;

/** How big each demo municipality's installation is; usage is derived from these, day by day. */
export interface DemoFootprint {
  tenantId: string;
  slug: string;
  since: string;
  users: number;
  vcpus: number;
  ramGb: number;
  storageGb: number;
  backupGb: number;
}

const TARIFFS: [provider: string, resource: string, price: string, from: string][] = [
  ['LVRTC', 'vcpu_hour', '0.018900', '2025-01-01'],
  ['LVRTC', 'vcpu_hour', '0.017500', '2026-07-01'], // the provider's mid-year price cut
  ['LVRTC', 'ram_gb_hour', '0.002600', '2025-01-01'],
  ['LVRTC', 'storage_gb_month', '0.042000', '2025-01-01'],
  ['LNB', 'backup_gb_month', '0.021000', '2025-01-01'],
  ['LNB', 'egress_gb', '0.010000', '2025-01-01'],
];

const at = (date: string, minutes: number) => new Date(localToEpochMs(ZONE, date, minutes)).toISOString();

/** One month of a municipality's metering, as the providers' reports would send it. */
function monthUsage(f: DemoFootprint, month: string, untilDate: string) {
  const records = [];
  const days = Array.from({ length: 31 }, (_, i) => addDays(firstDayOf(month), i)).filter((d) => monthOf(d) === month && d < untilDate);
  for (const day of days) {
    const n = Number(day.slice(8, 10));
    const base = { tenantId: f.tenantId, periodStart: at(day, 0), periodEnd: at(addDays(day, 1), 0) };
    records.push(
      { ...base, id: `demo-${f.slug}-${day}-vcpu`, provider: 'LVRTC', resource: 'vcpu_hour', quantity: String(f.vcpus * 24 + (n % 5) * 2) },
      { ...base, id: `demo-${f.slug}-${day}-ram`, provider: 'LVRTC', resource: 'ram_gb_hour', quantity: String(f.ramGb * 24) },
      { ...base, id: `demo-${f.slug}-${day}-egress`, provider: 'LNB', resource: 'egress_gb', quantity: (f.users / 40 + ((n * 7) % 13) / 4).toFixed(3) },
    );
    // The user count is reported every Monday; the month keeps the last report.
    if (new Date(`${day}T12:00:00Z`).getUTCDay() === 1) {
      records.push({ ...base, id: `demo-${f.slug}-${day}-users`, provider: 'LVRTC', resource: 'active_users', quantity: String(f.users + Math.floor(n / 10)) });
    }
  }
  if (days.length > 0) {
    const first = days[0]!;
    const monthly = { tenantId: f.tenantId, periodStart: at(first, 0), periodEnd: at(addDays(days.at(-1)!, 1), 0) };
    records.push(
      { ...monthly, id: `demo-${f.slug}-${month}-storage`, provider: 'LVRTC', resource: 'storage_gb_month', quantity: String(f.storageGb) },
      { ...monthly, id: `demo-${f.slug}-${month}-backup`, provider: 'LNB', resource: 'backup_gb_month', quantity: String(f.backupGb) },
    );
  }
  return records;
}

/**
 * Tariffs, cost pools and metering for the last three ended months and the current one so far;
 * the two older months finalised into invoices (on the 5th of the month after, as finance would),
 * the last ended month left as a draft run for finance to review.
 */
export async function seedDemoBilling(deps: BillingDeps, actor: Actor, footprints: DemoFootprint[]): Promise<void> {
  const now = deps.clock.now();
  const today = localDateOf(ZONE, now.getTime());
  const current = monthOf(today);
  const [older, previous, lastEnded] = [addMonths(current, -3), addMonths(current, -2), addMonths(current, -1)];
  for (const [provider, resource, unitPrice, validFrom] of TARIFFS) await createTariff(deps, actor, { provider, resource, unitPrice, currency: 'EUR', validFrom, validTo: null });
  for (const month of [older, previous, lastEnded]) {
    await createCostPool(deps, actor, { month, amount: '18500.00', currency: 'EUR', description: 'Platformas administrēšana un uzturēšana', driver: 'active_users' });
    await createCostPool(deps, actor, { month, amount: '2400.00', currency: 'EUR', description: 'Programmatūras licences', driver: 'even' });
  }
  for (const month of [older, previous, lastEnded, current]) {
    const records = footprints.filter((f) => f.since <= firstDayOf(month)).flatMap((f) => monthUsage(f, month, today));
    if (records.length > 0) await ingestUsage(deps, actor, records);
  }
  for (const month of [older, previous]) {
    const then = atClock(deps, localToEpochMs(ZONE, addDays(firstDayOf(addMonths(month, 1)), 4), 10 * 60));
    const run = await createBillingRun(then, actor, month);
    await finalizeBillingRun(then, actor, run.id);
  }
  await createBillingRun(deps, actor, lastEnded);
}
