import type { Actor } from '../../domain/actor.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { healthOf, statesOf, type MonitorHealth } from './monitor-health.js';
import { pageInMemory, sliceOf, type CursorKey, type PageRequest, type Slice } from '../shared/paging.js';
import type { MonitoringDeps } from './ports.js';

/** What the operator filters the monitors list by; `paused` is a monitor switched off. */
export type DisplayState = 'down' | 'unknown' | 'up' | 'paused';
export const DISPLAY_STATES: readonly DisplayState[] = ['down', 'unknown', 'up', 'paused'];
export type MonitorSort = 'name' | 'state';

export interface MonitorQuery {
  serviceId?: string | undefined;
  location?: string | undefined;
  /** Text in the name or the target. */
  search?: string | undefined;
  states?: readonly DisplayState[] | undefined;
  sort: MonitorSort;
}

export interface MonitorRow {
  monitor: Monitor;
  health: MonitorHealth;
}

export const displayState = (row: MonitorRow): DisplayState => (row.monitor.active ? row.health.state : 'paused');

/** The page key: (name, id) by name; (worst state first, name, id) by state. */
export function monitorKey(sort: MonitorSort, row: MonitorRow): CursorKey {
  return keyOf(sort, row.monitor, displayState(row));
}

function keyOf(sort: MonitorSort, monitor: Monitor, state: DisplayState): CursorKey {
  return sort === 'name' ? [monitor.name, monitor.id] : [DISPLAY_STATES.indexOf(state), monitor.name, monitor.id];
}

/**
 * The monitors list with each monitor's state now. By name without a state filter it pages in
 * SQL and works out states for the page only; a state filter or order needs every matching
 * monitor's state, worked out once per request and paged in memory.
 */
export async function browseMonitors(deps: MonitoringDeps, actor: Actor, query: MonitorQuery, page: PageRequest): Promise<Slice<MonitorRow>> {
  requirePermission(actor, 'monitors.read');
  const filter = { serviceId: query.serviceId, location: query.location, search: query.search };
  if (query.sort === 'name' && query.states === undefined) {
    const after = page.after === null ? null : { name: String(page.after[0]), id: String(page.after[1]) };
    const rows = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.list(tx, filter, { after, limit: page.limit + 1 }));
    const slice = sliceOf(rows, page.limit);
    return { items: await withHealth(deps, slice.items), more: slice.more };
  }
  // Every matching monitor's state alone chooses the page (as the counts do); the page's rows then
  // get their whole health, whose state is the same by the same rule (tested).
  const monitors = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.list(tx, filter));
  const active = monitors.filter((m) => m.active);
  const states = await statesOf(deps, active);
  const stateOf = new Map(active.map((m, i) => [m.id, states[i]!]));
  const rows = monitors.map((monitor) => ({ monitor, state: monitor.active ? stateOf.get(monitor.id)! : ('paused' as const) }));
  const wanted = query.states === undefined ? rows : rows.filter((row) => query.states!.includes(row.state));
  const slice = pageInMemory(wanted, (row) => keyOf(query.sort, row.monitor, row.state), page);
  return { items: await withHealth(deps, slice.items.map((row) => row.monitor)), more: slice.more };
}

async function withHealth(deps: MonitoringDeps, monitors: Monitor[]): Promise<MonitorRow[]> {
  const health = new Map((await healthOf(deps, monitors)).map((h) => [h.monitorId, h]));
  return monitors.map((monitor) => ({ monitor, health: health.get(monitor.id)! }));
}

/** How many monitors are in each state; `paused` is a monitor switched off. */
export type StateCounts = Record<DisplayState, number> & { total: number };

/** How many visible monitors are in each state, for the list's heading: by the same rules as the list. */
export async function monitorCounts(deps: MonitoringDeps, actor: Actor): Promise<StateCounts> {
  requirePermission(actor, 'monitors.read');
  const monitors = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.listForStates(tx));
  // A paused monitor counts as paused whatever its results: only the active ones' states are read.
  const active = monitors.filter((m) => m.active);
  const counts = { total: monitors.length, down: 0, unknown: 0, up: 0, paused: monitors.length - active.length };
  for (const state of await statesOf(deps, active)) counts[state] += 1;
  return counts;
}
