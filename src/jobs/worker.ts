import { hostname } from 'node:os';
import type { Deps } from '../app/ports.js';
import { KopaError } from '../domain/errors.js';
import { SYSTEM } from '../app/shared/transaction.js';

export type JobHandler = (payload: unknown) => Promise<void>;

export interface PeriodicJob {
  kind: string;
  everySeconds: number;
}

export interface WorkerOptions {
  deps: Pick<Deps, 'store' | 'clock'>;
  handlers: Record<string, JobHandler>;
  periodic: PeriodicJob[];
  pollMs?: number;
  /** Runs after each poll's jobs (the outbox sender); told when the worker is stopping. */
  afterJobs?: (stopping: () => boolean) => Promise<void>;
  log: { info(obj: object, msg: string): void; warn?(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

const databaseIsDown = (error: unknown) => error instanceof KopaError && error.code === 'database_unavailable';

/**
 * Polls the PostgreSQL job queue. Replicas may all run a worker: SKIP LOCKED gives
 * each job to one of them, and periodic jobs are enqueued with a per-period dedupe
 * key, so a period's run happens once however many replicas are up.
 */
export function startWorker(options: WorkerOptions): { stop(): Promise<void>; tick(): Promise<number> } {
  const worker = `${hostname()}:${process.pid}`;
  const { deps, handlers, log } = options;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  // The last period each kind was enqueued for by this process: a period is enqueued once, not at
  // every poll (the dedupe key keeps it once across replicas; this keeps the statements away).
  const enqueuedSlot = new Map<string, number>();

  async function schedulePeriodic(now: Date): Promise<void> {
    const due = options.periodic.map((p) => ({ p, slot: Math.floor(now.getTime() / (p.everySeconds * 1000)) })).filter(({ p, slot }) => enqueuedSlot.get(p.kind) !== slot);
    if (due.length === 0) return;
    await deps.store.run(SYSTEM, async (tx) => {
      for (const { p, slot } of due) await deps.store.jobs.enqueue(tx, p.kind, {}, new Date(slot * p.everySeconds * 1000), `${p.kind}:${slot}`);
    });
    // Only once committed: a failed enqueue is tried again at the next poll.
    for (const { p, slot } of due) enqueuedSlot.set(p.kind, slot);
  }

  async function tick(): Promise<number> {
    if (stopped) return 0;
    const now = deps.clock.now();
    await schedulePeriodic(now);
    const jobs = await deps.store.run(SYSTEM, (tx) => deps.store.jobs.claim(tx, worker, now, 300, 10));
    for (const [index, job] of jobs.entries()) {
      if (stopped) {
        // Shutting down: the job in hand finished, the rest go back so another replica runs them now
        // rather than after their lease expires.
        const unrun = jobs.slice(index).map((j) => j.id);
        const released = await deps.store.run(SYSTEM, (tx) => deps.store.jobs.release(tx, unrun, worker));
        log.info({ released, jobs: unrun }, 'jobs handed back at shutdown');
        return index;
      }
      const handler = handlers[job.kind];
      try {
        if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
        await handler(job.payload);
        await deps.store.run(SYSTEM, (tx) => deps.store.jobs.complete(tx, job.id, deps.clock.now()));
      } catch (error) {
        // The job did not fail, the database went away: recording a failure would fail too and
        // count an attempt against the job. Its lease runs out and it runs again (here or on
        // another replica) once the database is back.
        if (databaseIsDown(error)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        // Exponential back-off: 30 s, 60 s, 120 s … until max attempts.
        const retryAt = job.attempts < job.maxAttempts ? new Date(deps.clock.now().getTime() + 30_000 * 2 ** (job.attempts - 1)) : null;
        await deps.store.run(SYSTEM, (tx) => deps.store.jobs.fail(tx, job.id, message, retryAt, deps.clock.now()));
        log.error({ job: job.id, kind: job.kind, attempts: job.attempts, err: message }, 'job failed');
      }
    }
    if (!stopped) await options.afterJobs?.(() => stopped);
    return jobs.length;
  }

  // One line when the database goes away and one when it is back, not one per poll.
  let databaseDown = false;
  const interval = setInterval(() => {
    if (stopped) return;
    running = running
      .then(tick)
      .then(() => {
        if (databaseDown) log.info({}, 'job worker: database reachable again');
        databaseDown = false;
      })
      .catch((error: unknown) => {
        if (!databaseIsDown(error)) return log.error({ err: String(error) }, 'job worker tick failed');
        if (!databaseDown) (log.warn ?? log.error).call(log, { err: error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error) }, 'job worker: database unavailable, polling on');
        databaseDown = true;
      });
  }, options.pollMs ?? 5000);
  interval.unref();

  return {
    tick,
    /** Runs no new job: the one in hand finishes, claimed ones are handed back. */
    async stop() {
      stopped = true;
      clearInterval(interval);
      await running;
    },
  };
}
