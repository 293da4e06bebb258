/**
 * A location's timeline past its rollup line from its newest results alone (the kept row of
 * migration 031: the newest results by time of all that are stored, or every one when fewer are),
 * computed once for what the row holds and cut to any window later (ADR 0022, "Reusing unchanged
 * tails").
 */
import { fillGaps, locationTimeline, type ProbeResult, type Segment } from './timeline.js';

/**
 * Whether newest results (oldest first) answer a window starting at `from` as the raw results
 * would, with `margin` results before it: they hold every stored result (`complete`), or at
 * least `margin` of them lie before `from`.
 */
export function keptReachesBack(results: readonly ProbeResult[], complete: boolean, from: number, margin: number): boolean {
  if (complete) return true;
  let before = 0;
  for (const r of results) {
    if (r.at >= from) break;
    if (++before >= margin) return true;
  }
  return false;
}

/**
 * The timeline of everything the results say, unbounded on both sides: UNKNOWN before the first
 * and after the last one's coverage. It does not depend on the window it will be cut to, so it is
 * computed once per set of results and reused while they are the same.
 *
 * It is `locationTimeline` over (−∞, ∞), written out for results already in time order (a kept
 * row's order): after an expiry some 500 rows have changed and each is built again, and the
 * general function's copies, sort and per-result objects cost several milliseconds of that
 * computation. Results out of order go to `locationTimeline` itself.
 */
export function keptTimeline(results: readonly ProbeResult[], intervalMs: number, failuresToConfirm: number): Segment[] {
  const n = results.length;
  for (let i = 1; i < n; i++) if (results[i]!.at < results[i - 1]!.at) return locationTimeline([...results], intervalMs, failuresToConfirm, -Infinity, Infinity);
  const out: Segment[] = [];
  let last: Segment | undefined;
  const add = (start: number, end: number, state: Segment['state']) => {
    if (last && last.state === state && last.end === start) last.end = end;
    else out.push((last = { start, end, state }));
  };
  let cursor = -Infinity;
  // The failure run result i belongs to ends at `runEnd`; it is DOWN when it is long enough (DESIGN.md: confirmation).
  let runEnd = -1;
  let runDown = false;
  for (let i = 0; i < n; i++) {
    const r = results[i]!;
    if (!r.ok && i > runEnd) {
      runEnd = i;
      while (runEnd + 1 < n && !results[runEnd + 1]!.ok) runEnd++;
      runDown = runEnd - i + 1 >= failuresToConfirm;
    }
    // Coverage (DESIGN.md): until the next result, at most three intervals.
    const end = Math.min(i + 1 < n ? results[i + 1]!.at : Infinity, r.at + 3 * intervalMs);
    if (end <= r.at) continue;
    if (r.at > cursor) add(cursor, r.at, 'unknown');
    add(r.at, end, !r.ok && runDown ? 'down' : 'up');
    cursor = end;
  }
  if (cursor < Infinity) add(cursor, Infinity, 'unknown');
  return out;
}

/**
 * The part of an unbounded timeline in [from, to). Where `keptReachesBack` holds with a margin of
 * `failuresToConfirm + 1`, this is exactly `locationTimeline` over the results around the window
 * (the last `margin` before `from`, those in it, the first `margin` at or after `to`): a failure
 * run crossing either edge is confirmed by the same results, and each result's coverage ends at the
 * same next result.
 */
export function windowOf(timeline: Segment[], from: number, to: number): Segment[] {
  return fillGaps(timeline, from, to, 'unknown');
}
