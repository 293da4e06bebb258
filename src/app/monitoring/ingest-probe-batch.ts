import type { Actor } from '../../domain/actor.js';
import { FieldErrors, validationError } from '../../domain/errors.js';
import { checkResults, type ResultInput } from '../../domain/monitoring/monitor.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { MAX_RESULTS_PER_BATCH } from './manage-monitors.js';
import type { MonitoringDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { rewindForLateResultsMany } from '../availability/roll-up-availability.js';

export interface BatchResult extends ResultInput {
  monitorId: string;
}

/**
 * Results of many monitors in one request and one transaction, as probe agents send them:
 * all or nothing, idempotent on (monitor, location, at), one audit event for the batch.
 * Set-based: a fixed handful of statements per batch, whatever the number of monitors in it
 * (their rows, the insert with the kept newest results, their rollup lines, the audit), since on
 * the embedded database each statement is a round through its JavaScript and WebAssembly.
 */
export async function ingestProbeBatch(deps: MonitoringDeps, actor: Actor, results: BatchResult[]): Promise<{ accepted: number; duplicates: number; monitors: number }> {
  requirePermission(actor, 'results.write');
  if (results.length > MAX_RESULTS_PER_BATCH) throw validationError('results', 'too_many', `at most ${MAX_RESULTS_PER_BATCH} results per request`, { max: MAX_RESULTS_PER_BATCH });
  const now = deps.clock.now().getTime();
  const byMonitor = new Map<string, { index: number; result: ResultInput }[]>();
  results.forEach(({ monitorId, ...result }, index) => byMonitor.set(monitorId, [...(byMonitor.get(monitorId) ?? []), { index, result }]));
  return deps.store.run(scopeOf(actor), async (tx) => {
    const errors = new FieldErrors();
    const batches = [];
    const known = new Map((await deps.store.monitors.getMany(tx, [...byMonitor.keys()])).map((m) => [m.id, m]));
    for (const [monitorId, entries] of byMonitor) {
      const monitor = known.get(monitorId);
      if (!monitor) {
        errors.add(`results[${entries[0]!.index}].monitorId`, 'unknown_monitor', 'is not a known monitor');
        continue;
      }
      const checked = checkResults(monitor, entries.map((e) => e.result), now);
      // Report problems at their place in the whole batch, not within one monitor's share.
      for (const e of checked.errors.all) errors.add(e.field.replace(/^results\[(\d+)\]/, (_m, i: string) => `results[${entries[Number(i)]!.index}]`), e.code, e.message, e.params);
      batches.push({ monitor, rows: checked.rows });
    }
    errors.throwIfAny();
    const rowsTotal = batches.reduce((n, b) => n + b.rows.length, 0);
    if (rowsTotal === 0) return { accepted: 0, duplicates: 0, monitors: 0 };
    await deps.store.probeResults.ensurePartitions(tx, batches.flatMap((b) => b.rows.map((r) => r.at)));
    const accepted = await deps.store.probeResults.insertMany(tx, batches.map((b) => ({ monitorId: b.monitor.id, rows: b.rows })));
    await rewindForLateResultsMany(deps, tx, batches);
    await recordAudit(deps, tx, actor, { action: 'probe_results.ingested', entityType: 'probe_batch', entityId: null, tenantId: null, after: { monitors: batches.length, received: rowsTotal, accepted } });
    return { accepted, duplicates: rowsTotal - accepted, monitors: batches.length };
  });
}
