import type { Actor } from '../../domain/actor.js';
import { applyMaintenance, combineLocations, combineMonitors, summarize, type ReportState, type Segment } from '../../domain/availability/timeline.js';
import { addDays, DEFAULT_ZONE, localDateOf, localToEpochMs } from '../../domain/calendar/local-time.js';
import { notFound } from '../../domain/errors.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { Service } from '../../domain/service.js';
import type { Incident } from '../../domain/status/incident.js';
import { requirePermission, requireTenantAccess } from '../shared/authorize.js';
import { listIncidents } from './manage-incidents.js';
import { locationTimelinesMany } from './monitor-timeline.js';
import type { MaintenanceWindowRecord, MonitoringDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { SYSTEM } from '../shared/transaction.js';

const ZONE = DEFAULT_ZONE;
export const STATUS_DAYS = 90;

export interface DayBar {
  date: string;
  availabilityPercent: number | null;
  downSeconds: number;
  maintenanceSeconds: number;
  unknownSeconds: number;
}

export interface ServiceStatus {
  id: string;
  code: string;
  name: Service['name'];
  critical: boolean;
  /** The state now: from the latest results of the service's critical monitors. */
  state: ReportState;
  /** When the current state began, as far as the 90 days show. */
  since: string | null;
  monitors: number;
  /** up / (up + down) × 100 over the 90 days shown (maintenance excluded); null when nothing is known. */
  uptimePercent: number | null;
  days: DayBar[];
}

export interface PlatformStatus {
  generatedAt: string;
  overall: 'operational' | 'outage' | 'maintenance' | 'unknown';
  services: ServiceStatus[];
  incidents: Incident[];
  maintenance: Omit<AnnouncedWindow, 'createdBy'>[];
}

/** The days [today − 89, today] in Riga, each as [start, end) instants. */
function dayRanges(now: number): { date: string; start: number; end: number }[] {
  const today = localDateOf(ZONE, now);
  return Array.from({ length: STATUS_DAYS }, (_, i) => {
    const date = addDays(today, i - (STATUS_DAYS - 1));
    return { date, start: localToEpochMs(ZONE, date, 0), end: localToEpochMs(ZONE, addDays(date, 1), 0) };
  });
}

const roundTo3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

type AnnouncedWindow = MaintenanceWindowRecord & { announcedAt: string };
const isAnnounced = (w: MaintenanceWindowRecord): w is AnnouncedWindow => w.announcedAt !== null;

function serviceStatus(service: Service, used: Monitor[], timelines: Map<string, Segment[][]>, windows: AnnouncedWindow[], now: number): ServiceStatus {
  const days = dayRanges(now);
  const from = days[0]!.start;
  const perMonitor = used.map((m) => combineLocations(timelines.get(m.id)!, from, now));
  const mine = windows.filter((w) => w.serviceIds.includes(service.id)).map((w) => ({ start: Date.parse(w.startsAt), end: Date.parse(w.endsAt), announcedAt: Date.parse(w.announcedAt) }));
  // The status page shows every planned window as maintenance; the notice period matters only for reports.
  const timeline = applyMaintenance(combineMonitors(perMonitor, from, now), mine, 0, from, now);
  const last = timeline.at(-1);
  const state: ReportState = used.length === 0 ? 'unknown' : (last?.state ?? 'unknown');
  return {
    id: service.id,
    code: service.code,
    name: service.name,
    critical: service.critical,
    state,
    since: last && last.start > from ? new Date(last.start).toISOString() : null,
    monitors: used.length,
    uptimePercent: roundTo3(summarize(timeline, from, now).availabilityPercent),
    days: days.map((d) => {
      const end = Math.min(d.end, now);
      const s = summarize(timeline, d.start, end);
      return { date: d.date, availabilityPercent: roundTo3(s.availabilityPercent), downSeconds: s.downSeconds, maintenanceSeconds: s.maintenanceSeconds, unknownSeconds: s.unknownSeconds };
    }),
  };
}

function overall(services: ServiceStatus[]): PlatformStatus['overall'] {
  if (services.some((s) => s.state === 'down')) return 'outage';
  if (services.some((s) => s.state === 'maintenance')) return 'maintenance';
  if (services.length > 0 && services.every((s) => s.state === 'unknown')) return 'unknown';
  return 'operational';
}

async function build(deps: Pick<MonitoringDeps, 'store' | 'clock'>, services: (tx: Tx) => Promise<Service[]>, monitorFilter: (monitorTenantId: string | null, serviceId: string) => boolean): Promise<PlatformStatus> {
  const now = deps.clock.now().getTime();
  const from = dayRanges(now)[0]!.start;
  const result = await deps.store.run(SYSTEM, async (tx) => {
    const list = await services(tx);
    // Only announced windows (Kopa's notice sent, or declared): one the municipalities have not heard of is not maintenance yet.
    const windows = (await deps.store.maintenance.overlapping(tx, new Date(from), new Date(now + 30 * 86_400_000))).filter(isAnnounced);
    const statuses: ServiceStatus[] = [];
    // The monitors that speak for each service (critical ones, or all if none is), their timelines read in one go.
    const monitors = (await deps.store.monitors.list(tx, {})).filter((m) => m.active);
    const used = new Map(list.map((service) => {
      const mine = monitors.filter((m) => m.serviceId === service.id && monitorFilter(m.tenantId, service.id));
      const critical = mine.filter((m) => m.critical);
      return [service.id, critical.length > 0 ? critical : mine];
    }));
    const timelines = await locationTimelinesMany(deps, tx, [...used.values()].flat(), from, now);
    for (const service of list) statuses.push(serviceStatus(service, used.get(service.id)!, timelines, windows, now));
    const ids = new Set(list.map((s) => s.id));
    const upcoming = windows
      .filter((w) => Date.parse(w.endsAt) > now && w.serviceIds.some((id) => ids.has(id)))
      .map(({ createdBy: _createdBy, ...w }) => ({ ...w, serviceIds: w.serviceIds.filter((id) => ids.has(id)) }));
    return { statuses, upcoming, ids };
  });
  const incidents = (await listIncidents(deps, { days: 7 })).filter((i) => i.serviceIds.some((id) => result.ids.has(id)));
  return { generatedAt: new Date(now).toISOString(), overall: overall(result.statuses), services: result.statuses, incidents, maintenance: result.upcoming };
}

/** The public status page: shared services and their shared monitors only. No sign-in. */
export function publicStatus(deps: Pick<MonitoringDeps, 'store' | 'clock'>): Promise<PlatformStatus> {
  return build(deps, (tx) => deps.store.services.list(tx), (tenantId) => tenantId === null);
}

/** What one municipality sees: the services it uses today, its own instances' monitors included. */
export async function tenantStatus(deps: MonitoringDeps, actor: Actor, tenantId: string): Promise<PlatformStatus> {
  requirePermission(actor, 'services.read');
  requireTenantAccess(actor, tenantId);
  const today = localDateOf(ZONE, deps.clock.now().getTime());
  const own = new Set<string>();
  const status = await build(
    deps,
    async (tx) => {
      if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
      const current = (await deps.store.subscriptions.list(tx, tenantId)).filter((s) => s.from <= today && (s.to === null || s.to >= today));
      for (const s of current) if (s.mode === 'own_instance') own.add(s.serviceId);
      const all = await deps.store.services.list(tx);
      return all.filter((service) => current.some((s) => s.serviceId === service.id));
    },
    // Its own instance is watched by its own monitors; a shared service by the shared ones.
    (monitorTenant, serviceId) => (own.has(serviceId) ? monitorTenant === tenantId : monitorTenant === null),
  );
  return status;
}
