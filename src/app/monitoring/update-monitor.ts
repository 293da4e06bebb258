import type { Actor } from '../../domain/actor.js';
import { notFound } from '../../domain/errors.js';
import { validateMonitor, type Monitor } from '../../domain/monitoring/monitor.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { MonitoringDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

/**
 * What may change on a monitor. The interval and `failuresToConfirm` may not: they decide how
 * stored results are judged, so changing them would rewrite history — add a new monitor instead.
 */
export type MonitorChanges = Partial<Pick<Monitor, 'name' | 'target' | 'config' | 'timeoutMs' | 'critical' | 'locations' | 'active'>>;

/** Edits or pauses (`active: false`) a monitor; the audit log keeps before and after. */
export async function updateMonitor(deps: MonitoringDeps, actor: Actor, monitorId: string, changes: MonitorChanges): Promise<Monitor> {
  requirePermission(actor, 'monitors.write');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.monitors.get(tx, monitorId);
    if (!before) throw notFound('Monitor');
    const clean: MonitorChanges = { ...changes, ...(changes.name !== undefined && { name: changes.name.trim() }) };
    validateMonitor({ ...before, ...clean }).throwIfAny();
    const after = await deps.store.monitors.update(tx, monitorId, clean);
    await recordAudit(deps, tx, actor, { action: clean.active === false && before.active ? 'monitor.paused' : 'monitor.updated', entityType: 'monitor', entityId: monitorId, tenantId: before.tenantId, before, after });
    return after;
  });
}
