import type { Actor } from '../../domain/actor.js';
import { notFound, stateProblem, validationError } from '../../domain/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { changeMaintenanceSeries } from './change-maintenance-series.js';
import { recordMaintenanceNotices } from './maintenance-notices.js';
import { checkServices, checkTimes, withAnnouncement, type MaintenanceChanges } from './maintenance-rules.js';
import type { MaintenanceWindowRecord, MonitoringDeps } from './ports.js';

export type { MaintenanceChanges };

/**
 * Changes one window (of a series: that occurrence only). A window that has ended is history and
 * is not edited; one under way keeps its start. The subscribed municipalities get the change with
 * the calendar event's next SEQUENCE, so their calendar apps replace the old one.
 */
export async function changeMaintenance(deps: MonitoringDeps, actor: Actor, windowId: string, changes: MaintenanceChanges): Promise<MaintenanceWindowRecord> {
  requirePermission(actor, 'maintenance.write');
  if (changes.recurrence !== undefined) throw validationError('recurrence', 'unknown_field', 'the rule of a series cannot be changed; cancel the series and schedule a new one');
  if (changes.scope === 'series') return changeMaintenanceSeries(deps, actor, windowId, changes);
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.maintenance.getForUpdate(tx, windowId);
    if (!before) throw notFound('Maintenance window');
    if (before.status === 'cancelled') throw stateProblem('invalid_state', 'maintenance_cancelled', { cancelledAt: before.cancelledAt! }, 'The maintenance window was cancelled; schedule a new one instead');
    if (Date.parse(before.endsAt) <= now.getTime()) throw stateProblem('invalid_state', 'maintenance_ended', { endsAt: before.endsAt }, 'The maintenance window has ended and can no longer be changed');
    const startsAt = new Date(changes.startsAt ?? before.startsAt);
    const endsAt = new Date(changes.endsAt ?? before.endsAt);
    checkTimes(startsAt, endsAt);
    if (Date.parse(before.startsAt) <= now.getTime() && startsAt.getTime() !== Date.parse(before.startsAt)) throw validationError('startsAt', 'not_allowed_now', 'cannot move the start of maintenance under way');
    if (endsAt <= now) throw validationError('endsAt', 'must_be_future', 'must be in the future');
    const serviceIds = changes.serviceIds ?? before.serviceIds;
    if (changes.serviceIds) await checkServices(deps, tx, serviceIds);
    const next = {
      title: changes.title?.trim() ?? before.title,
      description: changes.description === undefined ? before.description : changes.description?.trim() || null,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      serviceIds,
    };
    if (!next.title) throw validationError('title', 'required', 'must not be empty');
    const same = next.title === before.title && next.description === before.description && next.startsAt === before.startsAt && next.endsAt === before.endsAt && [...next.serviceIds].sort().join() === [...before.serviceIds].sort().join();
    if (same) return before;
    const after = await deps.store.maintenance.update(tx, windowId, { ...next, sequence: before.sequence + 1, updatedAt: now.toISOString() });
    await recordAudit(deps, tx, actor, { action: 'maintenance.changed', entityType: 'maintenance_window', entityId: windowId, tenantId: null, before, after });
    await recordMaintenanceNotices(deps, tx, 'changed', [after], `maintenance:${windowId}:changed:${after.sequence}`, now, { before });
    return withAnnouncement(deps, tx, after);
  });
}
