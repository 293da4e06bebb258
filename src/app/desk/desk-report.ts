import type { Actor } from '../../domain/actor.js';
import { checkMonth, monthInterval } from '../../domain/calendar/month.js';
import { buildDeskReport, deskReportCsv, type DeskReport, type MeasuredTicket } from '../../domain/desk/desk-report.js';
import { notFound } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { DeskReportDeps } from './ports.js';
import { slasOf } from './ticket-sla.js';
import { tenantZone } from '../municipalities/tenant-zone.js';

export async function deskReport(deps: DeskReportDeps, actor: Actor, tenantId: string, month: string): Promise<{ tenantId: string; month: string; report: DeskReport; csv: string }> {
  requirePermission(actor, 'desk_reports.read');
  requireTenantAccess(actor, tenantId);
  checkMonth(month);
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const tenant = await deps.store.tenants.get(tx, tenantId);
    if (!tenant) throw notFound('Municipality');
    const { from, to } = monthInterval(await tenantZone(deps.store, tx, tenantId, month), month);
    const measured: MeasuredTicket[] = [];
    const tickets = await deps.store.tickets.createdBetween(tx, tenantId, from, to);
    const slas = await slasOf(deps, tx, tickets, now);
    tickets.forEach((ticket, i) => measured.push({ ticket, reaction: slas[i]!.reaction, resolution: slas[i]!.resolution }));
    const services = (await deps.store.services.list(tx)).map((x) => ({ id: x.id, code: x.code, name: x.name }));
    return { tenantId, month, report: buildDeskReport(measured, services), csv: deskReportCsv(tenant.name, month, measured, services) };
  });
}
