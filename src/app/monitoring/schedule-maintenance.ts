import type { Actor } from '../../domain/actor.js';
import { expandRecurrence, occurrenceShape, parseRecurrence } from '../../domain/calendar/rrule.js';
import { validationError } from '../../domain/errors.js';
import { ICS_ZONE } from '../../domain/monitoring/maintenance-ics.js';
import { recordAudit } from '../audit/record-audit.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import { recordMaintenanceNotices } from './maintenance-notices.js';
import { checkServices, checkTimes, SERIES_HORIZON_MS, withAnnouncement } from './maintenance-rules.js';
import type { MaintenanceWindowRecord, MonitoringDeps } from './ports.js';

export interface MaintenanceInput {
  serviceIds: string[];
  startsAt: string;
  endsAt: string;
  title: string;
  description?: string | null | undefined;
  announcedAt?: string | undefined;
  /** An RFC 5545 RRULE; `startsAt`–`endsAt` is then the first occurrence, read in Riga time. */
  recurrence?: string | null | undefined;
}

/**
 * Announces maintenance. Kopa records the notices to every subscribed municipality in the same
 * transaction; `announcedAt` stays empty until the outbox delivers the first of them (see
 * maintenance-announcement.ts). An operator may give an earlier `announcedAt` for an announcement
 * made by other means; the window then names who declared it. Whether it was announced early
 * enough is decided per agreement when reports are made.
 *
 * With `recurrence`, the window is the first of a series: its occurrences for the next year are
 * written as windows now (the maintenance job writes later ones as time goes on), keeping the
 * first window's Riga wall-clock times across daylight-saving changes.
 */
export async function scheduleMaintenance(deps: MonitoringDeps, actor: Actor, input: MaintenanceInput): Promise<MaintenanceWindowRecord> {
  requirePermission(actor, 'maintenance.write');
  const now = deps.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const declared = input.announcedAt ? new Date(input.announcedAt) : null;
  checkTimes(startsAt, endsAt);
  if (declared && declared > now) throw validationError('announcedAt', 'in_future', 'cannot be in the future');
  if (declared && actor.role !== 'operator' && actor.role !== 'system') throw validationError('announcedAt', 'operators_only', 'only operators record an earlier announcement');
  const recurrence = input.recurrence?.trim() || null;
  const rule = recurrence ? parseRecurrence(recurrence, ICS_ZONE) : null;
  if (rule && !rule.ok) throw validationError('recurrence', 'unsupported_rule', rule.message);
  const occurrences = rule?.ok
    ? expandRecurrence(rule.rule, occurrenceShape(ICS_ZONE, startsAt.getTime(), endsAt.getTime()), Math.max(now.getTime(), startsAt.getTime()) + SERIES_HORIZON_MS)
    : [{ startMs: startsAt.getTime(), endMs: endsAt.getTime() }];
  if (occurrences.length === 0) throw validationError('recurrence', 'unsupported_rule', 'the rule gives no occurrence on or after startsAt');
  return deps.store.run(scopeOf(actor), async (tx) => {
    await checkServices(deps, tx, input.serviceIds);
    const series = rule?.ok
      ? await deps.store.maintenance.insertSeries(tx, {
          rule: recurrence!,
          zone: ICS_ZONE,
          firstStartsAt: startsAt.toISOString(),
          firstEndsAt: endsAt.toISOString(),
          materialisedUntil: new Date(Math.max(now.getTime(), startsAt.getTime()) + SERIES_HORIZON_MS).toISOString(),
          createdAt: now.toISOString(),
          createdBy: actor.label,
        })
      : null;
    const windows: MaintenanceWindowRecord[] = [];
    for (const o of occurrences) {
      windows.push(
        await deps.store.maintenance.insert(tx, {
          title: input.title.trim(),
          description: input.description?.trim() || null,
          startsAt: new Date(o.startMs).toISOString(),
          endsAt: new Date(o.endMs).toISOString(),
          announcedAt: declared?.toISOString() ?? null,
          serviceIds: input.serviceIds,
          createdAt: now.toISOString(),
          createdBy: actor.label,
          seriesId: series?.id ?? null,
          declaredBy: declared ? actor.label : null,
        }),
      );
    }
    const first = windows[0]!;
    if (series) await recordAudit(deps, tx, actor, { action: 'maintenance_series.created', entityType: 'maintenance_series', entityId: series.id, tenantId: null, after: { ...series, windows: windows.map((w) => w.id) } });
    for (const w of windows) await recordAudit(deps, tx, actor, { action: declared ? 'maintenance.recorded_with_announcement' : 'maintenance.announced', entityType: 'maintenance_window', entityId: w.id, tenantId: null, after: w });
    // A declared announcement was given by other means; Kopa still tells the municipalities now.
    await recordMaintenanceNotices(deps, tx, 'announced', windows, series ? `maintenance-series:${series.id}:announced` : `maintenance:${first.id}:announced`, now);
    return withAnnouncement(deps, tx, first);
  });
}
