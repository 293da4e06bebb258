import type { Actor } from '../../domain/actor.js';
import { usedServiceIn } from '../../domain/availability/report-due.js';
import { DEFAULT_ZONE, localDateOf } from '../../domain/calendar/local-time.js';
import { addMonths, checkMonth, monthHasEnded, monthOf, monthRange } from '../../domain/calendar/month.js';
import { forbidden } from '../../domain/errors.js';
import { requirePermission } from '../shared/authorize.js';
import { SYSTEM } from '../shared/transaction.js';
import { tenantZone } from '../municipalities/tenant-zone.js';
import type { AvailabilityDeps } from './ports.js';

/** A municipality's month whose availability report has ended and is not published yet. */
export interface PendingSlaReport {
  tenantId: string;
  tenantName: string;
  month: string;
}

/**
 * The month-end work left in availability: every municipality-month that has ended, in which the
 * municipality used a service (the month close's rule), with no published report. `month` narrows
 * it to one month. Agency staff only: it names every municipality.
 */
export async function pendingSlaReports(deps: AvailabilityDeps, actor: Actor, month: string | null): Promise<PendingSlaReport[]> {
  requirePermission(actor, 'sla_reports.read');
  if (actor.role !== 'system' && actor.tenantId !== null) throw forbidden('Only the agency sees which municipalities’ reports wait');
  if (month !== null) checkMonth(month);
  const now = deps.clock.now();
  const thisMonth = monthOf(localDateOf(DEFAULT_ZONE, now.getTime()));
  return deps.store.run(SYSTEM, async (tx) => {
    const subscriptions = await deps.store.subscriptions.list(tx, null);
    const published = new Set((await deps.store.slaPublications.publishedMonths(tx)).map((p) => `${p.tenantId}/${p.month}`));
    const names = new Map((await deps.store.tenants.list(tx, null)).map((t) => [t.id, t.name]));
    const pending: PendingSlaReport[] = [];
    for (const [tenantId, name] of names) {
      const own = subscriptions.filter((s) => s.tenantId === tenantId);
      if (own.length === 0) continue;
      const first = monthOf(own.map((s) => s.from).sort()[0]!);
      for (const m of month === null ? monthRange(first, thisMonth) : [month]) {
        if (m > thisMonth || published.has(`${tenantId}/${m}`) || !own.some((s) => usedServiceIn(s, m))) continue;
        // Only the last two months can still be running in the municipality's own zone; the zone
        // costs a read, so earlier months (long ended everywhere) are not asked about.
        if (m >= addMonths(thisMonth, -1) && !monthHasEnded(await tenantZone(deps.store, tx, tenantId, m), m, now)) continue;
        pending.push({ tenantId, tenantName: name, month: m });
      }
    }
    return pending;
  });
}
