import { coversAsFilled, fillGaps, locationTimeline, type Segment } from '../../domain/availability/timeline.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import { timelinesFromKeptTails, type KeptTails } from './kept-tails.js';
import type { MonitoringDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';

const clip = (segments: Segment[], from: number, to: number): Segment[] =>
  segments.filter((s) => s.start < to && s.end > from).map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to), state: s.state }));

type TimelineMonitor = Pick<Monitor, 'id' | 'locations' | 'intervalSeconds' | 'failuresToConfirm'>;

/**
 * `locationTimelines` for many monitors at once: three statements whatever their number — the
 * rollup lines, the rolled-up segments (none when no location is rolled up past `from`), and the
 * raw results past each monitor's rollup line (a few intervals' worth while the rollup keeps up).
 * Reports and the status page use this.
 */
export async function locationTimelinesMany(
  deps: { store: Pick<MonitoringDeps['store'], 'rollups'> },
  tx: Tx,
  monitors: TimelineMonitor[],
  from: number,
  to: number,
  /** The rollup lines, when the caller has read them already (before the segments, as here). */
  lines?: Map<string, Map<string, { rolledTo: Date }>>,
  /** What this process computed from the kept newest results before (the status page): only changed ones are read. */
  reuse?: KeptTails,
): Promise<Map<string, Segment[][]>> {
  const ids = monitors.map((m) => m.id);
  const rolled = lines ?? (await deps.store.rollups.linesMany(tx, ids));
  // Each (monitor, location) once, its key made once: the status page has ~6,000 of them per computation.
  const pairs: { monitor: TimelineMonitor; location: string; key: string; split: number; parts: Segment[] }[] = [];
  for (const monitor of monitors) {
    const own = rolled.get(monitor.id);
    for (const location of monitor.locations) pairs.push({ monitor, location, key: `${monitor.id}|${location}`, split: Math.min(Math.max(own?.get(location)?.rolledTo.getTime() ?? from, from), to), parts: [] });
  }
  // Only a location rolled up past `from` has segments that count; a window starting at the lines reads none.
  const rolledPairs = pairs.filter((p) => p.split > from).map((p) => ({ monitorId: p.monitor.id, location: p.location }));
  const segments = rolledPairs.length > 0 ? await deps.store.rollups.segmentsMany(tx, rolledPairs, new Date(from), new Date(to)) : new Map<string, Segment[]>();
  // Segments past a rewound rollup line are stale until the next run: the raw results decide there.
  for (const pair of pairs) if (pair.split > from) pair.parts = clip(segments.get(pair.key) ?? [], from, pair.split);
  const tails = pairs.filter((p) => p.split < to);
  const fromKept = reuse && tails.length > 0 ? await timelinesFromKeptTails(deps, tx, reuse, tails, to) : new Map<string, Segment[]>();
  for (const tail of tails) {
    const kept = fromKept.get(tail.key);
    if (kept) tail.parts = tail.parts.length === 0 ? kept : [...tail.parts, ...kept];
  }
  const rest = tails.filter((t) => !fromKept.has(t.key));
  // A failure run is judged on the whole result sequence: results either side of the window count.
  const raw = rest.length > 0 ? await deps.store.rollups.resultsAroundMany(tx, rest.map((t) => ({ monitorId: t.monitor.id, location: t.location, from: new Date(t.split), margin: t.monitor.failuresToConfirm + 1 })), new Date(to)) : [];
  rest.forEach((tail, i) => {
    tail.parts.push(...locationTimeline(raw[i]!.map((r) => ({ at: r.atMs, ok: r.ok })), tail.monitor.intervalSeconds * 1000, tail.monitor.failuresToConfirm, tail.split, to));
  });
  const out = new Map<string, Segment[][]>();
  let p = 0;
  for (const monitor of monitors) {
    out.set(
      monitor.id,
      // A part that already covers the window as `fillGaps` would give it (a kept tail cut from the line on) is not copied again.
      monitor.locations.map(() => {
        const parts = pairs[p++]!.parts;
        return coversAsFilled(parts, from, to) ? parts : fillGaps(parts, from, to, 'unknown');
      }),
    );
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
