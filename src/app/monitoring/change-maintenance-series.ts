import type { Actor } from '../../domain/actor.js';
import { occurrenceShape, shiftOccurrence } from '../../domain/calendar/rrule.js';
import { notFound, stateProblem, validationError } from '../../domain/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { scopeOf } from '../shared/authorize.js';
import { recordMaintenanceNotices } from './maintenance-notices.js';
import { checkServices, checkTimes, withAnnouncement, type MaintenanceChanges } from './maintenance-rules.js';
import type { MaintenanceWindowRecord, MonitoringDeps } from './ports.js';

const sameServices = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/**
 * Changes a whole series through one of its occurrences: the title, description and services, and
 * the move of that occurrence's start and end (read as Riga wall-clock minutes), go to every
 * occurrence not yet ended and cancelled — one under way keeps its start — and to the series'
 * shape, so occurrences written later follow. Moving to another day would change the rule, which
 * is not changed here. Every changed occurrence gets its next SEQUENCE (same UID); each affected
 * municipality gets one notice for the series change, and the change is audited once.
 * Permission is checked by changeMaintenance, the only caller.
 */
export async function changeMaintenanceSeries(deps: MonitoringDeps, actor: Actor, windowId: string, changes: MaintenanceChanges): Promise<MaintenanceWindowRecord> {
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const edited = await deps.store.maintenance.getForUpdate(tx, windowId);
    if (!edited) throw notFound('Maintenance window');
    if (!edited.seriesId) throw validationError('scope', 'not_one_of', 'the window is not part of a series', { allowed: 'occurrence' });
    const series = await deps.store.maintenance.getSeriesForUpdate(tx, edited.seriesId);
    if (!series || series.cancelledAt) throw stateProblem('invalid_state', 'maintenance_cancelled', { cancelledAt: series?.cancelledAt ?? '' }, 'The series is cancelled; schedule a new one instead');
    const startsAt = new Date(changes.startsAt ?? edited.startsAt);
    const endsAt = new Date(changes.endsAt ?? edited.endsAt);
    checkTimes(startsAt, endsAt);
    const from = occurrenceShape(series.zone, Date.parse(edited.startsAt), Date.parse(edited.endsAt));
    const to = occurrenceShape(series.zone, startsAt.getTime(), endsAt.getTime());
    if (to.firstDate !== from.firstDate) throw validationError('startsAt', 'times_outside_day', 'for the whole series the start moves within its day only; another day changes the rule');
    if (changes.serviceIds) await checkServices(deps, tx, changes.serviceIds);
    const title = changes.title?.trim() ?? null;
    if (title === '') throw validationError('title', 'required', 'must not be empty');

    const open = (await deps.store.maintenance.inSeries(tx, series.id)).filter((w) => w.status === 'scheduled' && Date.parse(w.endsAt) > now.getTime());
    const planned = open.map((w) => {
      const moved = shiftOccurrence(series.zone, { startMs: Date.parse(w.startsAt), endMs: Date.parse(w.endsAt) }, from, to);
      // An occurrence under way keeps its start; its end still moves.
      const startMs = Date.parse(w.startsAt) <= now.getTime() ? Date.parse(w.startsAt) : moved.startMs;
      return {
        before: w,
        next: {
          title: title ?? w.title,
          description: changes.description === undefined ? w.description : changes.description?.trim() || null,
          startsAt: new Date(startMs).toISOString(),
          endsAt: new Date(moved.endMs).toISOString(),
          serviceIds: changes.serviceIds ?? w.serviceIds,
        },
      };
    });
    for (const { next } of planned) {
      if (Date.parse(next.endsAt) <= Date.parse(next.startsAt)) throw validationError('endsAt', 'must_be_after', 'an occurrence under way would end before it started', { other: 'startsAt' });
      if (Date.parse(next.endsAt) <= now.getTime()) throw validationError('endsAt', 'must_be_future', 'an occurrence under way would end in the past');
    }
    const changed = planned.filter(({ before, next }) => next.title !== before.title || next.description !== before.description || next.startsAt !== before.startsAt || next.endsAt !== before.endsAt || !sameServices(next.serviceIds, before.serviceIds));
    if (changed.length === 0) return edited;

    const at = now.toISOString();
    const after: MaintenanceWindowRecord[] = [];
    for (const { before, next } of changed) after.push(await deps.store.maintenance.update(tx, before.id, { ...next, sequence: before.sequence + 1, updatedAt: at }));
    const first = shiftOccurrence(series.zone, { startMs: Date.parse(series.firstStartsAt), endMs: Date.parse(series.firstEndsAt) }, from, to);
    const count = await deps.store.maintenance.changeSeries(tx, series.id, { startsAt: new Date(first.startMs).toISOString(), endsAt: new Date(first.endMs).toISOString() });
    const asked = { title: changes.title, description: changes.description, startsAt: changes.startsAt, endsAt: changes.endsAt, serviceIds: changes.serviceIds, through: windowId };
    await recordAudit(deps, tx, actor, { action: 'maintenance_series.changed', entityType: 'maintenance_series', entityId: series.id, tenantId: null, before: { windows: changed.map((c) => c.before) }, after: { changes: asked, windows: after } });
    await recordMaintenanceNotices(deps, tx, 'changed', after, `maintenance-series:${series.id}:changed:${count}`, now, { before: changed.map((c) => c.before) });
    const mine = after.find((w) => w.id === windowId) ?? edited;
    return withAnnouncement(deps, tx, mine);
  });
}
