import type { TicketStatus, TicketTimeline } from './ticket.js';

/**
 * Desk SLA clocks. Both run in the agreement's business calendar from creation and pause
 * while the ticket waits for the customer. Reaction stops at the first public reply by
 * agency staff; resolution stops when the ticket is resolved, and runs again if reopened.
 */
export interface BusinessTime {
  durationMs(a: number, b: number): number;
  deadline(start: number, minutes: number): number;
}

export interface ClockState {
  targetMinutes: number;
  elapsedMinutes: number;
  /** When the target is (or was, or would be if resumed now) reached. */
  dueAt: number;
  paused: boolean;
  /** When the clock stopped for good: the reply or the resolution; null while open. */
  metAt: number | null;
  breached: boolean;
  /** Share of the target used, 0–∞. */
  ratio: number;
}

/** While a ticket stands in these, its clocks run (waiting for the customer pauses them; resolved stops them). */
export function clocksRunIn(status: TicketStatus): boolean {
  return status !== 'waiting_for_customer' && status !== 'resolved' && status !== 'closed';
}

/**
 * The intervals during which a clock runs: from creation until `stopAt`, minus the time the
 * ticket waited for the customer or stood resolved (a reopened ticket's clock continues).
 */
export function runningIntervals(timeline: TicketTimeline, stopAt: number): [number, number][] {
  const intervals: [number, number][] = [];
  let status: TicketStatus = 'new';
  let since = timeline.createdAt;
  const running = clocksRunIn;
  for (const change of timeline.changes) {
    const at = Math.min(change.at, stopAt);
    if (running(status) && at > since) intervals.push([since, at]);
    if (change.at >= stopAt) return intervals;
    status = change.to;
    since = change.at;
  }
  if (running(status) && stopAt > since) intervals.push([since, stopAt]);
  return intervals;
}

function statusAt(timeline: TicketTimeline, at: number): TicketStatus {
  let status: TicketStatus = 'new';
  for (const c of timeline.changes) if (c.at <= at) status = c.to;
  return status;
}

function clock(timeline: TicketTimeline, time: BusinessTime, targetMinutes: number, stopAt: number | null, now: number): ClockState {
  const end = stopAt ?? now;
  const intervals = runningIntervals(timeline, end);
  const elapsedMs = intervals.reduce((sum, [a, b]) => sum + time.durationMs(a, b), 0);
  const elapsedMinutes = elapsedMs / 60_000;
  const paused = stopAt === null && statusAt(timeline, now) === 'waiting_for_customer';
  const remaining = targetMinutes - elapsedMinutes;
  // The due instant: the remaining minutes counted on from now (or from where the clock stopped).
  const dueAt = remaining >= 0 ? time.deadline(end, remaining) : dueBefore(intervals, time, targetMinutes);
  return {
    targetMinutes,
    elapsedMinutes,
    dueAt,
    paused,
    metAt: stopAt,
    breached: elapsedMinutes > targetMinutes,
    ratio: targetMinutes > 0 ? elapsedMinutes / targetMinutes : 0,
  };
}

/** For a clock already past its target: the instant within its running intervals when it got there. */
function dueBefore(intervals: [number, number][], time: BusinessTime, targetMinutes: number): number {
  let left = targetMinutes * 60_000;
  for (const [a, b] of intervals) {
    const here = time.durationMs(a, b);
    if (here >= left) return time.deadline(a, left / 60_000);
    left -= here;
  }
  return intervals[intervals.length - 1]?.[1] ?? 0;
}

/** The last time the ticket became resolved, unless it was reopened after. */
export function resolvedAt(timeline: TicketTimeline): number | null {
  let at: number | null = null;
  for (const c of timeline.changes) {
    if (c.to === 'resolved') at = at ?? c.at;
    else if (c.to !== 'closed') at = null;
  }
  return at;
}

export function reactionClock(timeline: TicketTimeline, time: BusinessTime, targetMinutes: number, now: number): ClockState {
  return clock(timeline, time, targetMinutes, timeline.firstStaffReplyAt, now);
}

export function resolutionClock(timeline: TicketTimeline, time: BusinessTime, targetMinutes: number, now: number): ClockState {
  return clock(timeline, time, targetMinutes, resolvedAt(timeline), now);
}
