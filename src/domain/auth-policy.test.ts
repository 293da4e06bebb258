import { describe, expect, it } from 'vitest';
import { throttleWaitSeconds, type AttemptCounts } from './auth-policy.js';

const now = new Date('2026-11-28T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const none = { count: 0, oldest: null };
const counts = (partial: Partial<AttemptCounts>): AttemptCounts => ({ accountAddress: none, account: none, address: none, device: none, ...partial });

describe('sign-in throttling', () => {
  it('lets four failures from one address pass and blocks the fifth until the oldest leaves the 15-minute window', () => {
    expect(throttleWaitSeconds('password', counts({ accountAddress: { count: 4, oldest: minutesAgo(10) } }), false, now)).toBe(0);
    expect(throttleWaitSeconds('password', counts({ accountAddress: { count: 5, oldest: minutesAgo(10) } }), false, now)).toBe(300);
  });

  it('lets an account fail 49 times across addresses and stops the fiftieth', () => {
    expect(throttleWaitSeconds('password', counts({ account: { count: 49, oldest: minutesAgo(3) } }), false, now)).toBe(0);
    expect(throttleWaitSeconds('password', counts({ account: { count: 50, oldest: minutesAgo(3) } }), false, now)).toBe(720);
  });

  it('blocks an address that tries many accounts', () => {
    expect(throttleWaitSeconds('password', counts({ address: { count: 20, oldest: minutesAgo(14) } }), false, now)).toBe(60);
  });

  it('limits a known browser by its own failures only', () => {
    const attacked = counts({ account: { count: 80, oldest: minutesAgo(1) }, address: { count: 30, oldest: minutesAgo(1) }, device: { count: 4, oldest: minutesAgo(2) } });
    expect(throttleWaitSeconds('password', attacked, true, now)).toBe(0);
    expect(throttleWaitSeconds('password', attacked, false, now)).toBe(840);
    expect(throttleWaitSeconds('password', { ...attacked, device: { count: 5, oldest: minutesAgo(2) } }, true, now)).toBe(780);
  });

  it('allows second-factor codes fewer account-wide failures than passwords', () => {
    expect(throttleWaitSeconds('second_factor', counts({ account: { count: 10, oldest: minutesAgo(5) } }), false, now)).toBe(600);
    expect(throttleWaitSeconds('password', counts({ account: { count: 10, oldest: minutesAgo(5) } }), false, now)).toBe(0);
  });
});
