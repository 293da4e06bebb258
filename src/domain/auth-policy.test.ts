import { describe, expect, it } from 'vitest';
import { throttleWaitSeconds } from './auth-policy.js';

const now = new Date('2026-11-28T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('login throttling', () => {
  it('lets four failures pass and blocks the fifth until the oldest leaves the 15-minute window', () => {
    expect(throttleWaitSeconds({ byEmail: 4, byAddress: 4, oldestByEmail: minutesAgo(10), oldestByAddress: minutesAgo(10) }, now)).toBe(0);
    expect(throttleWaitSeconds({ byEmail: 5, byAddress: 5, oldestByEmail: minutesAgo(10), oldestByAddress: minutesAgo(10) }, now)).toBe(300);
  });

  it('blocks an address that tries many accounts', () => {
    expect(throttleWaitSeconds({ byEmail: 1, byAddress: 20, oldestByEmail: minutesAgo(1), oldestByAddress: minutesAgo(14) }, now)).toBe(60);
  });
});
