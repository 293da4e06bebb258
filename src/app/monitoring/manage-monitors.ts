import type { Actor } from '../../domain/actor.js';
import { KopaError, fieldError, notFound, validationError } from '../../domain/errors.js';
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

export interface MaintenanceInput {
  serviceIds: string[];
  startsAt: string;
  endsAt: string;
  title: string;
  description?: string | null | undefined;
  announcedAt?: string | undefined;
}

/**
 * Announces maintenance. The announcement time is when it is recorded; an operator importing
 * history may give an earlier one, which the audit log keeps. Whether it was announced early
 * enough is decided per agreement when reports are made.
 */
export async function scheduleMaintenance(deps: MonitoringDeps, actor: Actor, input: MaintenanceInput) {
  requirePermission(actor, 'maintenance.write');
  const now = deps.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const announcedAt = input.announcedAt ? new Date(input.announcedAt) : now;
  if (endsAt <= startsAt) throw validationError('endsAt', 'must_be_after', 'must be after startsAt', { other: 'startsAt' });
  if (announcedAt > now) throw validationError('announcedAt', 'in_future', 'cannot be in the future');
  if (input.announcedAt && actor.role !== 'operator' && actor.role !== 'system') throw validationError('announcedAt', 'operators_only', 'only operators record an earlier announcement');
  if (new Set(input.serviceIds).size !== input.serviceIds.length || input.serviceIds.length === 0) throw validationError('serviceIds', 'duplicate', 'must list each service once');
  return deps.store.run(scopeOf(actor), async (tx) => {
    for (const [i, id] of input.serviceIds.entries()) {
      if (!(await deps.store.services.get(tx, id))) throw new KopaError('validation', `serviceIds[${i}]: no such service`, [fieldError(`serviceIds[${i}]`, 'unknown_service', 'is not a service in the catalogue')]);
    }
    const window = await deps.store.maintenance.insert(tx, {
      title: input.title.trim(),
      description: input.description?.trim() || null,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      announcedAt: announcedAt.toISOString(),
      serviceIds: input.serviceIds,
      createdBy: actor.label,
    });
    await recordAudit(deps, tx, actor, { action: input.announcedAt ? 'maintenance.recorded_with_announcement' : 'maintenance.announced', entityType: 'maintenance_window', entityId: window.id, tenantId: null, after: window });
    return window;
  });
}

export async function listMaintenance(deps: MonitoringDeps, actor: Actor, from: Date, to: Date) {
  requirePermission(actor, 'maintenance.read');
  if (to <= from) throw validationError('to', 'must_be_after', 'must be after from', { other: 'from' });
  return deps.store.run(scopeOf(actor), (tx) => deps.store.maintenance.overlapping(tx, from, to));
}
