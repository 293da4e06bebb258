import { systemActor } from '../../domain/actor.js';
import { ingestProbeBatch } from '../../app/monitoring/ingest-probe-batch.js';
import { listMonitors } from '../../app/monitoring/manage-monitors.js';
import type { Deps } from '../../app/ports.js';
import { closeCheckContext, createCheckContext, runCheck } from './checks.js';
import { createDnsCache } from './dns-cache.js';
import { ProbeScheduler, type ProbeResult } from './scheduler.js';

export const LOCAL_LOCATION = 'local';

/**
 * The prober inside the server, for monitors with the location `local`. Its results are keyed
 * by scheduled slot, so replicas that all run it write the same rows and the duplicates fall away.
 */
export function startLocalProber(deps: Deps, log: { warn(obj: object, msg: string): void }, options: { concurrency?: number; refreshMs?: number; flushMs?: number } = {}) {
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

  const scheduler = new ProbeScheduler({ check: (m) => runCheck(m, context), deliver, concurrency: options.concurrency ?? 64, flushMs: options.flushMs ?? 5_000 });

  async function refresh(): Promise<void> {
    try {
      const monitors = await listMonitors(deps, actor);
      scheduler.assign(monitors.filter((m) => m.active && m.type !== 'push' && m.locations.includes(LOCAL_LOCATION)));
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
    flush: () => scheduler.flush(),
    stats: () => scheduler.stats(),
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await scheduler.stop();
      closeCheckContext(context);
    },
  };
}
