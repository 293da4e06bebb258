import type { Actor } from '../../domain/actor.js';
import { notFound, validationError } from '../../domain/errors.js';
import { checkResults, validateMonitor, type Monitor, type MonitorFields, type ResultInput } from '../../domain/monitoring/monitor.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { MonitoringDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { rewindForLateResults } from '../availability/roll-up-availability.js';

export async function createMonitor(deps: MonitoringDeps, actor: Actor, fields: MonitorFields): Promise<Monitor> {
  requirePermission(actor, 'monitors.write');
  validateMonitor(fields).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.services.get(tx, fields.serviceId))) throw validationError('serviceId', 'unknown_service', 'is not a service in the catalogue');
    if (fields.tenantId && !(await deps.store.tenants.get(tx, fields.tenantId))) throw validationError('tenantId', 'unknown_tenant', 'is not a known municipality');
    const monitor = await deps.store.monitors.insert(tx, fields);
    await recordAudit(deps, tx, actor, { action: 'monitor.created', entityType: 'monitor', entityId: monitor.id, tenantId: monitor.tenantId, after: monitor });
    return monitor;
  });
}

export async function listMonitors(deps: MonitoringDeps, actor: Actor, serviceId?: string): Promise<Monitor[]> {
  requirePermission(actor, 'monitors.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.list(tx, { serviceId }));
}

export async function getMonitor(deps: MonitoringDeps, actor: Actor, monitorId: string): Promise<Monitor> {
  requirePermission(actor, 'monitors.read');
  const monitor = await deps.store.run(scopeOf(actor), (tx) => deps.store.monitors.get(tx, monitorId));
  if (!monitor) throw notFound('Monitor');
  return monitor;
}

export const MAX_RESULTS_PER_BATCH = 10_000;

/**
 * Stores a batch of probe results. Idempotent on (monitor, location, at): a resent batch
 * changes nothing and reports its rows as duplicates. The batch, not each row, is audited.
 */
export async function ingestProbeResults(deps: MonitoringDeps, actor: Actor, monitorId: string, results: ResultInput[]): Promise<{ accepted: number; duplicates: number }> {
  requirePermission(actor, 'results.write');
  if (results.length > MAX_RESULTS_PER_BATCH) throw validationError('results', 'too_many', `at most ${MAX_RESULTS_PER_BATCH} results per request`, { max: MAX_RESULTS_PER_BATCH });
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const monitor = await deps.store.monitors.get(tx, monitorId);
    if (!monitor) throw notFound('Monitor');
    const { rows, errors } = checkResults(monitor, results, now.getTime());
    errors.throwIfAny();
    if (rows.length === 0) return { accepted: 0, duplicates: 0 };
    await deps.store.probeResults.ensurePartitions(tx, rows.map((r) => r.at));
    const accepted = await deps.store.probeResults.insert(tx, monitorId, rows);
    await rewindForLateResults(deps, tx, monitor, rows);
    const first = rows.reduce((a, r) => (r.at < a ? r.at : a), rows[0]!.at);
    const last = rows.reduce((a, r) => (r.at > a ? r.at : a), rows[0]!.at);
    await recordAudit(deps, tx, actor, {
      action: 'probe_results.ingested',
      entityType: 'monitor',
      entityId: monitorId,
      tenantId: monitor.tenantId,
      after: { received: rows.length, accepted, from: first.toISOString(), to: last.toISOString() },
    });
    return { accepted, duplicates: rows.length - accepted };
  });
}

export { scheduleMaintenance, type MaintenanceInput } from './schedule-maintenance.js';

/** Windows overlapping [from, to), cancelled ones included (they stay listed with their reason). */
export async function listMaintenance(deps: MonitoringDeps, actor: Actor, from: Date, to: Date) {
  requirePermission(actor, 'maintenance.read');
  if (to <= from) throw validationError('to', 'must_be_after', 'must be after from', { other: 'from' });
  return deps.store.run(scopeOf(actor), (tx) => deps.store.maintenance.overlapping(tx, from, to, undefined, { includeCancelled: true }));
}

/** One window, cancelled or not (the edit form starts from it). */
export async function getMaintenance(deps: MonitoringDeps, actor: Actor, windowId: string) {
  requirePermission(actor, 'maintenance.read');
  const window = await deps.store.run(scopeOf(actor), (tx) => deps.store.maintenance.get(tx, windowId));
  if (!window) throw notFound('Maintenance window');
  return window;
}
