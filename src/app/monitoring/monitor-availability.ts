import type { Actor } from '../../domain/actor.js';
import { combineLocations, summarize, type State } from '../../domain/availability/timeline.js';
import { notFound } from '../../domain/errors.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { SYSTEM } from '../shared/transaction.js';
import { locationTimelines } from './monitor-timeline.js';
import type { MonitoringDeps } from './ports.js';
import { MONITOR_RANGE_DAYS, type MonitorRange } from '../../domain/monitoring/monitor-range.js';


/** The most recent state changes returned; a flapping monitor over 90 days could have thousands. */
export const MAX_EVENTS = 500;

export interface MonitorAvailability {
  monitorId: string;
  range: MonitorRange;
  from: string;
  to: string;
  /** up / (up + down) × 100 over the range (DESIGN.md's definition, without maintenance); null when nothing is known. */
  uptimePercent: number | null;
  upSeconds: number;
  downSeconds: number;
  unknownSeconds: number;
  /** Stretches of one state, newest first; the newest is `ongoing` (it lasts until now). */
  events: { state: State; start: string; end: string; seconds: number; ongoing: boolean }[];
  /** True when older changes than the ones in `events` exist in the range. */
  eventsTruncated: boolean;
}

/**
 * One monitor's availability over the last day, week, month or quarter: its state over time
 * (locations combined by majority), the uptime and the changes between up, down and unknown.
 * The rolled-up segments are read where the rollup is final, raw results only after that, so a
 * 90-day range reads a few hundred segments rather than every probe.
 */
export async function monitorAvailability(deps: MonitoringDeps, actor: Actor, monitorId: string, range: MonitorRange): Promise<MonitorAvailability> {
  requirePermission(actor, 'monitors.read');
  const monitor = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.get(tx, monitorId));
  if (!monitor) throw notFound('Monitor');
  const to = deps.clock.now().getTime();
  const from = to - MONITOR_RANGE_DAYS[range] * 86_400_000;
  // The caller may see the monitor (checked above); its results are read in the system scope.
  const perLocation = await deps.store.run(SYSTEM, (tx) => locationTimelines(deps, tx, monitor, from, to));
  const timeline = combineLocations(perLocation, from, to);
  const summary = summarize(timeline, from, to);
  const newest = [...timeline].reverse();
  return {
    monitorId: monitor.id,
    range,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    uptimePercent: summary.availabilityPercent === null ? null : Math.round(summary.availabilityPercent * 10_000) / 10_000,
    upSeconds: summary.upSeconds,
    downSeconds: summary.downSeconds,
    unknownSeconds: summary.unknownSeconds,
    events: newest.slice(0, MAX_EVENTS).map((s) => ({ state: s.state, start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), seconds: (s.end - s.start) / 1000, ongoing: s.end === to })),
    eventsTruncated: newest.length > MAX_EVENTS,
  };
}
