import { keptReachesBack, keptTimeline, windowOf } from '../../domain/availability/kept-tail.js';
import type { ProbeResult, Segment } from '../../domain/availability/timeline.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { MonitoringDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';

/** A location's kept newest results at one version, and the timelines computed from them. */
interface KeptTail {
  /** null: the location had no kept row. */
  version: string | null;
  complete: boolean;
  results: ProbeResult[];
  /** `keptTimeline` per interval and confirmation count (a monitor's settings may change, its results not). */
  timelines: Map<string, Segment[]>;
}

export type KeptTails = Map<string, KeptTail>;

/** The version sent for a location never read: no row has it, so its kept results always come. */
const NEVER_READ = '0';

/**
 * What this process computed from each location's kept results, per store (one database): each
 * replica keeps its own, and a restarted process starts empty. Nothing here is ever trusted
 * unread: an entry is used only when the database says, in the computation that uses it, that
 * the row is still at the entry's version.
 */
const byStore = new WeakMap<object, KeptTails>();

export function keptTailsOf(store: object): KeptTails {
  let tails = byStore.get(store);
  if (!tails) byStore.set(store, (tails = new Map()));
  return tails;
}

type TailMonitor = Pick<Monitor, 'id' | 'intervalSeconds' | 'failuresToConfirm'>;

/**
 * The timelines over [split, to) of the locations whose kept results reach back past their split
 * (as `resultsAroundMany` would answer them from the kept row), by key; the others are left out
 * for the caller to read from the raw results. One statement, which returns only the rows changed
 * since this process last read them: the rest are cut from the timelines already computed.
 */
export async function timelinesFromKeptTails(
  deps: { store: Pick<MonitoringDeps['store'], 'rollups'> },
  tx: Tx,
  reuse: KeptTails,
  tails: readonly { monitor: TailMonitor; location: string; key: string; split: number }[],
  to: number,
): Promise<Map<string, Segment[]>> {
  // The entries as they are now: another computation may replace one meanwhile, from another snapshot.
  const known = tails.map((t) => reuse.get(t.key));
  const changed = await deps.store.rollups.keptResultsChanged(tx, tails.map((t, i) => ({ monitorId: t.monitor.id, location: t.location, version: known[i] ? known[i].version : NEVER_READ })));
  for (const c of changed) {
    known[c.index] = { version: c.version, complete: c.complete, results: c.results, timelines: new Map() };
    reuse.set(tails[c.index]!.key, known[c.index]!);
  }
  const out = new Map<string, Segment[]>();
  tails.forEach((t, i) => {
    const tail = known[i]!;
    if (tail.version === null || !keptReachesBack(tail.results, tail.complete, t.split, t.monitor.failuresToConfirm + 1)) return;
    const shape = `${t.monitor.intervalSeconds}|${t.monitor.failuresToConfirm}`;
    let timeline = tail.timelines.get(shape);
    if (!timeline) tail.timelines.set(shape, (timeline = keptTimeline(tail.results, t.monitor.intervalSeconds * 1000, t.monitor.failuresToConfirm)));
    out.set(t.key, windowOf(timeline, t.split, to));
  });
  // Locations no longer asked for (a monitor removed, its locations changed) do not stay forever.
  if (reuse.size > 2 * tails.length + 10_000) {
    const wanted = new Set(tails.map((t) => t.key));
    for (const key of reuse.keys()) if (!wanted.has(key)) reuse.delete(key);
  }
  return out;
}
