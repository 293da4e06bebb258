import type { Actor } from '../../domain/actor.js';
import { notFound, stateProblem, validationError } from '../../domain/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { recordMaintenanceNotices } from './maintenance-notices.js';
import type { MaintenanceWindowRecord, MonitoringDeps } from './ports.js';

/**
 * Cancels a window — or, with `scope: 'series'`, every occurrence of its series that has not ended
 * yet, and the series writes no more. A cancelled window stays listed with its reason and counts as
 * maintenance nowhere. The municipalities get a METHOD:CANCEL calendar message.
 */
export async function cancelMaintenance(deps: MonitoringDeps, actor: Actor, windowId: string, input: { reason: string; scope?: 'occurrence' | 'series' | undefined }): Promise<MaintenanceWindowRecord> {
  requirePermission(actor, 'maintenance.write');
  const reason = input.reason.trim();
  if (!reason) throw validationError('reason', 'required', 'must not be empty');
  const now = deps.clock.now();
  const at = now.toISOString();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const window = await deps.store.maintenance.getForUpdate(tx, windowId);
    if (!window) throw notFound('Maintenance window');
    if (input.scope === 'series') {
      if (!window.seriesId) throw validationError('scope', 'not_one_of', 'the window is not part of a series', { allowed: 'occurrence' });
      const series = await deps.store.maintenance.getSeriesForUpdate(tx, window.seriesId);
      if (series?.cancelledAt) throw stateProblem('invalid_state', 'maintenance_cancelled', { cancelledAt: series.cancelledAt }, 'The series is already cancelled');
      await deps.store.maintenance.cancelSeries(tx, window.seriesId, at, reason);
      const open = (await deps.store.maintenance.inSeries(tx, window.seriesId)).filter((w) => w.status === 'scheduled' && Date.parse(w.endsAt) > now.getTime());
      const cancelled: MaintenanceWindowRecord[] = [];
      for (const w of open) cancelled.push(await deps.store.maintenance.cancel(tx, w.id, at, reason));
      await recordAudit(deps, tx, actor, { action: 'maintenance_series.cancelled', entityType: 'maintenance_series', entityId: window.seriesId, tenantId: null, after: { reason, windows: cancelled.map((w) => w.id) } });
      await recordMaintenanceNotices(deps, tx, 'cancelled', cancelled, `maintenance-series:${window.seriesId}:cancelled`, now, { reason });
      return cancelled.find((w) => w.id === windowId) ?? (await deps.store.maintenance.getForUpdate(tx, windowId))!;
    }
    if (window.status === 'cancelled') throw stateProblem('invalid_state', 'maintenance_cancelled', { cancelledAt: window.cancelledAt! }, 'The maintenance window is already cancelled');
    if (Date.parse(window.endsAt) <= now.getTime()) throw stateProblem('invalid_state', 'maintenance_ended', { endsAt: window.endsAt }, 'The maintenance window has ended and can no longer be cancelled');
    const after = await deps.store.maintenance.cancel(tx, windowId, at, reason);
    await recordAudit(deps, tx, actor, { action: 'maintenance.cancelled', entityType: 'maintenance_window', entityId: windowId, tenantId: null, before: window, after });
    await recordMaintenanceNotices(deps, tx, 'cancelled', [after], `maintenance:${windowId}:cancelled`, now, { reason });
    return after;
  });
}
