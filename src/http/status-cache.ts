import type { FastifyBaseLogger } from 'fastify';
import type { publicStatus, PlatformStatus } from '../app/monitoring/platform-status.js';
import type { RequestActivity } from './request-activity.js';
import { WRAPPED_STORE } from '../app/monitoring/kept-tails.js';
import { inWriteOrder } from '../app/monitoring/status-day-ports.js';

/** Thrown inside the start's computation when a request has come in: its transaction rolls back, nothing is written. */
export class GaveWay extends Error {
  constructor() {
    super('the status page\'s start computation gave way to a request');
  }
}

type Store = StatusDeps['store'];
type StatusDeps = Parameters<typeof publicStatus>[0];

/** Resolves once the event loop has taken what is waiting (arrived requests, their sockets). */
const eventLoopTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The store, each of whose calls (a read, the kept days' write, a transaction) first lets the
 * event loop answer what is waiting, then asks `giveWay` and throws GaveWay when told to, and once
 * answered lets the event loop turn again before the computation goes on. Calls happen inside the
 * computation's transaction, so giving way rolls it back; the computation stops between two
 * reads, not inside one.
 *
 * The turns are for the visitors who get the answer in hand while the next one is computed:
 * without them a computation on the embedded database, whose statements run on this thread and
 * answer through promises alone, kept the thread from its first read to its last; with a turn
 * only before each call, a statement and the work on its rows stayed one stretch (ADR 0022,
 * 2026-12-06 afternoon). Every store call is asynchronous, so waiting around one changes no result.
 */
function givingWay(store: Store, giveWay: () => boolean): Store {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        if (key === WRAPPED_STORE) return object;
        const value: unknown = Reflect.get(object, key);
        if (typeof value === 'function') {
          return async (...args: unknown[]) => {
            await eventLoopTurn();
            if (giveWay()) throw new GaveWay();
            const answer: unknown = await (value as (...a: unknown[]) => unknown).apply(object, args);
            await eventLoopTurn();
            return answer;
          };
        }
        return value !== null && typeof value === 'object' ? wrap(value) : value;
      },
    });
  return wrap(store);
}

/**
 * How many (monitor, location) pairs one read of the rolled-up segments asks for. On the embedded
 * database a statement runs on this thread and cannot be interrupted: the segments of 2,000 pairs
 * in one statement held it 0.6–1.0 s after a restart, and a page's requests waited behind it (ADR 0026,
 * "2026-12-06, night"). In steps of this size a request waits for one step at most.
 */
export const SEGMENT_PAIRS_PER_READ = 200;

/** The store with one of its parts replaced by `build`'s, each of whose calls goes to the given store's own. */
function withPart<K extends keyof Store>(store: Store, part: K, build: (own: Store[K]) => Store[K]): Store {
  // Built on the first computation's first use, not here: a server only describing its API builds
  // the cache over a store that must not be touched (src/http/openapi-document.ts).
  let built: Store[K] | null = null;
  return new Proxy(store, {
    get(object, key) {
      // Every other key, WRAPPED_STORE included, is the given store's.
      if (key !== part) return Reflect.get(object, key) as unknown;
      return (built ??= build(object[part]));
    },
  });
}

/**
 * `rollups.segmentsMany` reading the pairs in steps of `perRead`, each step a call of the given
 * store's own (through `givingWay`, each turns the event loop and may give way), the answers
 * merged. Each pair's segments still come from one statement read after the lines, so each pair's
 * answer is what the one statement gave it; only different pairs may be read a few statements
 * apart, which the lines read first already allow for (a rewind after them makes what is kept stale,
 * never wrongly fresh).
 */
function steppedRollups(rollups: Store['rollups'], perRead: number): Store['rollups'] {
  return {
    ...rollups,
    segmentsMany: async (tx, pairs, from, to) => {
      if (pairs.length <= perRead) return rollups.segmentsMany(tx, pairs, from, to);
      const merged: Awaited<ReturnType<typeof rollups.segmentsMany>> = new Map();
      for (let start = 0; start < pairs.length; start += perRead) {
        for (const [key, segments] of await rollups.segmentsMany(tx, pairs.slice(start, start + perRead), from, to)) merged.set(key, segments);
      }
      return merged;
    },
  };
}

/**
 * How many kept days one write of the history's first computation sends. 1,800 days (20 services'
 * 90) in one statement held the embedded database's thread 259 ms, and a status visitor given the
 * first look waited behind it (ADR 0029); a step of this size takes ~30 ms.
 */
export const KEPT_DAYS_PER_WRITE = 200;

/**
 * `statusDays.write` writing in steps of `perWrite` days, each step a call of the given store's own
 * (through `givingWay`, each turns the event loop and may give way), in the one order every writer
 * locks rows in. All steps are in the computation's transaction: it commits every day or none.
 */
function steppedWrites(statusDays: Store['statusDays'], perWrite: number): Store['statusDays'] {
  return {
    ...statusDays,
    write: async (tx, days, at) => {
      if (days.length <= perWrite) return statusDays.write(tx, days, at);
      const sorted = [...days].sort(inWriteOrder);
      for (let start = 0; start < sorted.length; start += perWrite) await statusDays.write(tx, sorted.slice(start, start + perWrite), at);
    },
  };
}

/**
 * The store every computation of the cache reads through: the segments read and the kept days
 * written in steps, each step a call that gives way when `mustGiveWay` says so (the start's, until
 * a status visitor takes it over).
 */
export function computationStore(store: Store, mustGiveWay: () => boolean, segmentPairsPerRead = SEGMENT_PAIRS_PER_READ, keptDaysPerWrite = KEPT_DAYS_PER_WRITE): Store {
  const stepped = withPart(givingWay(store, mustGiveWay), 'rollups', (rollups) => steppedRollups(rollups, segmentPairsPerRead));
  return withPart(stepped, 'statusDays', (statusDays) => steppedWrites(statusDays, keptDaysPerWrite));
}

/**
 * How long the server must have had no request in flight before a start computation that gave way
 * begins again. A page's load pauses between its requests while the browser runs what came (the
 * main script's evaluation before the page's chunks and data are asked: 100–300 ms cold); at 100 ms
 * the computation began again in such a pause, and the page's next requests waited for its
 * statement in flight — on the embedded database, the server's only thread (ADR 0026, "2026-12-07").
 * A second outlasts a page's pauses; a status visitor who comes before starts or takes it over.
 */
export const START_QUIET_MS = 1000;

/**
 * How long a starting server waits for its start computation before it listens. A restart's
 * computation, with the days kept, takes 100–250 ms on a cold process (PGlite, this machine); done
 * before the first request, no visitor waits for it and no page's first requests share the thread
 * with it. The history's first computation (a first start, an upgrade: 1–2 s) is not waited for
 * whole: the server listens and the computation goes on, giving way as below (ADR 0022,
 * "2026-12-07, later").
 */
export const START_WAIT_MS = 500;

/** Where the answers are kept for the next server to start (src/app/monitoring/kept-answer.ts). */
export interface KeptAnswers {
  /** The last answer kept, if it may still be given. */
  latest(): Promise<PlatformStatus | null>;
  keep(answer: PlatformStatus): Promise<void>;
}

/**
 * How often a computed answer is kept for the next server to start: a server that crashes leaves
 * one at most this old (plus its downtime), within KEPT_ANSWER_MAX_AGE_MS if it is back within half
 * a minute. Each keeping writes ~200 KB, so not every 15 s answer is kept.
 */
export const KEEP_EVERY_MS = 30_000;

export interface StatusCacheOptions {
  /** How long one answer serves every visitor; 0 computes each request afresh, keeps nothing. */
  ttlMs: number;
  now: () => number;
  store: Store;
  /** `firstLook`, when called, gives an answer to serve while the computation goes on (PlatformStatus.history). */
  compute: (store: Store, firstLook?: (answer: PlatformStatus) => void) => Promise<PlatformStatus>;
  /** The requests the start computation gives way to. */
  requests: RequestActivity;
  log: FastifyBaseLogger;
  kept?: KeptAnswers | undefined;
  /** START_WAIT_MS unless told. */
  startWaitMs?: number;
}

interface Run {
  data: Promise<PlatformStatus>;
  /** Whether it must stop now: a request has come in and it may still give way. */
  mustGiveWay: () => boolean;
  /** Set when a status visitor came while it ran: it gives way no more (the visitor waits for it, or is given its first look meanwhile). */
  takenOver: boolean;
}

/**
 * The public page is read often and changes by the minute: one computation serves everyone for a
 * while. Once that while is over the answer in hand is still given at once while the next one is
 * computed (stale-while-revalidate), so no visitor waits for a computation but the first after the
 * start; `generatedAt` says how old an answer is. A computation that fails is forgotten, and the
 * next visitor waits for a fresh one (and gets its error if that fails too).
 *
 * The first answer is computed as the server gets ready (`start`), so that no visitor waits for it
 * either; the server waits for it up to START_WAIT_MS before it listens. A longer one (the
 * history's first computation) takes the cores for a second or more just when a restarted
 * server's first pages are asked for. So the start computation **gives way**: when a request
 * someone waits on comes in while it runs (not a machine's, src/http/request-activity.ts: agents
 * catching up after the restart), it stops at its next read and rolls back with nothing written,
 * and begins again once the server has had no request in flight for START_QUIET_MS. A status
 * visitor who comes while it runs takes it over: it gives way no more, and the visitor waits for
 * it (ADR 0026, "The start that gives way").
 *
 * Answers are kept in the database for the next server to start: one computed KEEP_EVERY_MS or
 * more after the last kept, and the one in hand when the server stops. A server starts with the
 * last one kept there if it is recent (a restart, a crash, another replica's): given like an answer
 * in hand after its expiry while the start computes its own, or served for the rest of its while if
 * that has not passed (ADR 0022, "The answer kept across a restart" and "2026-12-07, later").
 */
export function statusCache({ ttlMs, now, store, compute, requests, log, kept, startWaitMs = START_WAIT_MS }: StatusCacheOptions) {
  /** The answer in hand; `firstLook` while it is a computation's first look, given until the computation is done. */
  let fresh: { at: number; data: Promise<PlatformStatus>; firstLook?: true } | null = null;
  let computing: Run | null = null;
  /** When the answer last kept (or found kept at the start) was generated. */
  let keptAt = -Infinity;
  // One store for every run, so that what the computation keeps per store (the kept tails of
  // ADR 0022) carries from run to run, the start's included; only the run under way is asked.
  const runStore = computationStore(store, () => computing?.mustGiveWay() ?? false);
  let cancelWait: (() => void) | null = null;
  let closed = false;
  let attempts = 0;
  /** The keeping under way, if any: one at a time, and the server's close waits for it. */
  let keeping: Promise<void> = Promise.resolve();
  const keep = (answer: PlatformStatus): Promise<void> => {
    const at = Date.parse(answer.generatedAt);
    if (!kept || at <= keptAt) return keeping;
    keptAt = at;
    keeping = keeping.then(() => kept.keep(answer)).catch((error: unknown) => log.warn({ err: error }, 'the status page\'s answer could not be kept for the next start'));
    return keeping;
  };
  const refresh = (givesWay: boolean): Run => {
    const at = now();
    const began = performance.now();
    const receivedBefore = requests.received();
    const run = { takenOver: !givesWay } as Run;
    run.mustGiveWay = () => !run.takenOver && requests.received() !== receivedBefore;
    computing = run;
    if (givesWay) log.debug(`the status page's start computation begins (attempt ${++attempts})`);
    // A first look is asked for only while no answer is in hand: an expired one is given meanwhile.
    const firstLook = fresh && !fresh.firstLook ? undefined : (look: PlatformStatus) => {
      if (computing === run && (!fresh || fresh.firstLook)) fresh = { at, data: Promise.resolve(look), firstLook: true };
    };
    run.data = compute(runStore, firstLook);
    run.data.then(
      (answer) => {
        if (computing === run) computing = null;
        fresh = { at, data: run.data };
        if (givesWay) log.debug(`the status page's start computation finished in ${(performance.now() - began).toFixed(0)} ms (attempt ${attempts})`);
        if (at - keptAt >= KEEP_EVERY_MS && !closed) void keep(answer);
      },
      (error: unknown) => {
        if (computing === run) computing = null;
        if (error instanceof GaveWay) {
          // No failure: a kept answer in hand stays.
          log.debug('the status page\'s start computation gave way to a request; it begins again when the server is quiet');
          beginWhenQuiet();
        } else fresh = null;
      },
    );
    return run;
  };
  /** No answer in hand, a first look, or an answer whose while has passed. */
  const expired = () => !fresh || fresh.firstLook === true || now() - fresh.at > ttlMs;
  const beginWhenQuiet = () => {
    if (closed) return;
    cancelWait?.();
    cancelWait = requests.whenQuiet(START_QUIET_MS, () => {
      cancelWait = null;
      if (expired() && !computing && !closed) void refresh(true).data.catch(() => undefined);
    });
  };
  const current = (): Promise<PlatformStatus> => {
    if (ttlMs <= 0) return compute(store);
    if (!fresh) {
      if (!computing) return refresh(false).data;
      const run = computing;
      if (!run.takenOver) log.debug('a status visitor takes over the start computation');
      run.takenOver = true;
      // It may have given way just before (its rollback still under way): then the visitor's own.
      return run.data.catch((error: unknown) => (error instanceof GaveWay ? current() : Promise.reject(error)));
    }
    // A status visitor given the first look takes the computation over too: it gives way no more.
    if (fresh.firstLook && computing && !computing.takenOver) {
      log.debug('a status visitor takes over the start computation, given its first look');
      computing.takenOver = true;
    }
    if (expired() && !computing) void refresh(false).data.catch(() => undefined);
    return fresh.data;
  };
  return {
    current,
    /**
     * The first answer, as the server gets ready: the one kept, if recent, and a computation that
     * gives way to requests (above) unless the kept answer's while has not passed — waited for up
     * to `startWaitMs` before the server listens.
     */
    start: async () => {
      const answer = await kept?.latest().catch((error: unknown) => (log.warn({ err: error }, 'the status page\'s kept answer could not be read'), null));
      if (answer && !fresh) {
        fresh = { at: Date.parse(answer.generatedAt), data: Promise.resolve(answer) };
        keptAt = fresh.at;
      }
      if (!expired()) return;
      const done = refresh(true).data.then(() => undefined, () => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, startWaitMs)))]);
      clearTimeout(timer);
    },
    /** Stops the start's waiting and keeps the answer in hand, unless it is kept already, for the next server to start. */
    close: async () => {
      closed = true;
      cancelWait?.();
      if (fresh && !fresh.firstLook) await keep(await fresh.data);
    },
  };
}
