import type { BusinessTime, ClockState } from './sla.js';

/** A clock warns at 80 % of its target and breaches at 100 %. */
export const WARNING_RATIO = 0.8;
export const ESCALATION_LEVELS = [
  ['warning', WARNING_RATIO],
  ['breach', 1],
] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number][0];

/**
 * How much earlier than computed a next escalation is read: the due instant is the inverse of the
 * elapsed business time in floating point, and reading a ticket early only costs one more look
 * (the job decides from the clocks themselves), while reading it late would raise a minute late.
 */
export const ESCALATION_LEAD_MS = 1_000;

/** The levels a clock has reached now (its ratio of the target), unless it stopped. */
export function levelsReached(state: ClockState): EscalationLevel[] {
  if (state.metAt !== null) return [];
  return ESCALATION_LEVELS.filter(([, ratio]) => state.ratio >= ratio).map(([level]) => level);
}

/**
 * The earliest instant at which a clock reaches one of `pending` levels, if it runs on from
 * `now` as it stands: null when it is stopped or paused (it then moves only when the ticket
 * changes, which makes the ticket due again), `now` when a level is reached already.
 */
export function nextLevelAt(state: ClockState, pending: readonly EscalationLevel[], time: BusinessTime, now: number): number | null {
  if (state.metAt !== null || state.paused) return null;
  let next: number | null = null;
  for (const [level, ratio] of ESCALATION_LEVELS) {
    if (!pending.includes(level)) continue;
    const remaining = ratio * state.targetMinutes - state.elapsedMinutes;
    const at = remaining <= 0 ? now : time.deadline(now, remaining) - ESCALATION_LEAD_MS;
    next = next === null ? at : Math.min(next, at);
  }
  return next;
}
