import { systemActor } from '../../domain/actor.js';
import { ingestProbeBatch } from '../../app/monitoring/ingest-probe-batch.js';
import { listMonitors } from '../../app/monitoring/manage-monitors.js';
import type { Deps } from '../../app/ports.js';
import { closeCheckContext, createCheckContext, runCheck } from './checks.js';
import { createDnsCache } from './dns-cache.js';
import type { ProbeLeases } from './probe-leases.js';
import { ProbeScheduler, type Assignment, type ProbeResult } from './scheduler.js';
import { shardOf } from '../../domain/monitoring/probe-shards.js';

export const LOCAL_LOCATION = 'local';

/**
 * The prober inside the server, for monitors with the location `local`. With `leases` (every
 * `kopa serve`), it probes only the monitors of the shards this replica holds, so replicas share
 * the monitors instead of each probing all of them (ADR 0018). Results are keyed by scheduled slot
 * as well, so should two ever probe the same slot, the second row falls away.
 */
export function startLocalProber(deps: Deps, log: { warn(obj: object, msg: string): void }, options: { concurrency?: number; refreshMs?: number; flushMs?: number; leases?: ProbeLeases } = {}) {
  const actor = systemActor('prober:local');
  const context = createCheckContext(createDnsCache());

  async function deliver(results: ProbeResult[]): Promise<void> {
    try {
      await ingestProbeBatch(deps, actor, results.map((r) => ({ monitorId: r.monitorId, at: r.at, ok: r.ok, location: LOCAL_LOCATION, ...(r.latencyMs !== null && { latencyMs: r.latencyMs }), ...(r.error && { error: r.error }) })));
    } catch (error) {
      // A monitor deleted or moved away from `local` meanwhile: its results have nowhere to go.
      log.warn({ results: results.length, err: error instanceof Error ? error.message : String(error) }, 'probe results not stored');
    }
  }

  const leases = options.leases;
  const scheduler = new ProbeScheduler({
    check: (m) => runCheck(m, context),
    deliver,
    concurrency: options.concurrency ?? 64,
    flushMs: options.flushMs ?? 5_000,
    ...(leases && { mayRun: (id: string) => leases.holds(id) }),
  });
  let local: Assignment[] = [];

  /** The monitors this replica probes now; called again whenever its shards change. */
  function reassign(): void {
    const shards = leases ? new Set(leases.shards()) : null;
    scheduler.assign(shards ? local.filter((m) => shards.has(shardOf(m.id))) : local);
  }

  async function refresh(): Promise<void> {
    try {
      const monitors = await listMonitors(deps, actor);
      local = monitors.filter((m) => m.active && m.type !== 'push' && m.locations.includes(LOCAL_LOCATION));
      reassign();
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not load monitors for the local prober');
    }
  }

  let timer: NodeJS.Timeout | null = null;
  return {
    async start(): Promise<void> {
      await refresh();
      scheduler.start();
      timer = setInterval(() => void refresh(), options.refreshMs ?? 30_000);
      timer.unref?.();
    },
    refresh,
    reassign,
    flush: () => scheduler.flush(),
    stats: () => scheduler.stats(),
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await scheduler.stop();
      closeCheckContext(context);
    },
  };
}
