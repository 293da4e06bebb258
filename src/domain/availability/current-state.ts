import type { State } from './timeline.js';

export interface LatestResult {
  location: string;
  at: number;
  ok: boolean;
}

/** One location's newest results, oldest first. */
export type LocationTail = readonly { at: number; ok: boolean }[];

type StateMonitor = { locations: string[]; intervalSeconds: number; failuresToConfirm: number };

/**
 * A monitor's state now, from the latest few results of each location — the same rules as the
 * timeline (coverage of three intervals, runs of `failuresToConfirm`, majority of known
 * locations), read at the tip. `since` is when the current state began, as far as the results show.
 */
export function currentState(monitor: StateMonitor, results: LatestResult[], now: number): { state: State; since: number } {
  return stateOfTails(
    monitor,
    monitor.locations.map((location) => results.filter((r) => r.location === location).sort((a, b) => a.at - b.at)),
    now,
  );
}

/**
 * `currentState` from each of the monitor's locations' newest results, already apart and oldest
 * first: the nth tail is `monitor.locations[n]`'s. The monitors' counts read 2,000 monitors' kept
 * rows, which are both; given as they are, nothing is copied or sorted per monitor.
 */
export function stateOfTails(monitor: StateMonitor, tails: readonly LocationTail[], now: number): { state: State; since: number } {
  const interval = monitor.intervalSeconds * 1000;
  const perLocation = tails.map((mine) => {
    const last = mine.at(-1);
    if (!last || now - last.at >= 3 * interval) return { state: 'unknown' as const, since: last ? last.at + 3 * interval : -Infinity };
    let run = 0;
    while (run < mine.length && !mine[mine.length - 1 - run]!.ok) run++;
    if (run >= monitor.failuresToConfirm) return { state: 'down' as const, since: mine[mine.length - run]!.at };
    // A shorter run of failures still counts as up, so the oldest result shown is as far back as we can tell.
    return { state: 'up' as const, since: mine[0]!.at };
  });
  const known = perLocation.filter((l) => l.state !== 'unknown');
  if (known.length === 0) {
    const silentSince = Math.max(...perLocation.map((l) => l.since));
    return { state: 'unknown', since: Number.isFinite(silentSince) ? silentSince : now };
  }
  const down = known.filter((l) => l.state === 'down');
  if (down.length * 2 > known.length) return { state: 'down', since: Math.max(...down.map((l) => l.since)) };
  return { state: 'up', since: Math.min(...known.filter((l) => l.state === 'up').map((l) => l.since)) };
}

/** Why a monitor's state is unknown, for people: a code the UI words in its language, with its facts. */
export type UnknownReason =
  | { code: 'paused' }
  | { code: 'never_probed' }
  /** The listed locations sent nothing recent; `lastResultAt` is the latest result any of them sent (null: none ever). */
  | { code: 'no_results'; locations: string[]; lastResultAt: number | null };

/**
 * The reason behind an UNKNOWN state (null when the state is known). By `currentState`'s rule a
 * monitor is unknown when no location has a result within three intervals, so the answer names
 * the silent locations and when they last spoke.
 */
export function unknownReason(monitor: { active: boolean; locations: string[]; intervalSeconds: number; failuresToConfirm: number }, results: LatestResult[], now: number): UnknownReason | null {
  if (!monitor.active) return { code: 'paused' };
  if (currentState(monitor, results, now).state !== 'unknown') return null;
  if (results.length === 0) return { code: 'never_probed' };
  const last = results.reduce((a, r) => Math.max(a, r.at), -Infinity);
  return { code: 'no_results', locations: [...monitor.locations], lastResultAt: Number.isFinite(last) ? last : null };
}
