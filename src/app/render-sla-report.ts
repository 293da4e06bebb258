import type { Actor } from '../domain/actor.js';
import { notFound } from '../domain/errors.js';
import { renderPdf } from './documents/pdf.js';
import { slaReportDocument } from './documents/sla-report-pdf.js';
import type { Deps } from './ports.js';
import { slaReport } from './sla-report.js';

const SYSTEM = { role: 'system' as const, tenantId: null };

/** The monthly availability report as a Latvian PDF, with its page of definitions. */
export async function slaReportPdf(deps: Deps, actor: Actor, tenantId: string, month: string): Promise<Buffer> {
  // slaReport checks the permission and the caller's access to the municipality first.
  const report = await slaReport(deps, actor, tenantId, month);
  const tenant = await deps.store.run(SYSTEM, (tx) => deps.store.tenants.get(tx, tenantId));
  if (!tenant) throw notFound('Municipality');
  return renderPdf(slaReportDocument({ tenantName: tenant.name, month, generatedAt: deps.clock.now().toISOString(), services: report.services }));
}
