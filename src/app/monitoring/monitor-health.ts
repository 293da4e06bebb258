import type { Actor } from '../../domain/actor.js';
import { currentState, stateOfTails, unknownReason, type LatestResult, type LocationTail, type UnknownReason } from '../../domain/availability/current-state.js';
import type { State } from '../../domain/availability/timeline.js';
import { notFound, validationError } from '../../domain/errors.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { MonitorForState, MonitoringDeps } from './ports.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import { SYSTEM } from '../shared/transaction.js';
import { keptTailsOf, readKeptResults } from './kept-tails.js';


export interface MonitorHealth {
  monitorId: string;
  state: State;
  since: string | null;
  lastCheckAt: string | null;
  lastLatencyMs: number | null;
  /** Why the state is unknown (null when it is known), as a code and its facts for the UI to word. */
  unknownReason: HealthReason | null;
}

export type HealthReason = { code: 'paused' | 'never_probed'; params: Record<string, never> } | { code: 'no_results'; params: { locations: string[]; lastResultAt: string | null } };

/**
 * Every visible monitor's state now, by the same rules as reports. Which monitors the caller may
 * see is decided in their own scope; the results behind them are read in the system scope.
 */
export async function monitorHealth(deps: MonitoringDeps, actor: Actor, filter: MonitorPick = {}): Promise<MonitorHealth[]> {
  requirePermission(actor, 'monitors.read');
  return healthOf(deps, await visibleMonitors(deps, actor, filter));
}

/** Which monitors a list of states or series covers: one service's, or the given ids. */
export interface MonitorPick {
  serviceId?: string | undefined;
  ids?: readonly string[] | undefined;
}

/** The visible monitors a pick names, by id (for paging the states and series). */
export async function pickedMonitorIds(deps: MonitoringDeps, actor: Actor, filter: MonitorPick): Promise<{ monitorId: string }[]> {
  requirePermission(actor, 'monitors.read');
  return (await visibleMonitors(deps, actor, filter)).map((m) => ({ monitorId: m.id }));
}

async function visibleMonitors(deps: MonitoringDeps, actor: Actor, filter: MonitorPick): Promise<Monitor[]> {
  const monitors = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.list(tx, { serviceId: filter.serviceId }));
  const ids = filter.ids === undefined ? null : new Set(filter.ids);
  return ids === null ? monitors : monitors.filter((m) => ids.has(m.id));
}

/** The states of the given monitors now (read in the system scope; the caller chose the monitors). */
export async function healthOf(deps: MonitoringDeps, monitors: readonly Monitor[]): Promise<MonitorHealth[]> {
  if (monitors.length === 0) return [];
  const now = deps.clock.now().getTime();
  // As many of each location's newest results as the strictest monitor asked about needs (kept as
  // results arrive, ADR 0024); only the locations a monitor has now speak for it.
  const perLocation = Math.max(...monitors.map((m) => m.failuresToConfirm), 1) + 1;
  const latest = await deps.store.run(SYSTEM, (tx) => deps.store.probeResults.latestKept(tx, monitors.map((m) => m.id), perLocation));
  // Grouped once: filtering the whole answer per monitor is quadratic in the number of monitors.
  const byMonitor = new Map<string, typeof latest>();
  for (const r of latest) {
    const list = byMonitor.get(r.monitorId);
    if (list) list.push(r);
    else byMonitor.set(r.monitorId, [r]);
  }
  return monitors.map((m) => {
    const mine = (byMonitor.get(m.id) ?? []).filter((r) => m.locations.includes(r.location));
    const last = mine.reduce<(typeof mine)[number] | null>((a, r) => (a === null || r.atMs > a.atMs ? r : a), null);
    const results = mine.map((r) => ({ location: r.location, at: r.atMs, ok: r.ok }));
    const state = currentState(m, results, now);
    const reason = unknownReason(m, results, now);
    return { monitorId: m.id, state: m.active ? state.state : 'unknown', since: mine.length > 0 ? new Date(state.since).toISOString() : null, lastCheckAt: last ? new Date(last.atMs).toISOString() : null, lastLatencyMs: last?.latencyMs ?? null, unknownReason: reason && healthReason(reason) };
  });
}

/**
 * Only the states of the given active monitors now, in their order, by the same rule as `healthOf`
 * (no reasons, instants or latencies): what the list's counts need. Once this process holds a read
 * of every location's kept results (the status page's computations make one, `keptTailsOf`), from
 * that read laid over with only the rows written since (`keptResults`), kept for the next: after
 * the status start computation a restarted server's first counts read one row, not one per
 * location. Before any, from one row per location with only its newest results (`keptTips`): a
 * first whole read, 21 results a row, cost the cold counts more (ADR 0026, "2026-12-07"). A state
 * needs each location's newest results; the older ones a kept row holds beside them change none
 * (`currentState` reads the last result and the run of failures before it).
 */
export async function statesOf(deps: MonitoringDeps, monitors: readonly MonitorForState[]): Promise<State[]> {
  if (monitors.length === 0) return [];
  const now = deps.clock.now().getTime();
  const tails = keptTailsOf(deps.store);
  if (tails.held) {
    const kept = await deps.store.run(SYSTEM, (tx) => readKeptResults(deps, tx, tails));
    // Each kept row is one location's newest results, oldest first: given to the rule as they are.
    return monitors.map((m) => stateOfTails(m, m.locations.map((location) => kept.rows.get(`${m.id}|${location}`)?.results ?? NO_RESULTS), now).state);
  }
  const byMonitor = new Map<string, LatestResult[]>();
  const perLocation = Math.max(...monitors.map((m) => m.failuresToConfirm), 1) + 1;
  const tips = await deps.store.run(SYSTEM, (tx) => deps.store.probeResults.keptTips(tx, monitors.map((m) => m.id), perLocation));
  for (const tip of tips) {
    let results = byMonitor.get(tip.monitorId);
    if (!results) byMonitor.set(tip.monitorId, (results = []));
    for (let i = 0; i < tip.atsMs.length; i++) results.push({ location: tip.location, at: tip.atsMs[i]!, ok: tip.oks[i]! });
  }
  // currentState reads only the monitor's own locations, as healthOf's filter does.
  return monitors.map((m) => currentState(m, byMonitor.get(m.id) ?? [], now).state);
}

const NO_RESULTS: LocationTail = [];

function healthReason(reason: UnknownReason): HealthReason {
  if (reason.code !== 'no_results') return { code: reason.code, params: {} };
  return { code: 'no_results', params: { locations: reason.locations, lastResultAt: reason.lastResultAt === null ? null : new Date(reason.lastResultAt).toISOString() } };
}

export interface LatencySeries {
  monitorId: string;
  bucketMinutes: number;
  points: { at: string; avgLatencyMs: number | null; maxLatencyMs: number | null; checks: number; failures: number }[];
}

/** The most buckets a series has unless the caller asks for fewer. */
export const MAX_LATENCY_BUCKETS = 288;

/**
 * How long each bucket of a window of `hours` is when it may have at most `buckets` of them: whole
 * minutes, and whole hours once longer than an hour, so that those are read from the kept hours.
 */
export function latencyBucketMinutes(hours: number, buckets: number): number {
  const minutes = Math.max(1, Math.ceil((hours * 60) / buckets));
  return minutes <= 60 ? minutes : Math.ceil(minutes / 60) * 60;
}

/**
 * Latency of the given monitors over the last hours in fixed buckets (at most `buckets` each, 288 by
 * default), aligned to whole multiples of the bucket from the epoch. Buckets of whole hours are
 * read from the latency the rollup keeps per hour (ADR 0026), shorter ones from the raw results.
 */
async function latencyOf(deps: MonitoringDeps, monitorIds: string[], hours: number, buckets = MAX_LATENCY_BUCKETS): Promise<LatencySeries[]> {
  if (!Number.isInteger(hours) || hours < 1 || hours > 24 * 31) throw validationError('hours', 'out_of_range', 'must be a whole number of hours from 1 to 744', { min: 1, max: 744 });
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_LATENCY_BUCKETS) throw validationError('buckets', 'out_of_range', `must be a whole number from 1 to ${MAX_LATENCY_BUCKETS}`, { min: 1, max: MAX_LATENCY_BUCKETS });
  if (monitorIds.length === 0) return [];
  const bucketMinutes = latencyBucketMinutes(hours, buckets);
  const to = deps.clock.now();
  const from = new Date(Math.floor((to.getTime() - hours * 3_600_000) / (bucketMinutes * 60_000)) * bucketMinutes * 60_000);
  const rows = await deps.store.run(SYSTEM, (tx) =>
    bucketMinutes % 60 === 0 ? deps.store.watch.latencyHourSeries(tx, monitorIds, from, to, bucketMinutes / 60) : deps.store.watch.latencySeries(tx, monitorIds, from, to, bucketMinutes));
  const byMonitor = new Map<string, LatencySeries>(monitorIds.map((monitorId) => [monitorId, { monitorId, bucketMinutes, points: [] }]));
  for (const p of rows) byMonitor.get(p.monitorId)?.points.push({ at: p.bucket.toISOString(), avgLatencyMs: p.avgLatencyMs, maxLatencyMs: p.maxLatencyMs, checks: p.checks, failures: p.failures });
  return [...byMonitor.values()];
}

/** A monitor's latency over the last hours, for its page. */
export async function monitorLatency(deps: MonitoringDeps, actor: Actor, monitorId: string, hours: number): Promise<LatencySeries> {
  requirePermission(actor, 'monitors.read');
  const monitor = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.get(tx, monitorId));
  if (!monitor) throw notFound('Monitor');
  return (await latencyOf(deps, [monitor.id], hours))[0]!;
}

/** Every visible monitor's latency in one read, for the sparklines of the monitors list. */
export async function monitorsLatency(deps: MonitoringDeps, actor: Actor, hours: number, filter: MonitorPick = {}, buckets = MAX_LATENCY_BUCKETS): Promise<LatencySeries[]> {
  requirePermission(actor, 'monitors.read');
  const monitors = await visibleMonitors(deps, actor, filter);
  return latencyOf(deps, monitors.map((m) => m.id), hours, buckets);
}

/**
 * A page of the visible monitors' series: `pick` chooses the page among the monitors the caller
 * sees (listed once, in their scope), and only that page's series are read.
 */
export async function monitorsLatencyPage<P extends { items: readonly { monitorId: string }[] }>(
  deps: MonitoringDeps,
  actor: Actor,
  hours: number,
  filter: MonitorPick,
  buckets: number | undefined,
  pick: (visible: { monitorId: string }[]) => P,
): Promise<{ page: P; series: LatencySeries[] }> {
  const page = pick(await pickedMonitorIds(deps, actor, filter));
  return { page, series: await latencyOf(deps, page.items.map((m) => m.monitorId), hours, buckets ?? MAX_LATENCY_BUCKETS) };
}
