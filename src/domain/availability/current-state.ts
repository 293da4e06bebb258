import type { State } from './timeline.js';

export interface LatestResult {
  location: string;
  at: number;
  ok: boolean;
}

/**
 * A monitor's state now, from the latest few results of each location — the same rules as the
 * timeline (coverage of three intervals, runs of `failuresToConfirm`, majority of known
 * locations), read at the tip. `since` is when the current state began, as far as the results show.
 */
export function currentState(monitor: { locations: string[]; intervalSeconds: number; failuresToConfirm: number }, results: LatestResult[], now: number): { state: State; since: number } {
  const interval = monitor.intervalSeconds * 1000;
  const perLocation = monitor.locations.map((location) => {
    const mine = results.filter((r) => r.location === location).sort((a, b) => a.at - b.at);
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
