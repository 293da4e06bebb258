import { describe, expect, it } from 'vitest';
import { levelsReached, nextLevelAt } from './escalation.js';
import type { BusinessTime, ClockState } from './sla.js';

const MIN = 60_000;
// Every minute counts: the instants are easy to check by hand.
const wall: BusinessTime = { durationMs: (a, b) => b - a, deadline: (s, m) => s + m * MIN };
const now = Date.parse('2026-11-24T08:00:00Z');
const clock = (elapsedMinutes: number, more: Partial<ClockState> = {}): ClockState => ({
  targetMinutes: 60, elapsedMinutes, dueAt: now + (60 - elapsedMinutes) * MIN, paused: false, metAt: null, breached: elapsedMinutes > 60, ratio: elapsedMinutes / 60, ...more,
});

describe('the next escalation of a clock', () => {
  it('is due when the clock reaches 48 of 60 minutes for the warning and 60 for the breach, a second early', () => {
    expect(nextLevelAt(clock(30), ['warning', 'breach'], wall, now)).toBe(now + 18 * MIN - 1_000);
    expect(nextLevelAt(clock(30), ['breach'], wall, now)).toBe(now + 30 * MIN - 1_000);
    expect(nextLevelAt(clock(30), [], wall, now)).toBeNull();
  });

  it('is due now for a level already reached, and never while paused or stopped', () => {
    expect(nextLevelAt(clock(48), ['warning'], wall, now)).toBe(now);
    expect(nextLevelAt(clock(30, { paused: true }), ['warning', 'breach'], wall, now)).toBeNull();
    expect(nextLevelAt(clock(30, { metAt: now - MIN }), ['warning', 'breach'], wall, now)).toBeNull();
  });

  it('names the levels reached at 80 % and 100 %, none once the clock stopped', () => {
    expect(levelsReached(clock(47.9))).toEqual([]);
    expect(levelsReached(clock(48))).toEqual(['warning']);
    expect(levelsReached(clock(60))).toEqual(['warning', 'breach']);
    expect(levelsReached(clock(70, { metAt: now }))).toEqual([]);
  });
});
