import type { Actor } from '../../domain/actor.js';
import { isMonth, monthBounds as monthInZone } from '../../domain/calendar/month.js';
import { buildDeskReport, deskReportCsv, type DeskReport, type MeasuredTicket } from '../../domain/desk/desk-report.js';
import { notFound, validationError } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { Deps } from '../ports.js';
import { slaOf } from './ticket-sla.js';

const ZONE = 'Europe/Riga';

/** A month `YYYY-MM` is [local 00:00 on the 1st, local 00:00 on the 1st of the next month). */
export function monthBounds(month: string): { from: Date; to: Date } {
  // Past 9998 the next month's first day has a six-digit year, which no date parser here reads.
  if (!isMonth(month) || month < '1970-01' || month > '9998-12') throw validationError('month', 'must be YYYY-MM, from 1970-01 to 9998-12');
  const { start, end } = monthInZone(ZONE, month);
  return { from: start, to: end };
}

export async function deskReport(deps: Deps, actor: Actor, tenantId: string, month: string): Promise<{ tenantId: string; month: string; report: DeskReport; csv: string }> {
  requirePermission(actor, 'desk_reports.read');
  requireTenantAccess(actor, tenantId);
  const { from, to } = monthBounds(month);
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const tenant = await deps.store.tenants.get(tx, tenantId);
    if (!tenant) throw notFound('Municipality');
    const measured: MeasuredTicket[] = [];
    for (const ticket of await deps.store.tickets.createdBetween(tx, tenantId, from, to)) {
      const events = await deps.store.tickets.statusEvents(tx, ticket.id);
      const sla = await slaOf(deps, tx, ticket, events, now);
      measured.push({ ticket, reaction: sla.reaction, resolution: sla.resolution });
    }
    return { tenantId, month, report: buildDeskReport(measured), csv: deskReportCsv(tenant.name, month, measured) };
  });
}
