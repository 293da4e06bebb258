import type { Actor } from '../domain/actor.js';
import { DEFAULT_AVAILABILITY_TARGET_PERCENT, DEFAULT_MAINTENANCE_NOTICE_HOURS, isInForceDuring } from '../domain/agreement.js';
import { excludeDowntime, summarizeSla, type ExclusionInterval } from '../domain/availability/exclusions.js';
import { applyMaintenance, combineLocations, combineMonitors, type Segment } from '../domain/availability/timeline.js';
import { addDays, localToEpochMs } from '../domain/calendar/local-time.js';
import { notFound } from '../domain/errors.js';
import { requirePermission, requireTenantAccess } from './authorize.js';
import { monthBounds } from './desk-report.js';
import { locationTimelines } from './monitor-timeline.js';
import type { Deps, Tx } from './ports.js';

const ZONE = 'Europe/Riga';
const SYSTEM = { role: 'system' as const, tenantId: null };

export interface ServiceAvailability {
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  periodStart: string;
  periodEnd: string;
  availabilityPercent: number | null;
  upSeconds: number;
  downSeconds: number;
  maintenanceSeconds: number;
  unknownSeconds: number;
  coveragePercent: number | null;
  targetPercent: number;
  met: boolean;
  monitors: number;
  outages: { start: string; end: string; seconds: number }[];
  maintenance: { id: string; title: string; startsAt: string; endsAt: string; announcedAt: string; counted: boolean }[];
}

/** A service's line of the report, with the outages operators excluded from the SLA. */
export interface ServiceSla extends ServiceAvailability {
  /** Confirmed downtime an operator excluded from the SLA (counts as neither up nor down). */
  excludedSeconds: number;
  /** Confirmed outages; `excludedSeconds` of each does not count, for the reasons in `exclusions`. */
  outages: { start: string; end: string; seconds: number; excludedSeconds: number; exclusionIds: string[] }[];
  exclusions: { id: string; startsAt: string; endsAt: string; reason: string; createdBy: string; createdAt: string }[];
}

const round = (value: number | null, digits = 4) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** One service's timeline for a tenant over [from, to), by DESIGN.md's availability definition. */
async function serviceTimeline(deps: Deps, tx: Tx, serviceId: string, tenantId: string, ownInstance: boolean, from: number, to: number): Promise<{ timeline: Segment[]; monitors: number }> {
  const all = (await deps.store.monitors.list(tx, { serviceId })).filter((m) => (ownInstance ? m.tenantId === tenantId : m.tenantId === null));
  const critical = all.filter((m) => m.critical);
  const used = critical.length > 0 ? critical : all;
  const perMonitor: Segment[][] = [];
  // Rolled-up segments where the rollup is final, raw results (with the ones just before the period) after that.
  for (const monitor of used) perMonitor.push(combineLocations(await locationTimelines(deps, tx, monitor, from, to), from, to));
  return { timeline: combineMonitors(perMonitor, from, to), monitors: used.length };
}

/**
 * The monthly availability report of one municipality: every service it uses, from the day
 * its use started, against the target and notice period of the agreement in force.
 */
export async function slaReport(deps: Deps, actor: Actor, tenantId: string, month: string): Promise<{ tenantId: string; month: string; services: ServiceSla[] }> {
  requirePermission(actor, 'sla_reports.read');
  requireTenantAccess(actor, tenantId);
  const { from, to } = monthBounds(month);
  const firstDay = `${month}-01`;
  const nextMonth = addDays(firstDay, 32).slice(0, 7) + '-01';
  // Access is checked above; the report reads shared monitoring data in the system scope.
  return deps.store.run(SYSTEM, async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    const agreements = (await deps.store.agreements.listCurrent(tx, tenantId)).filter((a) => isInForceDuring(a, firstDay, nextMonth));
    const agreement = agreements.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
    const targetPercent = agreement?.availabilityTargetPercent ?? DEFAULT_AVAILABILITY_TARGET_PERCENT;
    const noticeMs = (agreement?.maintenanceNoticeHours ?? DEFAULT_MAINTENANCE_NOTICE_HOURS) * 3_600_000;
    const subscriptions = (await deps.store.subscriptions.list(tx, tenantId)).filter((s) => s.from < nextMonth && (s.to === null || s.to >= firstDay));
    const services: ServiceSla[] = [];
    for (const subscription of subscriptions) {
      const service = await deps.store.services.get(tx, subscription.serviceId);
      if (!service) continue;
      const start = Math.max(from.getTime(), localToEpochMs(ZONE, subscription.from, 0));
      const end = Math.min(to.getTime(), subscription.to ? localToEpochMs(ZONE, addDays(subscription.to, 1), 0) : Infinity);
      const { timeline, monitors } = await serviceTimeline(deps, tx, service.id, tenantId, subscription.mode === 'own_instance', start, end);
      const windows = await deps.store.maintenance.overlapping(tx, new Date(start), new Date(end), service.id);
      const windowsMs = windows.map((w) => ({ start: Date.parse(w.startsAt), end: Date.parse(w.endsAt), announcedAt: Date.parse(w.announcedAt) }));
      const exclusions = await deps.store.slaExclusions.overlapping(tx, new Date(start), new Date(end), { serviceId: service.id, tenantId });
      const excluded: ExclusionInterval[] = exclusions.map((e) => ({ id: e.id, start: Date.parse(e.startsAt), end: Date.parse(e.endsAt), reason: e.reason }));
      const summary = summarizeSla(excludeDowntime(applyMaintenance(timeline, windowsMs, noticeMs, start, end), excluded, start, end), excluded, start, end);
      services.push({
        serviceId: service.id,
        serviceCode: service.code,
        serviceName: service.name.lv,
        periodStart: new Date(start).toISOString(),
        periodEnd: new Date(end).toISOString(),
        availabilityPercent: round(summary.availabilityPercent),
        upSeconds: summary.upSeconds,
        downSeconds: summary.downSeconds,
        maintenanceSeconds: summary.maintenanceSeconds,
        unknownSeconds: summary.unknownSeconds,
        excludedSeconds: summary.excludedSeconds,
        coveragePercent: round(summary.coveragePercent),
        targetPercent,
        met: summary.availabilityPercent !== null && summary.availabilityPercent >= targetPercent,
        monitors,
        outages: summary.outages.map((o) => ({ start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString(), seconds: o.seconds, excludedSeconds: o.excludedSeconds, exclusionIds: o.exclusionIds })),
        exclusions: exclusions.map((e) => ({ id: e.id, startsAt: e.startsAt, endsAt: e.endsAt, reason: e.reason, createdBy: e.createdBy, createdAt: e.createdAt })),
        maintenance: windows.map((w, i) => ({ id: w.id, title: w.title, startsAt: w.startsAt, endsAt: w.endsAt, announcedAt: w.announcedAt, counted: windowsMs[i]!.start - windowsMs[i]!.announcedAt >= noticeMs })),
      });
    }
    return { tenantId, month, services };
  });
}

export function slaReportCsv(report: { month: string; services: ServiceSla[] }): string {
  const header = ['service_code', 'service_name', 'period_start', 'period_end', 'availability_percent', 'target_percent', 'met', 'up_seconds', 'down_seconds', 'maintenance_seconds', 'unknown_seconds', 'excluded_seconds', 'coverage_percent', 'outages'];
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = report.services.map((s) => [s.serviceCode, s.serviceName, s.periodStart, s.periodEnd, s.availabilityPercent, s.targetPercent, s.met ? 'yes' : 'no', s.upSeconds, s.downSeconds, s.maintenanceSeconds, s.unknownSeconds, s.excludedSeconds, s.coveragePercent, s.outages.length]);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
