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
 */
export function keptTimeline(results: readonly ProbeResult[], intervalMs: number, failuresToConfirm: number): Segment[] {
  return locationTimeline([...results], intervalMs, failuresToConfirm, -Infinity, Infinity);
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
