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

  it('puts phases on whole seconds, so the checks of a second start together', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 10, max: 86_400 }), (id, seconds) => {
        const phase = phaseOf(id, seconds * 1000);
        expect(phase % 1000).toBe(0);
        expect(phase).toBeGreaterThanOrEqual(0);
        expect(phase).toBeLessThan(seconds * 1000);
      }),
    );
  });

  it('spreads a thousand monitors evenly over the minute: no second gets more than twice its share', () => {
    const perSecond = new Array<number>(60).fill(0);
    for (let i = 0; i < 1000; i++) perSecond[Math.floor(phaseOf(`monitor-${i}-${(i * 7919) % 1000}`, 60_000) / 1000)]!++;
    // 1000 / 60 ≈ 16.7 per second.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(34);
    expect(Math.min(...perSecond)).toBeGreaterThan(0);
  });
});

describe('the scheduler’s timers', () => {
  it('wakes once per second that has checks due, not once per monitor', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-12-05T10:00:00.123Z') });
    try {
      const started = new Map<number, number>();
      const scheduler = new ProbeScheduler({
        check: async () => {
          started.set(Date.now(), (started.get(Date.now()) ?? 0) + 1);
          return { ok: true, latencyMs: 1, error: null, warning: null };
        },
        deliver: async () => {},
      });
      const monitors = Array.from({ length: 300 }, (_, i) => ({ id: `monitor-${i}`, type: 'http' as const, target: 'http://127.0.0.1/', config: {}, timeoutMs: 1000, intervalSeconds: 60 }));
      scheduler.assign(monitors);
      scheduler.start();
      // 300 monitors on at most 60 phases: one timer per booked second, and the flush's interval.
      expect(vi.getTimerCount()).toBeLessThanOrEqual(61);
      await vi.advanceTimersByTimeAsync(60_000);
      expect([...started.values()].reduce((a, b) => a + b, 0)).toBe(300);
      expect(started.size).toBeLessThanOrEqual(60);
      for (const at of started.keys()) expect(at % 1000).toBe(0);
      // A monitor taken away takes its booking with it; the rest still run once a minute.
      scheduler.assign(monitors.slice(1));
      started.clear();
      await vi.advanceTimersByTimeAsync(60_000);
      expect([...started.values()].reduce((a, b) => a + b, 0)).toBe(299);
      await scheduler.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
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

describe('the batch of results a scheduler delivers', () => {
  const monitor = (n: number) => ({ id: `monitor-${n}`, type: 'http' as const, target: 'http://127.0.0.1/', config: {}, timeoutMs: 1000, intervalSeconds: 10 });
  const outcome = (ok: boolean) => ({ ok, latencyMs: ok ? 1 : null, error: ok ? null : 'connection refused', warning: null });

  /** A scheduler of always-passing checks whose first delivery waits until `release()`; `sizes` are the deliveries' sizes. */
  function slowFirstDelivery(options: { flushMs: number; maxBatch?: number }) {
    const sizes: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const scheduler = new ProbeScheduler({
      check: async () => outcome(true),
      deliver: async (b) => {
        sizes.push(b.length);
        if (sizes.length === 1) await gate;
      },
      ...options,
    });
    return { scheduler, sizes, release };
  }

  async function withClock(run: () => Promise<void>): Promise<void> {
    vi.useFakeTimers({ now: Date.parse('2026-12-05T10:00:00Z') });
    try {
      await run();
    } finally {
      vi.useRealTimers();
    }
  }

  it('holds results that change nothing until the batch is due, then delivers them together', () =>
    withClock(async () => {
      const delivered: string[][] = [];
      const scheduler = new ProbeScheduler({ check: async () => outcome(true), deliver: async (b) => void delivered.push(b.map((r) => r.monitorId)), flushMs: 60_000 });
      scheduler.assign([monitor(1), monitor(2)]);
      scheduler.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(delivered).toEqual([]);
      await vi.advanceTimersByTimeAsync(50_000);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]!.filter((id) => id === 'monitor-1')).toHaveLength(6);
      expect(delivered[0]!.filter((id) => id === 'monitor-2')).toHaveLength(6);
      await scheduler.stop();
    }));

  it('delivers a failure, and the recovery after it, as soon as it is known, not when the batch is due', () =>
    withClock(async () => {
      const delivered: { monitorId: string; ok: boolean }[][] = [];
      let up = true;
      const scheduler = new ProbeScheduler({ check: async () => outcome(up), deliver: async (b) => void delivered.push(b.map((r) => ({ monitorId: r.monitorId, ok: r.ok }))), flushMs: 60_000 });
      scheduler.assign([monitor(1)]);
      scheduler.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(delivered).toEqual([]);
      up = false;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(delivered).toEqual([[{ monitorId: 'monitor-1', ok: true }, { monitorId: 'monitor-1', ok: false }]]);
      // Further failures change nothing: they wait for the batch.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(delivered).toHaveLength(1);
      up = true;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(delivered).toEqual([
        [{ monitorId: 'monitor-1', ok: true }, { monitorId: 'monitor-1', ok: false }],
        [{ monitorId: 'monitor-1', ok: false }, { monitorId: 'monitor-1', ok: true }],
      ]);
      await scheduler.stop();
    }));

  it('delivers a first result that fails at once: the stored state may have been up', () =>
    withClock(async () => {
      const delivered: boolean[][] = [];
      const scheduler = new ProbeScheduler({ check: async () => outcome(false), deliver: async (b) => void delivered.push(b.map((r) => r.ok)), flushMs: 60_000 });
      scheduler.assign([monitor(1)]);
      scheduler.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(delivered).toEqual([[false]]);
      await scheduler.stop();
    }));

  it('delivers a full batch without waiting, and never more than the batch size in one delivery', () =>
    withClock(async () => {
      // The first delivery is slow (a busy database): results gather behind it meanwhile.
      const { scheduler, sizes, release } = slowFirstDelivery({ flushMs: 60_000, maxBatch: 3 });
      scheduler.assign([1, 2, 3, 4, 5, 6, 7].map(monitor));
      scheduler.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(sizes).toEqual([3]);
      release();
      await vi.advanceTimersByTimeAsync(0);
      expect(sizes).toEqual([3, 3, 1]);
      await scheduler.stop();
      expect(sizes).toEqual([3, 3, 1]);
    }));

  it('leaves results that arrive during a delivery to the next batch, rather than sending a small one after it', () =>
    withClock(async () => {
      const { scheduler, sizes, release } = slowFirstDelivery({ flushMs: 30_000 });
      scheduler.assign([monitor(1), monitor(2)]);
      scheduler.start();
      await vi.advanceTimersByTimeAsync(30_000);
      expect(sizes).toEqual([6]);
      // The database is slow: two more checks finish while the batch is being stored.
      await vi.advanceTimersByTimeAsync(10_000);
      release();
      await vi.advanceTimersByTimeAsync(0);
      expect(sizes).toEqual([6]);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(sizes).toEqual([6, 6]);
      await scheduler.stop();
    }));

  it('on stop, waits for the checks under way and delivers everything gathered', () =>
    withClock(async () => {
      const delivered: string[] = [];
      let finish!: () => void;
      const scheduler = new ProbeScheduler({
        check: () => new Promise((resolve) => (finish = () => resolve(outcome(true)))),
        deliver: async (b) => void delivered.push(...b.map((r) => r.monitorId)),
        flushMs: 60_000,
      });
      scheduler.assign([monitor(1)]);
      scheduler.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(finish).toBeTypeOf('function');
      const stopped = scheduler.stop();
      await vi.advanceTimersByTimeAsync(100);
      expect(delivered).toEqual([]);
      finish();
      await stopped;
      expect(delivered).toEqual(['monitor-1']);
    }));
});
