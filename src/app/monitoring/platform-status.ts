import type { Actor } from '../../domain/actor.js';
import { applyMaintenance, combineLocations, combineMonitors, type ReportState } from '../../domain/availability/timeline.js';
import { addDays, DEFAULT_ZONE, localDateOf, localToEpochMs } from '../../domain/calendar/local-time.js';
import { notFound } from '../../domain/errors.js';
import type { Service } from '../../domain/service.js';
import type { Incident } from '../../domain/status/incident.js';
import { requirePermission, requireTenantAccess } from '../shared/authorize.js';
import { listIncidents } from './manage-incidents.js';
import { holdKeptResults, keptTailsOf, type KeptTails } from './kept-tails.js';
import { currentInputs, keptDayKey } from './status-inputs.js';
import { locationTimelinesMany } from './monitor-timeline.js';
import type { MaintenanceWindowRecord, MonitoringDeps, StatusPageMonitor } from './ports.js';
import type { DayFigures, KeptDay } from './status-day-ports.js';
import { dayFingerprint, figuresOf, joinFigures, keptFigures, settledLine, speakersDigest, type Day } from './status-days.js';
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
  /**
   * 'computing' in a first look, given while the 90 days are computed for the first time (nothing
   * kept: a first start over history, an upgrade): each service's state now, with no days, no
   * uptime and no "since" yet. 'complete' otherwise.
   */
  history: 'complete' | 'computing';
  overall: 'operational' | 'outage' | 'maintenance' | 'unknown';
  services: ServiceStatus[];
  incidents: Incident[];
  maintenance: Omit<AnnouncedWindow, 'createdBy'>[];
}

/** The days [today − 89, today] in Riga, each as [start, end) instants (read, never changed, by the computation). */
function dayRanges(now: number): Day[] {
  const today = localDateOf(ZONE, now);
  // They change once a day; the 180 zone conversions cost ~5 ms of every computation.
  if (lastDays?.today === today) return lastDays.days;
  const days = Array.from({ length: STATUS_DAYS }, (_, i) => {
    const date = addDays(today, i - (STATUS_DAYS - 1));
    return { date, start: localToEpochMs(ZONE, date, 0), end: localToEpochMs(ZONE, addDays(date, 1), 0) };
  });
  lastDays = { today, days };
  return days;
}
let lastDays: { today: string; days: Day[] } | null = null;

const roundTo3 = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

type AnnouncedWindow = MaintenanceWindowRecord & { announcedAt: string };
const isAnnounced = (w: MaintenanceWindowRecord): w is AnnouncedWindow => w.announcedAt !== null;

/** A service's answer from its 90 days' figures: the state and "since" are the run the last day ends in. */
function serviceStatus(service: Service, used: StatusPageMonitor[], days: Day[], figures: DayFigures[], now: number): ServiceStatus {
  const from = days[0]!.start;
  // The last day with time in it (today, unless now is its first instant).
  let k = days.length - 1;
  if (Math.min(days[k]!.end, now) <= days[k]!.start) k--;
  const last = figures[k]!;
  let since = last.lastStart;
  while (since === days[k]!.start && k > 0 && figures[k - 1]!.lastState === last.lastState) since = figures[--k]!.lastStart;
  let up = 0;
  let known = 0;
  for (const f of figures) {
    up += f.upMs;
    known += f.upMs + f.downMs;
  }
  return {
    id: service.id,
    code: service.code,
    name: service.name,
    critical: service.critical,
    state: used.length === 0 ? 'unknown' : last.lastState,
    since: since > from ? new Date(since).toISOString() : null,
    monitors: used.length,
    // The same sums and divisions as `summarize` over the 90 days.
    uptimePercent: roundTo3(known > 0 ? (up / known) * 100 : null),
    days: days.map((d, i) => {
      const f = figures[i]!;
      const dayKnown = f.upMs + f.downMs;
      return { date: d.date, availabilityPercent: roundTo3(dayKnown > 0 ? (f.upMs / dayKnown) * 100 : null), downSeconds: f.downMs / 1000, maintenanceSeconds: f.maintenanceMs / 1000, unknownSeconds: f.unknownMs / 1000 };
    }),
  };
}

type Timelines = Awaited<ReturnType<typeof locationTimelinesMany>>;

/** A service's timeline over [from, to): its monitors' locations combined, then its announced windows applied. */
function serviceTimeline(mine: StatusPageMonitor[], windows: { start: number; end: number; announcedAt: number }[], timelines: Timelines, from: number, to: number) {
  const perMonitor = mine.map((m) => combineLocations(timelines.get(m.id)!, from, to));
  return applyMaintenance(combineMonitors(perMonitor, from, to), windows, 0, from, to);
}

/**
 * How many days a computation may sweep from the segments without giving a first look first. A
 * restart's sweeps today and at most yesterday (the days before are kept, 100–250 ms); a first
 * computation sweeps all 90 from the segments, 1–2 s at 2,000 monitors (ADR 0029).
 */
const DAYS_SWEPT_WITHOUT_A_FIRST_LOOK = 2;

/**
 * Lets the event loop take what waits between two services' long sweeps. The history's first
 * computation sweeps 20 services' 90 days in ~370 ms of this thread (PGlite, 2,000 monitors); a
 * visitor given its first look waits for one service's at most (ADR 0029).
 */
const betweenServices = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Each service's state now, as the whole computation's last day ends in: from the latest rollup
 * line on, where no segment is read and the kept newest results (or a few raw ones) decide. The
 * state at an instant depends only on the results around it, so it is the whole computation's.
 */
async function statesNow(deps: StatusDeps, tx: Tx, plans: { service: Service; mine: StatusPageMonitor[]; ownWindows: { start: number; end: number; announcedAt: number }[] }[], lines: Map<string, Map<string, { rolledTo: Date }>>, now: number, reuse: KeptTails | undefined): Promise<ServiceStatus[]> {
  let from = -Infinity;
  for (const plan of plans) for (const m of plan.mine) for (const location of m.locations) from = Math.max(from, lines.get(m.id)?.get(location)?.rolledTo.getTime() ?? -Infinity);
  // At least an instant, so that there is a last state to read (and one with nothing rolled up yet).
  from = from === -Infinity ? now - 1 : Math.min(from, now - 1);
  const timelines = await locationTimelinesMany(deps, tx, plans.flatMap((p) => p.mine), from, now, lines, reuse);
  return plans.map(({ service, mine, ownWindows }) => ({
    id: service.id,
    code: service.code,
    name: service.name,
    critical: service.critical,
    state: mine.length === 0 ? 'unknown' : figuresOf(serviceTimeline(mine, ownWindows, timelines, from, now), { date: '', start: from, end: now }, now).lastState,
    since: null,
    monitors: mine.length,
    uptimePercent: null,
    days: [],
  }));
}

function overall(services: ServiceStatus[]): PlatformStatus['overall'] {
  if (services.some((s) => s.state === 'down')) return 'outage';
  if (services.some((s) => s.state === 'maintenance')) return 'maintenance';
  if (services.length > 0 && services.every((s) => s.state === 'unknown')) return 'unknown';
  return 'operational';
}

type StatusDeps = Pick<MonitoringDeps, 'store' | 'clock'>;

/**
 * Each service's timeline over its 90 days, as day figures: the settled days kept (ADR 0022
 * "Kept days") and read back while their fingerprint matches, the rest — the tip past the rollup
 * line, and any day missing or stale — computed from the segments and raw results and the settled
 * ones among them kept. `recompute` ignores the kept days and the timelines this process computed
 * from the kept newest results before: the whole computation, as before them.
 */
async function build(
  deps: StatusDeps,
  services: (tx: Tx) => Promise<Service[]>,
  monitorFilter: (monitorTenantId: string | null, serviceId: string) => boolean,
  audienceOf: (serviceId: string) => string,
  recompute: boolean,
  firstLook?: (answer: PlatformStatus) => void,
): Promise<PlatformStatus> {
  const now = deps.clock.now().getTime();
  const days = dayRanges(now);
  const from = days[0]!.start;
  // A process's first computation reads every location's kept results in a transaction of its own
  // before the rest (if the server's start has not): held from then on, that read serves the
  // monitors' states too, even when this computation gives way later (ADR 0026, "2026-12-07,
  // later"). Its own read below lays the rows written meanwhile over it.
  const reuse = recompute ? undefined : keptTailsOf(deps.store);
  if (reuse) await holdKeptResults(deps);
  // Read before the rest, so that a first look can tell of them too.
  const recentIncidents = await listIncidents(deps, { days: 7 });
  const result = await deps.store.run(SYSTEM, async (tx) => {
    const list = await services(tx);
    const ids = new Set(list.map((s) => s.id));
    const incidents = recentIncidents.filter((i) => i.serviceIds.some((id) => ids.has(id)));
    // Only announced windows (Kopa's notice sent, or declared): one the municipalities have not heard of is not maintenance yet.
    const windows = (await deps.store.maintenance.overlapping(tx, new Date(from), new Date(now + 30 * 86_400_000))).filter(isAnnounced);
    const upcoming = windows
      .filter((w) => Date.parse(w.endsAt) > now && w.serviceIds.some((id) => ids.has(id)))
      .map(({ createdBy: _createdBy, ...w }) => ({ ...w, serviceIds: w.serviceIds.filter((id) => ids.has(id)) }));
    // The monitors, the lines and the kept days in one statement, only the rows written since this process last read them travelling ("Reading only what changed").
    const held = recompute ? null : await currentInputs(deps, tx, days[0]!.date);
    // The monitors that speak for each service (critical ones, or all if none is).
    const monitors = held ? held.monitors : await deps.store.monitors.listActiveForStatus(tx);
    const used = new Map(list.map((service) => {
      const mine = monitors.filter((m) => m.serviceId === service.id && monitorFilter(m.tenantId, service.id));
      const critical = mine.filter((m) => m.critical);
      return [service.id, critical.length > 0 ? critical : mine];
    }));
    // The lines (and rewind counts) before any segment is read: a rewind after this makes what is kept now stale, never wrongly fresh.
    const lines = held ? held.lines : await deps.store.rollups.linesMany(tx, [...used.values()].flat().map((m) => m.id));
    const plans = list.map((service) => {
      const mine = used.get(service.id)!;
      const audience = audienceOf(service.id);
      // The status page shows every planned window as maintenance; the notice period matters only for reports.
      const ownWindows = windows.filter((w) => w.serviceIds.includes(service.id)).map((w) => ({ start: Date.parse(w.startsAt), end: Date.parse(w.endsAt), announcedAt: Date.parse(w.announcedAt) }));
      const line = recompute ? -Infinity : settledLine(mine, lines, now);
      const speakers = speakersDigest(audience, mine, lines);
      // A day the line has passed is kept whole; the day it falls in, up to it ("Today's settled part").
      const fingerprints = days.map((d) => (d.start < line ? dayFingerprint(speakers, ownWindows, d) : null));
      return { service, mine, audience, ownWindows, line, fingerprints, figures: [] as DayFigures[], start: 0, at: 0, partial: null as DayFigures | null };
    });
    // Every kept day from the first shown on; only the plans' own (service, audience, day) are looked up.
    const keptBy: ReadonlyMap<string, KeptDay> = held ? held.keptDays : new Map();
    for (const plan of plans) {
      for (const [i, d] of days.entries()) {
        const row = keptBy.get(keptDayKey(plan.service.id, plan.audience, d.date));
        if (!row || plan.fingerprints[i] === null || row.fingerprint !== plan.fingerprints[i]) break;
        if (row.settledTo === null && d.end <= plan.line) {
          plan.figures.push(keptFigures(row));
          continue;
        }
        // The day's settled part, up to a line at or before today's: only the time past it is swept.
        if (row.settledTo !== null && row.settledTo > d.start && row.settledTo < d.end && row.settledTo <= plan.line) {
          plan.partial = keptFigures(row);
          plan.at = row.settledTo;
        }
        break;
      }
      // Every day before it is settled, so it is at or before each of the service's rollup lines (or is the first day).
      plan.start = plan.figures.length;
      if (!plan.partial) plan.at = days[plan.start]!.start;
    }
    const sweepsLong = (plan: { start: number }) => days.length - plan.start > DAYS_SWEPT_WITHOUT_A_FIRST_LOOK;
    // Most days to be swept from the segments: each service's state now is given first, while they are.
    if (firstLook && plans.some(sweepsLong)) {
      const states = await statesNow(deps, tx, plans, lines, now, reuse);
      firstLook({ generatedAt: new Date(now).toISOString(), history: 'computing', overall: overall(states), services: states, incidents, maintenance: upcoming });
    }
    const toKeep: KeptDay[] = [];
    // The timelines past the lines from the kept newest results this process read before, where they have not changed ("Reusing unchanged tails").
    // Services with the same first day share one read, from the earliest point any of them needs.
    for (const start of new Set(plans.map((p) => p.start))) {
      const group = plans.filter((p) => p.start === start);
      const from = Math.min(...group.map((p) => p.at));
      const timelines = await locationTimelinesMany(deps, tx, group.flatMap((p) => p.mine), from, now, lines, reuse);
      for (const plan of group) {
        const timeline = serviceTimeline(plan.mine, plan.ownWindows, timelines, from, now);
        const at = plan.at;
        for (let i = plan.start; i < days.length; i++) {
          const d = days[i]!;
          // The first day may start from its kept settled part: only the timeline past it counts then.
          const own = (range: Day, end: number) => (i === plan.start && plan.partial ? joinFigures(plan.partial, figuresOf(timeline, { ...range, start: at }, end), at) : figuresOf(timeline, range, end));
          plan.figures.push(own(d, now));
          const fingerprint = plan.fingerprints[i];
          if (!fingerprint) continue;
          const row = keptBy.get(keptDayKey(plan.service.id, plan.audience, d.date));
          if (d.end <= plan.line) {
            if (row?.fingerprint !== fingerprint || row.settledTo !== null) toKeep.push({ serviceId: plan.service.id, audience: plan.audience, day: d.date, ...plan.figures[i]!, fingerprint, settledTo: null });
          } else if (plan.line > at && (row?.fingerprint !== fingerprint || row.settledTo !== plan.line)) {
            toKeep.push({ serviceId: plan.service.id, audience: plan.audience, day: d.date, ...own({ ...d, end: plan.line }, plan.line), fingerprint, settledTo: plan.line });
          }
        }
        if (sweepsLong(plan)) await betweenServices();
      }
    }
    if (!recompute) await deps.store.statusDays.write(tx, toKeep, new Date(now));
    const statuses = plans.map((p) => serviceStatus(p.service, p.mine, days, p.figures, now));
    return { statuses, upcoming, incidents };
  });
  return { generatedAt: new Date(now).toISOString(), history: 'complete', overall: overall(result.statuses), services: result.statuses, incidents: result.incidents, maintenance: result.upcoming };
}

/** The audience of the public page and of the shared monitors' kept days. */
export const SHARED = 'shared';

/**
 * The public status page: shared services and their shared monitors only. No sign-in.
 * `firstLook` is given the services' states now first when most of the 90 days are to be computed.
 */
export function publicStatus(deps: StatusDeps, options: { recompute?: boolean; firstLook?: (answer: PlatformStatus) => void } = {}): Promise<PlatformStatus> {
  return build(deps, (tx) => deps.store.services.list(tx), (tenantId) => tenantId === null, () => SHARED, options.recompute ?? false, options.firstLook);
}

/**
 * What one municipality sees: the services it uses today, its own instances' monitors included.
 * `recompute` computes every day from the segments and raw results, ignoring the kept days.
 */
export async function tenantStatus(deps: MonitoringDeps, actor: Actor, tenantId: string, options: { recompute?: boolean } = {}): Promise<PlatformStatus> {
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
    (serviceId) => (own.has(serviceId) ? tenantId : SHARED),
    options.recompute ?? false,
  );
  return status;
}
