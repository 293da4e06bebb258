import { systemActor, type Actor } from '../../domain/actor.js';
import { agreementForMonth, DEFAULT_AVAILABILITY_TARGET_PERCENT, DEFAULT_MAINTENANCE_NOTICE_HOURS } from '../../domain/agreement.js';
import { addMonths, checkMonth, firstDayOf, monthInterval } from '../../domain/calendar/month.js';
import { excludeDowntime, summarizeSla, type ExclusionInterval } from '../../domain/availability/exclusions.js';
import { applyMaintenance, combineLocations, combineMonitors, type Segment } from '../../domain/availability/timeline.js';
import { addDays, localToEpochMs } from '../../domain/calendar/local-time.js';
import { notFound } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess } from '../shared/authorize.js';
import { deskReport } from '../desk/desk-report.js';
import { tenantZone } from '../municipalities/tenant-zone.js';
import { locationTimelinesMany } from '../monitoring/monitor-timeline.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { AvailabilityDeps } from './ports.js';
import { SYSTEM } from '../shared/transaction.js';

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
  /** `declaredBy`: who recorded an announcement made outside Kopa; null when Kopa sent the notice. */
  maintenance: { id: string; title: string; startsAt: string; endsAt: string; announcedAt: string | null; counted: boolean; declaredBy: string | null }[];
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

const overlaps = (item: { startsAt: string; endsAt: string }, start: number, end: number) => Date.parse(item.startsAt) < end && Date.parse(item.endsAt) > start;

/** The monitors that speak for a service: its critical ones (all, if none is critical), of the shared service or the tenant's own instance. */
function monitorsFor(all: Monitor[], serviceId: string, tenantId: string, ownInstance: boolean): Monitor[] {
  const mine = all.filter((m) => m.serviceId === serviceId && (ownInstance ? m.tenantId === tenantId : m.tenantId === null));
  const critical = mine.filter((m) => m.critical);
  return critical.length > 0 ? critical : mine;
}

/** A service's timeline over [start, end), by DESIGN.md's definition, from its monitors' per-location timelines. */
function serviceTimeline(monitors: Monitor[], timelines: Map<string, Segment[][]>, start: number, end: number): Segment[] {
  const perMonitor = monitors.map((m) => combineLocations(timelines.get(m.id)!.map((t) => t.filter((s) => s.start < end && s.end > start)), start, end));
  return combineMonitors(perMonitor, start, end);
}

/** The month's service-desk figures, reported beside availability. */
export interface DeskFigures {
  tickets: number;
  reactionMetPercent: number | null;
  resolutionMetPercent: number | null;
  medianReactionMinutes: number | null;
  p90ReactionMinutes: number | null;
  breaches: number;
  satisfactionAverage: number | null;
  satisfactionRatings: number;
}

export interface SlaReport {
  tenantId: string;
  month: string;
  /** True while the month has not ended: the figures count only the time up to `upTo`. */
  inProgress: boolean;
  /** The instant the figures count up to: the month's end once it has ended, else the moment of computing. */
  upTo: string;
  services: ServiceSla[];
  desk: DeskFigures;
}

/**
 * The monthly availability report of one municipality: every service it uses, from the day
 * its use started, against the target and notice period of the agreement in force, with the
 * month's desk figures.
 */
export async function slaReport(deps: AvailabilityDeps, actor: Actor, tenantId: string, month: string): Promise<SlaReport> {
  const availability = await serviceAvailability(deps, actor, tenantId, month);
  // Access was checked above; the desk figures are part of the same report.
  const { report: d } = await deskReport(deps, systemActor('sla-report'), tenantId, month);
  const desk: DeskFigures = {
    tickets: d.tickets,
    reactionMetPercent: d.reaction.metPercent,
    resolutionMetPercent: d.resolution.metPercent,
    medianReactionMinutes: d.reaction.medianMinutes,
    p90ReactionMinutes: d.reaction.p90Minutes,
    breaches: d.breaches.length,
    satisfactionAverage: d.satisfaction.average,
    satisfactionRatings: d.satisfaction.ratings,
  };
  return { ...availability, desk };
}

async function serviceAvailability(deps: AvailabilityDeps, actor: Actor, tenantId: string, month: string): Promise<Omit<SlaReport, 'desk'>> {
  requirePermission(actor, 'sla_reports.read');
  requireTenantAccess(actor, tenantId);
  checkMonth(month);
  const firstDay = firstDayOf(month);
  const nextMonth = firstDayOf(addMonths(month, 1));
  // Access is checked above; the report reads shared monitoring data in the system scope.
  return deps.store.run(SYSTEM, async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    const agreement = agreementForMonth(await deps.store.agreements.listCurrent(tx, tenantId), month);
    // The month in the municipality's own calendar zone (docs/definitions.md, "A month").
    const zone = await tenantZone(deps.store, tx, tenantId, month);
    const { from, to: monthEnd } = monthInterval(zone, month);
    // A month in progress is reported up to now: the rest has not happened, so it is neither
    // "no data" nor spent maintenance; it is simply outside the period (DESIGN.md's definition
    // applied to the elapsed part). An ended month is its whole interval, as always.
    const now = deps.clock.now().getTime();
    const inProgress = now < monthEnd.getTime();
    const to = inProgress ? new Date(Math.max(from.getTime(), now)) : monthEnd;
    const targetPercent = agreement?.availabilityTargetPercent ?? DEFAULT_AVAILABILITY_TARGET_PERCENT;
    const noticeMs = (agreement?.maintenanceNoticeHours ?? DEFAULT_MAINTENANCE_NOTICE_HOURS) * 3_600_000;
    const subscriptions = (await deps.store.subscriptions.list(tx, tenantId)).filter((s) => s.from < nextMonth && (s.to === null || s.to >= firstDay));
    // Everything the month needs, read once: a report over hundreds of services stays a handful of queries.
    const catalogue = new Map((await deps.store.services.list(tx)).map((s) => [s.id, s]));
    const allMonitors = await deps.store.monitors.list(tx, {});
    const used = new Map(subscriptions.map((s) => [s.id, monitorsFor(allMonitors, s.serviceId, tenantId, s.mode === 'own_instance')]));
    const timelines = await locationTimelinesMany(deps, tx, [...new Map([...used.values()].flat().map((m) => [m.id, m])).values()], from.getTime(), to.getTime());
    const allWindows = await deps.store.maintenance.overlapping(tx, from, to);
    const allExclusions = await deps.store.slaExclusions.overlapping(tx, from, to, { tenantId });
    const services: ServiceSla[] = [];
    for (const subscription of subscriptions) {
      const service = catalogue.get(subscription.serviceId);
      if (!service) continue;
      const start = Math.max(from.getTime(), localToEpochMs(zone, subscription.from, 0));
      const end = Math.max(start, Math.min(to.getTime(), subscription.to ? localToEpochMs(zone, addDays(subscription.to, 1), 0) : Infinity));
      const monitors = used.get(subscription.id)!;
      const timeline = serviceTimeline(monitors, timelines, start, end);
      const windows = allWindows.filter((w) => w.serviceIds.includes(service.id) && overlaps(w, start, end));
      // A window no notice has announced yet (or ever) is ordinary time, however early it was planned.
      const windowsMs = windows.map((w) => ({ start: Date.parse(w.startsAt), end: Date.parse(w.endsAt), announcedAt: w.announcedAt === null ? Number.POSITIVE_INFINITY : Date.parse(w.announcedAt) }));
      const exclusions = allExclusions.filter((e) => e.serviceId === service.id && overlaps(e, start, end));
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
        monitors: monitors.length,
        outages: summary.outages.map((o) => ({ start: new Date(o.start).toISOString(), end: new Date(o.end).toISOString(), seconds: o.seconds, excludedSeconds: o.excludedSeconds, exclusionIds: o.exclusionIds })),
        exclusions: exclusions.map((e) => ({ id: e.id, startsAt: e.startsAt, endsAt: e.endsAt, reason: e.reason, createdBy: e.createdBy, createdAt: e.createdAt })),
        maintenance: windows.map((w, i) => ({ id: w.id, title: w.title, startsAt: w.startsAt, endsAt: w.endsAt, announcedAt: w.announcedAt, counted: windowsMs[i]!.start - windowsMs[i]!.announcedAt >= noticeMs, declaredBy: w.declaredBy })),
      });
    }
    return { tenantId, month, inProgress, upTo: to.toISOString(), services };
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
