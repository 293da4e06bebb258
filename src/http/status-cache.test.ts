import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { PlatformStatus } from '../app/monitoring/platform-status.js';
import type { RequestActivity } from './request-activity.js';
import { statusCache } from './status-cache.js';

const noRequests: RequestActivity = { received: () => 0, whenQuiet: () => () => undefined };
const silent = { debug: () => undefined } as unknown as FastifyBaseLogger;
const answerAt = (at: number): PlatformStatus => ({ generatedAt: new Date(at).toISOString(), history: 'complete', overall: 'unknown', services: [], incidents: [], maintenance: [] });

/** The cache's first answer other than `given`, asked every 5 ms (for a quarter of a second at most). */
async function answerAfter(cache: { current(): Promise<PlatformStatus> }, given: PlatformStatus): Promise<PlatformStatus> {
  let next = await cache.current();
  for (let i = 0; i < 50 && next.generatedAt === given.generatedAt; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    next = await cache.current();
  }
  return next;
}

/** A store of reads, recording them in `events`; a request arrives while each runs (an embedded database's statement runs on the thread). */
function recordingStore(events: string[]) {
  return {
    monitors: {
      list: async (name: string) => {
        events.push(`read ${name}`);
        setImmediate(() => events.push(`a request arrived during read ${name}`));
      },
    },
  };
}
type Reads = ReturnType<typeof recordingStore>;

describe('statusCache', () => {
  it('lets what waits on the event loop (visitors of the answer in hand) go first before each read of a computation, and after it', async () => {
    const events: string[] = [];
    const store = recordingStore(events);
    let now = 0;
    const compute = async (given: unknown) => {
      const reads = given as Reads;
      // What arrived while the computation runs: a request is taken by the event loop, not by a promise.
      setImmediate(() => events.push('a waiting request'));
      await reads.monitors.list('first');
      events.push('first answered');
      setImmediate(() => events.push('another waiting request'));
      await reads.monitors.list('second');
      return answerAt(now);
    };
    const cache = statusCache({ ttlMs: 15_000, now: () => now, store: store as never, compute, requests: noRequests, log: silent });
    expect((await cache.current()).generatedAt).toBe(answerAt(0).generatedAt);
    const turns = ['a waiting request', 'read first', 'a request arrived during read first', 'first answered', 'another waiting request', 'read second', 'a request arrived during read second'];
    expect(events).toEqual(turns);
    // After an expiry the answer in hand is given at once, and the next computation turns the same way.
    events.length = 0;
    now = 16_000;
    expect((await cache.current()).generatedAt).toBe(answerAt(0).generatedAt);
    expect((await answerAfter(cache, answerAt(0))).generatedAt).toBe(answerAt(16_000).generatedAt);
    expect(events).toEqual(turns);
  });

  it('begins a start computation that gave way again only after a quiet longer than a cold page\'s pauses between its requests', async () => {
    // A request comes in while the start's computation reads; it gives way, and asks to be called back once the server is quiet.
    let received = 0;
    const quietAsked: number[] = [];
    const requests: RequestActivity = { received: () => received, whenQuiet: (quietMs) => (quietAsked.push(quietMs), () => undefined) };
    const store = { monitors: { list: async () => void (received += 1) } };
    const compute = async (given: unknown) => {
      await (given as typeof store).monitors.list();
      await (given as typeof store).monitors.list();
      return answerAt(0);
    };
    const cache = statusCache({ ttlMs: 15_000, now: () => 0, store: store as never, compute, requests, log: silent });
    cache.start();
    for (let i = 0; i < 50 && quietAsked.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    // The longest pause measured in a cold visit's waterfall, between the main script's arrival and
    // the page's chunks and data, was ~300 ms (ADR 0026): a computation begun in it held them up.
    expect(quietAsked).toHaveLength(1);
    expect(quietAsked[0]).toBeGreaterThan(300);
    cache.close();
  });

  it('waits at its start for its computation, up to a bound, before the server listens', async () => {
    // A computation done within the bound: the start returns with the answer in hand, computed once.
    let computed = 0;
    const quick = statusCache({ ttlMs: 15_000, now: () => 0, store: {} as never, compute: async () => (computed++, await new Promise((resolve) => setTimeout(resolve, 30)), answerAt(0)), requests: noRequests, log: silent, startWaitMs: 5_000 });
    const began = performance.now();
    await quick.start();
    expect(performance.now() - began).toBeLessThan(2_000);
    expect(await Promise.race([quick.current(), new Promise((resolve) => setImmediate(() => resolve('waited')))])).toEqual(answerAt(0));
    expect(computed).toBe(1);
    await quick.close();
    // One longer than the bound: the start returns at the bound, the computation goes on.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const slow = statusCache({ ttlMs: 15_000, now: () => 0, store: {} as never, compute: async () => (await released, answerAt(0)), requests: noRequests, log: silent, startWaitMs: 50 });
    const started = performance.now();
    await slow.start();
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    const answer = slow.current();
    release();
    expect(await answer).toEqual(answerAt(0));
    await slow.close();
  });

  it('starts with a kept answer still within its while without computing, and computes once it has passed', async () => {
    let computed = 0;
    let now = 10_000;
    const kept = { latest: async () => answerAt(0), keep: async () => undefined };
    const cache = statusCache({ ttlMs: 15_000, now: () => now, store: {} as never, compute: async () => (computed++, answerAt(now)), requests: noRequests, log: silent, kept });
    await cache.start();
    // Another replica's answer of 10 s ago serves its remaining 5 s here too.
    expect((await cache.current()).generatedAt).toBe(answerAt(0).generatedAt);
    expect(computed).toBe(0);
    now = 16_000;
    expect((await cache.current()).generatedAt).toBe(answerAt(0).generatedAt);
    expect((await answerAfter(cache, answerAt(0))).generatedAt).toBe(answerAt(16_000).generatedAt);
    expect(computed).toBe(1);
    cache.close();
  });

  it('keeps an answer computed half a minute or more after the last kept, and the one in hand when it closes', async () => {
    const keptAnswers: string[] = [];
    const kept = { latest: async () => null, keep: async (answer: PlatformStatus) => void keptAnswers.push(answer.generatedAt) };
    let now = 0;
    const cache = statusCache({ ttlMs: 15_000, now: () => now, store: {} as never, compute: async () => answerAt(now), requests: noRequests, log: silent, kept });
    await cache.start();
    let given = await cache.current();
    // Each answer's while passed: the next visitor gets the one in hand, the one after the new.
    for (const at of [16_000, 32_000, 48_000]) {
      now = at;
      given = await answerAfter(cache, given);
      expect(given.generatedAt).toBe(answerAt(at).generatedAt);
    }
    // The first answer is kept at once (a crash after it leaves it), then one 30 s or more after it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(keptAnswers).toEqual([answerAt(0), answerAt(32_000)].map((a) => a.generatedAt));
    await cache.close();
    expect(keptAnswers).toEqual([answerAt(0), answerAt(32_000), answerAt(48_000)].map((a) => a.generatedAt));
    // Closing again keeps nothing more: the answer in hand is kept already.
    await cache.close();
    expect(keptAnswers).toHaveLength(3);
  });

  it('does not keep again the kept answer it started with', async () => {
    const keptAnswers: PlatformStatus[] = [];
    const kept = { latest: async () => answerAt(0), keep: async (answer: PlatformStatus) => void keptAnswers.push(answer) };
    const cache = statusCache({ ttlMs: 15_000, now: () => 5_000, store: {} as never, compute: async () => answerAt(5_000), requests: noRequests, log: silent, kept });
    await cache.start();
    expect((await cache.current()).generatedAt).toBe(answerAt(0).generatedAt);
    await cache.close();
    expect(keptAnswers).toEqual([]);
  });

  it('gives a computation\'s first look at once while it goes on, never keeps it, and stops the computation giving way for it', async () => {
    const keptAnswers: PlatformStatus[] = [];
    const kept = { latest: async () => null, keep: async (answer: PlatformStatus) => void keptAnswers.push(answer) };
    let received = 0;
    const requests: RequestActivity = { received: () => received, whenQuiet: () => () => undefined };
    const look: PlatformStatus = { ...answerAt(0), history: 'computing' };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const store = { monitors: { list: async () => undefined } };
    let computed = 0;
    const compute = async (given: unknown, firstLook?: (answer: PlatformStatus) => void) => {
      computed++;
      firstLook?.(look);
      await released;
      // A request has come in meanwhile (the visitor's): a computation that still gave way would stop at this read.
      await (given as typeof store).monitors.list();
      return answerAt(0);
    };
    const cache = statusCache({ ttlMs: 15_000, now: () => 0, store: store as never, compute, requests, log: silent, kept, startWaitMs: 20 });
    await cache.start();
    received++;
    // Given before the next turn of the event loop: nobody waits for the history.
    expect(await Promise.race([cache.current(), new Promise((resolve) => setImmediate(() => resolve('waited')))])).toBe(look);
    expect(await cache.current()).toBe(look);
    release();
    let next = await cache.current();
    for (let i = 0; i < 50 && next === look; i++) next = await new Promise((resolve) => setTimeout(resolve, 5)).then(() => cache.current());
    expect(next).toEqual(answerAt(0));
    expect(computed).toBe(1);
    await cache.close();
    expect(keptAnswers.map((a) => a.history)).toEqual(['complete']);
  });

  it('computes again for a status visitor when the start computation gave way after its first look', async () => {
    let received = 0;
    const requests: RequestActivity = { received: () => received, whenQuiet: () => () => undefined };
    const store = { monitors: { list: async () => undefined } };
    const look: PlatformStatus = { ...answerAt(0), history: 'computing' };
    let computed = 0;
    const compute = async (given: unknown, firstLook?: (answer: PlatformStatus) => void) => {
      computed++;
      firstLook?.(look);
      // The start's: another page's request comes in now, and it gives way at its next read.
      if (computed === 1) received++;
      await (given as typeof store).monitors.list();
      return answerAt(0);
    };
    // Never quiet: only a status visitor begins it again.
    const cache = statusCache({ ttlMs: 15_000, now: () => 0, store: store as never, compute, requests, log: silent, startWaitMs: 1_000 });
    await cache.start();
    expect(await cache.current()).toBe(look);
    let next = await cache.current();
    for (let i = 0; i < 50 && next === look; i++) next = await new Promise((resolve) => setTimeout(resolve, 5)).then(() => cache.current());
    expect(next).toEqual(answerAt(0));
    expect(computed).toBe(2);
    await cache.close();
  });

  it('keeps nothing at its close while it has only a first look in hand', async () => {
    const keptAnswers: PlatformStatus[] = [];
    const kept = { latest: async () => null, keep: async (answer: PlatformStatus) => void keptAnswers.push(answer) };
    const compute = (_given: unknown, firstLook?: (answer: PlatformStatus) => void) => {
      firstLook?.({ ...answerAt(0), history: 'computing' });
      return new Promise<PlatformStatus>(() => undefined);
    };
    const cache = statusCache({ ttlMs: 15_000, now: () => 0, store: {} as never, compute, requests: noRequests, log: silent, kept, startWaitMs: 20 });
    await cache.start();
    expect((await cache.current()).history).toBe('computing');
    await cache.close();
    expect(keptAnswers).toEqual([]);
  });

  it('gives an uncached computation (no while to serve) the store as it is', async () => {
    const store = recordingStore([]);
    let given: unknown;
    const cache = statusCache({ ttlMs: 0, now: () => 0, store: store as never, compute: async (s) => ((given = s), answerAt(0)), requests: noRequests, log: silent });
    await cache.current();
    expect(given).toBe(store);
  });
});
