import { expandRecurrence, occurrenceShape, parseRecurrence } from '../../domain/calendar/rrule.js';
import { SYSTEM } from '../shared/transaction.js';
import { recordMaintenanceNotices } from './maintenance-notices.js';
import { SERIES_HORIZON_MS } from './maintenance-rules.js';
import type { MonitoringDeps } from './ports.js';

const DAY_MS = 86_400_000;
/** How long after its end a window still gets its completed notice (a worker may have been down). */
const COMPLETED_LOOKBACK_MS = 2 * DAY_MS;

/**
 * The maintenance job (every few minutes, any replica): a reminder for every window starting within
 * the next 24 hours, unless it was only planned within those 24 hours (its announcement is fresh);
 * a completed notice for every window that has ended; and the next occurrences of recurring series
 * written as windows (announced as they appear) so each series reaches a year ahead. Every notice
 * has its own event key, so running the job again, or on two replicas at once, records nothing twice.
 */
export async function runMaintenanceNotices(deps: MonitoringDeps): Promise<{ reminders: number; completed: number; occurrences: number }> {
  const now = deps.clock.now();
  const t = now.getTime();
  return deps.store.run(SYSTEM, async (tx) => {
    let reminders = 0;
    for (const w of await deps.store.maintenance.startingBetween(tx, now, new Date(t + DAY_MS))) {
      if (Date.parse(w.createdAt) > Date.parse(w.startsAt) - DAY_MS) continue;
      reminders += await recordMaintenanceNotices(deps, tx, 'reminder', [w], `maintenance:${w.id}:reminder`, now);
    }
    let completed = 0;
    for (const w of await deps.store.maintenance.endingBetween(tx, new Date(t - COMPLETED_LOOKBACK_MS), now)) {
      completed += await recordMaintenanceNotices(deps, tx, 'completed', [w], `maintenance:${w.id}:completed`, now);
    }
    let occurrences = 0;
    const horizon = t + SERIES_HORIZON_MS;
    for (const listed of await deps.store.maintenance.seriesToExtend(tx, new Date(horizon))) {
      const series = await deps.store.maintenance.getSeriesForUpdate(tx, listed.id);
      if (!series || series.cancelledAt || Date.parse(series.materialisedUntil) >= horizon) continue; // another replica got there first
      const rule = parseRecurrence(series.rule, series.zone);
      if (!rule.ok) continue; // accepted when created; a rule can only stop parsing if this code narrows
      // The latest occurrence carries the series' title, description and services as last changed.
      const template = (await deps.store.maintenance.inSeries(tx, series.id)).filter((w) => w.status === 'scheduled').at(-1);
      if (!template) continue;
      const fresh = expandRecurrence(rule.rule, occurrenceShape(series.zone, Date.parse(series.firstStartsAt), Date.parse(series.firstEndsAt)), horizon).filter((o) => o.startMs > Date.parse(series.materialisedUntil));
      for (const o of fresh) {
        const w = await deps.store.maintenance.insert(tx, {
          title: template.title,
          description: template.description,
          startsAt: new Date(o.startMs).toISOString(),
          endsAt: new Date(o.endMs).toISOString(),
          announcedAt: null,
          serviceIds: template.serviceIds,
          createdAt: now.toISOString(),
          createdBy: series.createdBy,
          seriesId: series.id,
          declaredBy: null,
        });
        await recordMaintenanceNotices(deps, tx, 'announced', [w], `maintenance:${w.id}:announced`, now);
        occurrences++;
      }
      await deps.store.maintenance.setMaterialised(tx, series.id, new Date(horizon).toISOString());
    }
    return { reminders, completed, occurrences };
  });
}
