import { systemActor, type Actor } from '../../domain/actor.js';
import { addDays, DEFAULT_ZONE, localDateOf } from '../../domain/calendar/local-time.js';
import { addMonths, checkMonth, firstDayOf, monthHasEnded, monthInterval, monthOf } from '../../domain/calendar/month.js';
import { KopaError, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess } from '../shared/authorize.js';
import { calendarClock } from '../calendars/calendar-clocks.js';
import { tenantZone } from '../municipalities/tenant-zone.js';
import type { AvailabilityDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { recordMunicipalityNotice } from '../notices/recipients.js';
import { reportNotice } from '../../domain/availability/report-notice.js';
import { usedServiceIn } from '../../domain/availability/report-due.js';
import { slaReport, type ServiceSla } from './sla-report.js';
import type { SlaChange, SlaPublication } from './sla-ports.js';
import { SYSTEM } from '../shared/transaction.js';

type Report = Awaited<ReturnType<typeof slaReport>>;

const COMPARED: (keyof ServiceSla)[] = ['availabilityPercent', 'met', 'upSeconds', 'downSeconds', 'maintenanceSeconds', 'unknownSeconds', 'excludedSeconds', 'coveragePercent', 'targetPercent'];

/** What a correction changes, service by service, so the new version can say so. */
export function reportChanges(before: Report, after: Report): SlaChange[] {
  const changes: SlaChange[] = [];
  const old = new Map(before.services.map((s) => [s.serviceCode, s]));
  for (const s of after.services) {
    const o = old.get(s.serviceCode);
    if (!o) {
      changes.push({ serviceCode: s.serviceCode, field: 'service', before: null, after: 'added' });
      continue;
    }
    old.delete(s.serviceCode);
    for (const field of COMPARED) if (JSON.stringify(o[field]) !== JSON.stringify(s[field])) changes.push({ serviceCode: s.serviceCode, field, before: o[field], after: s[field] });
    if (o.outages.length !== s.outages.length) changes.push({ serviceCode: s.serviceCode, field: 'outages', before: o.outages.length, after: s.outages.length });
  }
  for (const code of old.keys()) changes.push({ serviceCode: code, field: 'service', before: 'listed', after: null });
  return changes;
}

/**
 * Freezes a month's report for a municipality. The first publication needs no reason; a later
 * one is a correction and must give one — it becomes a new version listing what changed.
 */
export async function publishSlaReport(deps: AvailabilityDeps, actor: Actor, tenantId: string, month: string, reason: string | null): Promise<SlaPublication> {
  requirePermission(actor, 'sla_reports.publish');
  const now = deps.clock.now();
  checkMonth(month);
  const zone = await deps.store.run(SYSTEM, (tx) => tenantZone(deps.store, tx, tenantId, month));
  if (!monthHasEnded(zone, month, now)) {
    const { to } = monthInterval(zone, month);
    throw stateProblem('invalid_state', 'report_month_not_ended', { month, publishableAt: to.toISOString() }, `${month} has not ended yet; its report can be published from ${to.toISOString()}`, [fieldError('month', 'month_not_ended', 'has not ended')]);
  }
  const report = await slaReport(deps, systemActor('sla-report'), tenantId, month);
  return deps.store.run(SYSTEM, async (tx) => {
    const tenant = await deps.store.tenants.get(tx, tenantId);
    if (!tenant) throw notFound('Municipality');
    const latest = await deps.store.slaPublications.latest(tx, tenantId, month);
    if (latest && !reason?.trim()) throw stateProblem('conflict', 'correction_needs_reason', { month, version: latest.version }, `The ${month} report is already published (version ${latest.version}); a correction needs a reason`, [fieldError('reason', 'required', 'is required for a correction')]);
    const changes = latest ? reportChanges(latest.report as Report, report) : [];
    if (latest && changes.length === 0) throw stateProblem('conflict', 'report_unchanged', {}, 'Nothing has changed since the published version', [fieldError('reason', 'already_done', 'the report is the same as the published version')]);
    const publication = await deps.store.slaPublications.insert(tx, {
      tenantId,
      month,
      version: (latest?.version ?? 0) + 1,
      report,
      changes,
      reason: latest ? reason!.trim() : null,
      publishedAt: now.toISOString(),
      publishedBy: actor.label,
    });
    await recordAudit(deps, tx, actor, { action: latest ? 'sla_report.corrected' : 'sla_report.published', entityType: 'sla_report', entityId: publication.id, tenantId, after: { month, version: publication.version, changes, reason: publication.reason } });
    const link = deps.notifications?.publicUrl ? `${deps.notifications.publicUrl}/municipalities/${tenantId}/sla-reports/${month}` : null;
    // Whoever the municipality chose for monthly reports hears of it, on each of its channels (ADR 0020).
    await recordMunicipalityNotice(
      deps,
      tx,
      {
        tenantId,
        topic: 'monthly_reports',
        eventKey: `sla-report:${publication.id}`,
        event: 'sla_report.published',
        link,
        words: (language) => reportNotice(language, { month, version: publication.version, correction: latest ? publication.reason : null, services: report.services }),
      },
      now,
    );
    return publication;
  });
}

export async function slaPublications(deps: AvailabilityDeps, actor: Actor, tenantId: string, month: string): Promise<SlaPublication[]> {
  requirePermission(actor, 'sla_reports.read');
  requireTenantAccess(actor, tenantId);
  checkMonth(month);
  return deps.store.run(SYSTEM, (tx) => deps.store.slaPublications.versions(tx, tenantId, month));
}

/** The first working day of a month in the `lv` calendar (the day reports go out). */
async function firstWorkingDay(deps: AvailabilityDeps, tx: Tx, month: string): Promise<string> {
  const { resolver } = await calendarClock(deps.store, tx, 'lv');
  let date = firstDayOf(month);
  while (resolver.day(date).slots.length === 0) date = addDays(date, 1);
  return date;
}

/**
 * The month-close job: from the first working day of a month, publishes the previous month's
 * report for every municipality that used a service in it and has none published yet.
 */
export async function closeMonth(deps: AvailabilityDeps): Promise<{ month: string; published: number; due: boolean }> {
  const now = deps.clock.now();
  // The job follows the `lv` calendar, which runs in Kopa's home zone.
  const today = localDateOf(DEFAULT_ZONE, now.getTime());
  const month = addMonths(monthOf(today), -1);
  const { due, tenants } = await deps.store.run(SYSTEM, async (tx) => {
    if (today < (await firstWorkingDay(deps, tx, monthOf(today)))) return { due: false, tenants: [] as string[] };
    const done = new Set(await deps.store.slaPublications.publishedTenants(tx, month));
    const subscriptions = await deps.store.subscriptions.list(tx, null);
    const users = subscriptions.filter((s) => usedServiceIn(s, month)).map((s) => s.tenantId);
    return { due: true, tenants: [...new Set(users)].filter((id) => !done.has(id)) };
  });
  let published = 0;
  for (const tenantId of tenants) {
    try {
      await publishSlaReport(deps, systemActor('month-close'), tenantId, month, null);
      published++;
    } catch (error) {
      // Another replica's month close (or an operator) published it since this run made its list:
      // the month is closed for that municipality, which is what this job is for — not a failure.
      const publishedMeanwhile = error instanceof KopaError && error.code === 'conflict' && (await deps.store.run(SYSTEM, (tx) => deps.store.slaPublications.latest(tx, tenantId, month))) !== null;
      // A municipality whose calendar zone lies west of Riga ends its month later; a later run publishes it.
      const notEndedThere = error instanceof KopaError && error.code === 'invalid_state' && error.errors.some((e) => e.field === 'month');
      if (!publishedMeanwhile && !notEndedThere) throw error;
    }
  }
  return { month, published, due };
}
