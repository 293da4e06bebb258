import type { LeaseStore, Transactions } from '../../app/shared/ports.js';
import { SYSTEM } from '../../app/shared/transaction.js';
import { allShardLeaseNames, leasePlan, shardLeaseName, shardOf, shardOfLeaseName, SHARD_LEASE_PREFIX } from '../../domain/monitoring/probe-shards.js';

export interface ProbeLeaseOptions {
  store: Transactions & { leases: LeaseStore };
  /** Unique per process: a restarted replica is a new holder. */
  replica: string;
  /** How long a lease lasts without renewal: the longest a dead replica's monitors go unprobed. */
  leaseMs: number;
  /** Called after the set of held shards changed (after dropping shards, before handing them back). */
  onChange(): void;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => number;
}

/**
 * Holds this replica's share of the probe shards (ADR 0018). Every leaseMs/3 it renews what it
 * holds, hands back what exceeds its fair share and takes free or expired shards it lacks; when
 * another holder's lease is about to run out it wakes just after, so a dead replica's shards move
 * within one lease period. It only trusts a lease until the renewal that granted it plus leaseMs,
 * measured from before that renewal was sent: by then the database may give it to someone else.
 */
export function startProbeLeases(options: ProbeLeaseOptions) {
  const { store, replica, leaseMs, log } = options;
  const now = options.now ?? Date.now;
  const period = Math.max(100, Math.floor(leaseMs / 3));
  let held = new Set<number>();
  let validUntil = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let failing = false;
  // The shard rows are made once (ensure); again only after a round that got fewer shards than it
  // asked for, in case they went missing (a restored database), or after a failed round.
  let ensured = false;

  function setHeld(next: Set<number>): void {
    const changed = next.size !== held.size || [...next].some((s) => !held.has(s));
    held = next;
    if (changed) options.onChange();
  }

  async function round(): Promise<number> {
    const started = now();
    const outcome = await store.run(SYSTEM, async (tx) => {
      const beat = await store.leases.heartbeat(tx, replica, leaseMs);
      if (!ensured) await store.leases.ensure(tx, allShardLeaseNames());
      const renewed = (await store.leases.renew(tx, replica, SHARD_LEASE_PREFIX, leaseMs)).map(shardOfLeaseName).filter((s): s is number => s !== null);
      const plan = leasePlan(renewed, beat.live);
      if (plan.release.length > 0) {
        // Stop probing them before the database lets anyone else take them: never two probers at once.
        setHeld(new Set(plan.keep));
        await store.leases.release(tx, replica, plan.release.map(shardLeaseName));
      }
      const claimed = (await store.leases.claim(tx, replica, SHARD_LEASE_PREFIX, plan.want, leaseMs)).map(shardOfLeaseName).filter((s): s is number => s !== null);
      return { keep: plan.keep, claimed, released: plan.release, beat, short: claimed.length < plan.want };
    });
    ensured = !outcome.short;
    validUntil = started + leaseMs;
    if (outcome.claimed.length > 0 || outcome.released.length > 0) {
      log.info({ replica, live: outcome.beat.live, held: outcome.keep.length + outcome.claimed.length, claimed: outcome.claimed.length, released: outcome.released.length }, 'probe shards rebalanced');
    }
    setHeld(new Set([...outcome.keep, ...outcome.claimed]));
    if (failing) log.info({ replica }, 'probe leases renewed again');
    failing = false;
    // Wake just after the next foreign lease expires, when that comes before the next renewal.
    const untilExpiry = outcome.beat.nextForeignExpiry ? outcome.beat.nextForeignExpiry.getTime() - outcome.beat.now.getTime() + 50 : Infinity;
    return Math.max(50, Math.min(period, untilExpiry));
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = running.then(async () => {
        let next = period;
        try {
          next = await round();
        } catch (error) {
          ensured = false;
          if (!failing) log.warn({ replica, err: error instanceof Error ? error.message : String(error) }, 'could not renew probe leases; probing stops when they run out');
          failing = true;
          if (now() >= validUntil) setHeld(new Set());
        }
        schedule(next);
      });
    }, delay);
    timer.unref?.();
  }

  return {
    /** The first round, so the prober starts with its shards; a database that fails here fails the start. */
    async start(): Promise<void> {
      schedule(await round());
    },
    /** Whether this replica may probe the monitor now: its shard is held and the lease still in force. */
    holds(monitorId: string): boolean {
      return now() < validUntil && held.has(shardOf(monitorId));
    },
    shards: (): number[] => [...held].sort((a, b) => a - b),
    /** Hands every lease back so another replica takes the shards at its next round. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      setHeld(new Set());
      validUntil = 0;
      try {
        await store.run(SYSTEM, (tx) => store.leases.leave(tx, replica));
        log.info({ replica }, 'probe leases handed back');
      } catch (error) {
        // They expire by themselves within one lease period.
        log.warn({ replica, err: error instanceof Error ? error.message : String(error) }, 'could not hand back probe leases');
      }
    },
  };
}

export type ProbeLeases = ReturnType<typeof startProbeLeases>;
