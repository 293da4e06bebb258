import { describe, expect, it } from 'vitest';
import { BusinessClock } from '../calendar/business-clock.js';
import { DayResolver, latvianCalendar } from '../calendar/calendar.js';
import { canMove } from './ticket.js';
import { reactionClock, resolutionClock, runningIntervals, type BusinessTime } from './sla.js';

const MIN = 60_000;
// Wall time as business time, so expectations are plain arithmetic.
const wall: BusinessTime = { durationMs: (a, b) => b - a, deadline: (s, m) => s + m * MIN };
const t0 = Date.parse('2026-11-24T08:00:00Z');
const m = (minutes: number) => t0 + minutes * MIN;

describe('desk SLA clocks (24×7 time, by hand)', () => {
  it('runs from creation and gives the due instant', () => {
    const timeline = { priority: 'P1' as const, createdAt: m(0), changes: [], firstStaffReplyAt: null };
    const state = reactionClock(timeline, wall, 60, m(20));
    expect(state).toMatchObject({ targetMinutes: 60, elapsedMinutes: 20, dueAt: m(60), paused: false, metAt: null, breached: false });
  });

  it('stops the reaction clock at the first public staff reply', () => {
    const timeline = { priority: 'P2' as const, createdAt: m(0), changes: [{ at: m(10), to: 'in_progress' as const }], firstStaffReplyAt: m(45) };
    const state = reactionClock(timeline, wall, 120, m(500));
    expect(state).toMatchObject({ elapsedMinutes: 45, metAt: m(45), breached: false });
  });

  it('pauses while waiting for the customer and moves the due instant by the pause', () => {
    const timeline = {
      priority: 'P3' as const,
      createdAt: m(0),
      changes: [
        { at: m(30), to: 'waiting_for_customer' as const },
        { at: m(130), to: 'in_progress' as const },
      ],
      firstStaffReplyAt: m(30),
    };
    expect(runningIntervals(timeline, m(200))).toEqual([[m(0), m(30)], [m(130), m(200)]]);
    const during = resolutionClock(timeline, wall, 240, m(100));
    expect(during).toMatchObject({ elapsedMinutes: 30, paused: true, dueAt: m(100 + 210) });
    const after = resolutionClock(timeline, wall, 240, m(200));
    expect(after).toMatchObject({ elapsedMinutes: 100, paused: false, dueAt: m(340) });
  });

  it('breaches when the clock passes its target, and says when it was due', () => {
    const timeline = { priority: 'P1' as const, createdAt: m(0), changes: [], firstStaffReplyAt: m(75) };
    expect(reactionClock(timeline, wall, 60, m(80))).toMatchObject({ elapsedMinutes: 75, breached: true, dueAt: m(60) });
    expect(reactionClock({ ...timeline, firstStaffReplyAt: m(60) }, wall, 60, m(80)).breached).toBe(false);
  });

  it('stops resolution at resolved and runs again after a reopen', () => {
    const resolved = { at: m(100), to: 'resolved' as const };
    const timeline = { priority: 'P2' as const, createdAt: m(0), changes: [resolved], firstStaffReplyAt: m(5) };
    expect(resolutionClock(timeline, wall, 960, m(400))).toMatchObject({ elapsedMinutes: 100, metAt: m(100) });
    const reopened = { ...timeline, changes: [resolved, { at: m(300), to: 'in_progress' as const }] };
    // 100 minutes before the resolution, none while resolved, 100 since the reopen.
    expect(resolutionClock(reopened, wall, 960, m(400))).toMatchObject({ elapsedMinutes: 200, metAt: null });
    const closed = { ...timeline, changes: [resolved, { at: m(200), to: 'closed' as const }] };
    expect(resolutionClock(closed, wall, 960, m(400)).metAt).toBe(m(100));
  });
});

describe('desk SLA clocks in the lv calendar', () => {
  const lv = new BusinessClock(new DayResolver(latvianCalendar()));

  it('a P1 raised on Friday evening before a holiday is due on the next working morning', () => {
    // Fri 1 May 2026 is a holiday and Mon 4 May too; raised Thu 30 Apr 15:30 Riga (12:30Z), the day ends 16:00.
    const timeline = { priority: 'P1' as const, createdAt: Date.parse('2026-04-30T12:30:00Z'), changes: [], firstStaffReplyAt: null };
    const state = reactionClock(timeline, lv, 60, Date.parse('2026-05-02T12:00:00Z'));
    expect(state.elapsedMinutes).toBe(30);
    expect(new Date(state.dueAt).toISOString()).toBe('2026-05-05T06:00:00.000Z'); // Tue 5 May 09:00 Riga
  });
});

describe('ticket workflow', () => {
  it('lets staff work the ticket and customers only answer, reopen or close', () => {
    expect(canMove('new', 'in_progress', true)).toBe(true);
    expect(canMove('resolved', 'in_progress', false)).toBe(true);
    expect(canMove('resolved', 'closed', false)).toBe(true);
    expect(canMove('new', 'resolved', false)).toBe(false);
    expect(canMove('closed', 'resolved', true)).toBe(false);
  });
});
