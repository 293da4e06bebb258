import { describe, expect, it } from 'vitest';
import { startWorker } from './worker.js';

const quiet = { info() {}, error() {} };

/** A store that records the periodic enqueues and fails them while told to. */
function recordingStore() {
  const enqueued: string[] = [];
  const state = { failing: false, transactions: 0 };
  const store = {
    async run<T>(_scope: unknown, fn: (tx: unknown) => Promise<T>): Promise<T> {
      state.transactions++;
      return fn({});
    },
    jobs: {
      async enqueue(_tx: unknown, _kind: string, _payload: unknown, _runAt: Date, dedupeKey: string) {
        if (state.failing) throw new Error('connection lost');
        enqueued.push(dedupeKey);
      },
      async claim() {
        return [];
      },
    },
  };
  return { store, enqueued, state };
}

describe('the job worker', () => {
  it('enqueues each periodic kind once per period, not at every poll', async () => {
    const { store, enqueued, state } = recordingStore();
    let now = Date.parse('2026-12-06T10:00:00Z');
    const worker = startWorker({ deps: { store, clock: { now: () => new Date(now) } } as never, handlers: {}, periodic: [{ kind: 'minutely', everySeconds: 60 }, { kind: 'hourly', everySeconds: 3600 }], pollMs: 3_600_000, log: quiet });
    try {
      await worker.tick();
      expect(enqueued).toEqual([`minutely:${now / 60_000}`, `hourly:${now / 3_600_000}`]);
      // Eleven more polls in the same minute: nothing to enqueue, not even a transaction for it.
      const before = state.transactions;
      for (let i = 0; i < 11; i++) {
        now += 5_000;
        await worker.tick();
      }
      expect(enqueued).toHaveLength(2);
      expect(state.transactions - before).toBe(11); // each poll's claim only
      now += 5_000; // 10:01:00, a new minute
      await worker.tick();
      expect(enqueued.slice(2)).toEqual([`minutely:${now / 60_000}`]);
    } finally {
      await worker.stop();
    }
  });

  it('enqueues a period again at the next poll when enqueueing it failed', async () => {
    const { store, enqueued, state } = recordingStore();
    const now = Date.parse('2026-12-06T10:00:00Z');
    const worker = startWorker({ deps: { store, clock: { now: () => new Date(now) } } as never, handlers: {}, periodic: [{ kind: 'minutely', everySeconds: 60 }], pollMs: 3_600_000, log: quiet });
    try {
      state.failing = true;
      await expect(worker.tick()).rejects.toThrow('connection lost');
      state.failing = false;
      await worker.tick();
      expect(enqueued).toEqual([`minutely:${now / 60_000}`]);
    } finally {
      await worker.stop();
    }
  });
});
