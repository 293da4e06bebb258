import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { nextSlot, phaseOf, ProbeScheduler } from './scheduler.js';

describe('probe slots', () => {
  it('puts every slot on the monitor’s phase, at or after the moment asked, less than one interval later', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 10, max: 3600 }), fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), (id, seconds, from) => {
        const interval = seconds * 1000;
        const slot = nextSlot(id, interval, from);
        expect(slot).toBeGreaterThanOrEqual(from);
        expect(slot - from).toBeLessThan(interval);
        expect((((slot - phaseOf(id, interval)) % interval) + interval) % interval).toBe(0);
      }),
    );
  });

  it('gives the same slots to every process, so replicas write the same result keys', () => {
    const id = '5f8a1c2e-0000-4000-8000-000000000001';
    expect(nextSlot(id, 60_000, Date.parse('2026-11-28T10:00:00Z'))).toBe(nextSlot(id, 60_000, Date.parse('2026-11-28T10:00:00Z')));
  });

  it('spreads a thousand monitors evenly over the minute: no second gets more than twice its share', () => {
    const perSecond = new Array<number>(60).fill(0);
    for (let i = 0; i < 1000; i++) perSecond[Math.floor(phaseOf(`monitor-${i}-${(i * 7919) % 1000}`, 60_000) / 1000)]!++;
    // 1000 / 60 ≈ 16.7 per second.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(34);
    expect(Math.min(...perSecond)).toBeGreaterThan(0);
  });
});

describe('a replica that may no longer probe a monitor', () => {
  it('skips the slot when asked just before the check, and probes again once allowed', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-05T10:00:00Z') });
    try {
      const checked: number[] = [];
      let allowed = false;
      const scheduler = new ProbeScheduler({
        check: async () => {
          checked.push(Date.now());
          return { ok: true, latencyMs: 1, error: null, warning: null };
        },
        deliver: async () => {},
        mayRun: () => allowed,
      });
      scheduler.assign([{ id: 'monitor-1', type: 'http', target: 'http://127.0.0.1/', config: {}, timeoutMs: 1000, intervalSeconds: 10 }]);
      scheduler.start();
      await vi.advanceTimersByTimeAsync(30_000);
      expect(checked).toEqual([]);
      allowed = true;
      await vi.advanceTimersByTimeAsync(30_000);
      expect(checked).toHaveLength(3);
      await scheduler.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
