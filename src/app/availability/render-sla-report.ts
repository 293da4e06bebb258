import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/errors.js';
import { DEFAULT_LANGUAGE, type Language } from '../../domain/locale.js';
import { requirePermission, requireTenantAccess } from '../shared/authorize.js';
import { renderPdf } from '../documents/pdf.js';
import { slaReportDocument } from '../documents/sla-report-pdf.js';
import { checkMonth, monthInterval } from '../../domain/calendar/month.js';
import type { AvailabilityDeps, SlaReportPdfDeps } from './ports.js';
import { slaReport, type SlaReport } from './sla-report.js';
import { SYSTEM } from '../shared/transaction.js';
import { tenantZone } from '../municipalities/tenant-zone.js';


/**
 * The report a municipality should see for a month: the latest published version, frozen as it
 * was published, or — before publication, or when asked for `live` — computed now.
 */
export async function currentSlaReport(deps: AvailabilityDeps, actor: Actor, tenantId: string, month: string, live: boolean): Promise<{ report: SlaReport; publication: { version: number; publishedAt: string; reason: string | null } | null }> {
  requirePermission(actor, 'sla_reports.read');
  requireTenantAccess(actor, tenantId);
  checkMonth(month);
  if (!live) {
    const published = await deps.store.run(SYSTEM, (tx) => deps.store.slaPublications.latest(tx, tenantId, month));
    if (published) return { report: await completed(deps, published.report as SlaReport), publication: { version: published.version, publishedAt: published.publishedAt, reason: published.reason } };
  }
  return { report: await slaReport(deps, actor, tenantId, month), publication: null };
}

/**
 * Only ended months are published, so a frozen report counts its whole month; reports frozen
 * before `inProgress`/`upTo` existed get them here (the month's end in the municipality's zone).
 */
async function completed(deps: AvailabilityDeps, report: SlaReport): Promise<SlaReport> {
  if (report.upTo !== undefined) return report;
  const zone = await deps.store.run(SYSTEM, (tx) => tenantZone(deps.store, tx, report.tenantId, report.month));
  return { ...report, inProgress: false, upTo: monthInterval(zone, report.month).to.toISOString() };
}

/** A report as a PDF in the reader's language, with its page of definitions. */
export async function slaReportPdf(deps: SlaReportPdfDeps, report: SlaReport, version: number | undefined, language: Language = DEFAULT_LANGUAGE): Promise<Buffer> {
  const { tenant, zone } = await deps.store.run(SYSTEM, async (tx) => ({ tenant: await deps.store.tenants.get(tx, report.tenantId), zone: await tenantZone(deps.store, tx, report.tenantId, report.month) }));
  if (!tenant) throw notFound('Municipality');
  return renderPdf(slaReportDocument({ zone, tenantName: tenant.name, month: report.month, generatedAt: deps.clock.now().toISOString(), services: report.services, desk: report.desk, version, language, inProgressUpTo: report.inProgress ? report.upTo : null }));
}
