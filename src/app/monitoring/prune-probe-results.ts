import { systemActor } from '../../domain/actor.js';
import type { MonitoringDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';


/**
 * Drops raw probe results older than the retention, a month partition at a time, but never
 * ahead of the rollup: a result is only dropped once its state lives on in the segments.
 */
export async function pruneProbeResults(deps: Pick<MonitoringDeps, 'store' | 'clock'>, retentionDays: number): Promise<{ cutoff: string | null; dropped: number }> {
  const now = deps.clock.now().getTime();
  return deps.store.run(SYSTEM, async (tx) => {
    let cutoff = now - retentionDays * 86_400_000;
    for (const cursor of await deps.store.rollups.cursors(tx)) {
      if (cursor.rolledTo) cutoff = Math.min(cutoff, cursor.rolledTo.getTime());
      else if (await deps.store.rollups.firstResultAt(tx, cursor.monitorId, cursor.location)) return { cutoff: null, dropped: 0 };
    }
    const cutoffDate = new Date(cutoff).toISOString().slice(0, 10);
    // The database refuses cut-offs in the last week; nothing that recent is ever due.
    if (cutoff > now - 7 * 86_400_000) return { cutoff: cutoffDate, dropped: 0 };
    const dropped = await deps.store.rollups.dropRawBefore(tx, cutoffDate);
    if (dropped > 0) {
      await deps.store.rollups.dropLatencyHoursBefore(tx, cutoffDate);
      await recordAudit(deps, tx, systemActor('retention'), { action: 'probe_results.partitions_dropped', entityType: 'system', entityId: null, tenantId: null, after: { cutoff: cutoffDate, partitions: dropped, retentionDays } });
    }
    return { cutoff: cutoffDate, dropped };
  });
}
