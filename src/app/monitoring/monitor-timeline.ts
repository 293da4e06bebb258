import { fillGaps, locationTimeline, type Segment } from '../../domain/availability/timeline.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import type { MonitoringDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';

const clip = (segments: Segment[], from: number, to: number): Segment[] =>
  segments.filter((s) => s.start < to && s.end > from).map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to), state: s.state }));

type TimelineMonitor = Pick<Monitor, 'id' | 'locations' | 'intervalSeconds' | 'failuresToConfirm'>;

/**
 * `locationTimelines` for many monitors at once: two queries for every rolled-up part, and raw
 * reads only where a monitor's rollup stops short of `to`. Reports over many services use this.
 */
export async function locationTimelinesMany(deps: { store: Pick<MonitoringDeps['store'], 'rollups'> }, tx: Tx, monitors: TimelineMonitor[], from: number, to: number): Promise<Map<string, Segment[][]>> {
  const ids = monitors.map((m) => m.id);
  const rolled = await deps.store.rollups.rolledToMany(tx, ids);
  const segments = await deps.store.rollups.segmentsMany(tx, ids, new Date(from), new Date(to));
  const out = new Map<string, Segment[][]>();
  for (const monitor of monitors) {
    const timelines: Segment[][] = [];
    for (const location of monitor.locations) {
      const split = Math.min(Math.max(rolled.get(monitor.id)?.get(location)?.getTime() ?? from, from), to);
      // Segments past a rewound rollup line are stale until the next run: the raw results decide there.
      const parts = split > from ? clip(segments.get(`${monitor.id}|${location}`) ?? [], from, split) : [];
      if (split < to) {
        // A failure run is judged on the whole result sequence: results either side of the window count.
        const results = await deps.store.rollups.resultsAround(tx, monitor.id, location, new Date(split), new Date(to), monitor.failuresToConfirm + 1);
        parts.push(...locationTimeline(results.map((r) => ({ at: r.at.getTime(), ok: r.ok })), monitor.intervalSeconds * 1000, monitor.failuresToConfirm, split, to));
      }
      timelines.push(fillGaps(parts, from, to, 'unknown'));
    }
    out.set(monitor.id, timelines);
  }
  return out;
}

/**
 * One monitor's state per location over [from, to): rolled-up segments where the rollup is
 * final, raw results after that. A closed month therefore reads a few segments, not every probe.
 */
export async function locationTimelines(deps: { store: Pick<MonitoringDeps['store'], 'rollups'> }, tx: Tx, monitor: TimelineMonitor, from: number, to: number): Promise<Segment[][]> {
  return (await locationTimelinesMany(deps, tx, [monitor], from, to)).get(monitor.id)!;
}
