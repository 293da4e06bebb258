import type { Clock } from '../shared/ports.js';

/** The dependencies with the clock stopped at a moment: demo history is made as it happened then. */
export function atClock<D extends { clock: Clock }>(deps: D, epochMs: number): D {
  return { ...deps, clock: { now: () => new Date(epochMs) } };
}
