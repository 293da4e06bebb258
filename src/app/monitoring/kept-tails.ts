import { keptReachesBack, keptTimeline, windowOf } from '../../domain/availability/kept-tail.js';
import type { Segment } from '../../domain/availability/timeline.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { KeptResults, KeptResultsRow } from '../availability/rollup-ports.js';
import type { MonitoringDeps } from './ports.js';
import { SYSTEM, type Tx } from '../shared/transaction.js';

/**
 * What this process read of the locations' kept results last, per store (one database): each
 * replica keeps its own, and a restarted process starts empty. Nothing here is ever trusted
 * unread: each computation hands it to `keptResults`, which lays the rows written since over it
 * in the statement that would otherwise read every row.
 */
export interface KeptTails {
  held: KeptResults | null;
}

const byStore = new WeakMap<object, KeptTails>();

/**
 * What a store that reads through another answers for this key: the store it wraps (the status
 * page's computations read through one that gives way, src/http/status-cache.ts). The kept tails
 * are filed under the wrapped store, so that the status computations and the monitors' states
 * (`statesOf`) share one read of the kept results: after the start's computation, a restarted
 * server's first counts read only the rows written since (ADR 0026, "2026-12-07").
 */
export const WRAPPED_STORE = Symbol('the store this one reads through');

export function keptTailsOf(store: object): KeptTails {
  const key = (store as { [WRAPPED_STORE]?: object })[WRAPPED_STORE] ?? store;
  let tails = byStore.get(key);
  if (!tails) byStore.set(key, (tails = { held: null }));
  return tails;
}

/**
 * The kept results now: what this process holds laid over with the rows written since, in one
 * statement, and held for the next read when the database says it may be (`reusable`). The status
 * page's timelines and the monitors' states both read through here, so they share one read.
 */
export async function readKeptResults(deps: { store: Pick<MonitoringDeps['store'], 'rollups'> }, tx: Tx, tails: KeptTails): Promise<KeptResults> {
  const { kept, reusable } = await deps.store.rollups.keptResults(tx, tails.held);
  if (reusable) tails.held = kept;
  return kept;
}

/**
 * Reads every location's kept results once, in a transaction of its own, if this process holds no
 * read of them yet: what the monitors' states and the status computations then lay only the rows
 * written since over. A restarted server does it before it listens, so that the first page's counts
 * find it even when no start computation runs (the answer kept at the stop still fresh), or when
 * one gives way (ADR 0026, "2026-12-07, later").
 */
export async function holdKeptResults(deps: { store: Pick<MonitoringDeps['store'], 'rollups' | 'run'> }): Promise<void> {
  const tails = keptTailsOf(deps.store);
  if (!tails.held) await deps.store.run(SYSTEM, (tx) => readKeptResults(deps, tx, tails));
}

/**
 * `keptTimeline` of a kept row per interval and confirmation count (a monitor's settings may
 * change, its results not). A row unchanged since the last read is the same object, so its
 * timelines are computed once; a changed row is a new object and starts empty.
 */
const timelinesOf = new WeakMap<KeptResultsRow, Map<string, Segment[]>>();

type TailMonitor = Pick<Monitor, 'id' | 'intervalSeconds' | 'failuresToConfirm'>;

/**
 * The timelines over [split, to) of the locations whose kept results reach back past their split
 * (as `resultsAroundMany` would answer them from the kept row), by key; the others are left out
 * for the caller to read from the raw results. One statement, which returns only the rows written
 * since this process last read them: the rest are cut from the timelines already computed.
 */
export async function timelinesFromKeptTails(
  deps: { store: Pick<MonitoringDeps['store'], 'rollups'> },
  tx: Tx,
  reuse: KeptTails,
  tails: readonly { monitor: TailMonitor; location: string; key: string; split: number }[],
  to: number,
): Promise<Map<string, Segment[]>> {
  const kept = await readKeptResults(deps, tx, reuse);
  const out = new Map<string, Segment[]>();
  for (const t of tails) {
    const row = kept.rows.get(t.key);
    if (!row || !keptReachesBack(row.results, row.complete, t.split, t.monitor.failuresToConfirm + 1)) continue;
    let timelines = timelinesOf.get(row);
    if (!timelines) timelinesOf.set(row, (timelines = new Map()));
    const shape = `${t.monitor.intervalSeconds}|${t.monitor.failuresToConfirm}`;
    let timeline = timelines.get(shape);
    if (!timeline) timelines.set(shape, (timeline = keptTimeline(row.results, t.monitor.intervalSeconds * 1000, t.monitor.failuresToConfirm)));
    out.set(t.key, windowOf(timeline, t.split, to));
  }
  return out;
}
