import { systemActor } from '../../domain/actor.js';
import { currentState } from '../../domain/availability/current-state.js';
import { DEFAULT_ZONE, localDateOf } from '../../domain/calendar/local-time.js';
import type { Monitor } from '../../domain/monitoring/monitor.js';
import { openTicket } from '../desk/open-ticket.js';
import type { MonitoringDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import type { OutageRecord } from './watch-ports.js';
import { SYSTEM } from '../shared/transaction.js';
import { alertOperators } from '../shared/alert-operators.js';

const actor = systemActor('outage-watch');

/** The municipalities a monitor speaks for: its own instance's, or everyone using the shared service today. */
async function affectedTenants(deps: MonitoringDeps, tx: Tx, monitor: Monitor, now: number): Promise<string[]> {
  if (monitor.tenantId) return [monitor.tenantId];
  const today = localDateOf(DEFAULT_ZONE, now);
  const subscriptions = await deps.store.subscriptions.list(tx, null);
  return [...new Set(subscriptions.filter((s) => s.serviceId === monitor.serviceId && s.mode === 'shared' && s.from <= today && (s.to === null || s.to >= today)).map((s) => s.tenantId))];
}

async function queueNotices(deps: MonitoringDeps, tx: Tx, outageId: string, event: 'monitor.outage_confirmed' | 'monitor.outage_resolved', subject: string, lines: string[], body: object, now: Date): Promise<void> {
  await alertOperators(deps, tx, { event, key: `outage:${outageId}:${event}`, subject, lines, body, at: now });
}

async function confirmOutage(deps: MonitoringDeps, monitor: Monitor, startedAt: number, now: Date): Promise<OutageRecord | null> {
  return deps.store.run(SYSTEM, async (tx) => {
    const outage = await deps.store.watch.startOutage(tx, monitor.id, new Date(startedAt), now);
    if (!outage) return null; // another replica got there first
    const service = await deps.store.services.get(tx, monitor.serviceId);
    const serviceName = service ? `${service.name.lv} (${service.code})` : monitor.serviceId;
    await recordAudit(deps, tx, actor, { action: 'monitor.outage_confirmed', entityType: 'monitor', entityId: monitor.id, tenantId: monitor.tenantId, after: outage });
    await queueNotices(
      deps,
      tx,
      outage.id,
      'monitor.outage_confirmed',
      `[Kopa] Pārtraukums: ${serviceName}`,
      [`Apstiprināts pakalpojuma „${serviceName}” darbības pārtraukums (uzraudzība „${monitor.name}”).`, `Sākums: ${new Date(startedAt).toISOString()}`, '', `Confirmed outage of ${serviceName} (monitor "${monitor.name}").`],
      { monitor: { id: monitor.id, name: monitor.name, serviceId: monitor.serviceId, tenantId: monitor.tenantId }, startedAt: new Date(startedAt).toISOString() },
      now,
    );
    return outage;
  });
}

/** A P1 ticket per affected municipality, opened by the system and linked to the outage. */
async function openOutageTickets(deps: MonitoringDeps, monitor: Monitor, outage: OutageRecord, now: Date): Promise<void> {
  const { tenants, service } = await deps.store.run(SYSTEM, async (tx) => ({ tenants: await affectedTenants(deps, tx, monitor, now.getTime()), service: await deps.store.services.get(tx, monitor.serviceId) }));
  const name = service ? service.name.lv : monitor.name;
  const ids: string[] = [];
  for (const tenantId of tenants) {
    const ticket = await openTicket(deps, actor, {
      tenantId,
      serviceId: monitor.serviceId,
      priority: 'P1',
      category: 'incident',
      subject: `Pakalpojuma „${name}” darbības pārtraukums`,
      description: `Uzraudzība „${monitor.name}” apstiprināja pārtraukumu no ${outage.startedAt}. Pieteikums atvērts automātiski; atbalsta dienests informēs par gaitu.`,
    });
    ids.push(ticket.id);
  }
  await deps.store.run(SYSTEM, (tx) => deps.store.watch.setOutageTickets(tx, outage.id, ids));
}

async function endOutage(deps: MonitoringDeps, monitor: Monitor, outage: OutageRecord, now: Date): Promise<void> {
  await deps.store.run(SYSTEM, async (tx) => {
    if (!(await deps.store.watch.endOutage(tx, outage.id, now))) return;
    await recordAudit(deps, tx, actor, { action: 'monitor.outage_ended', entityType: 'monitor', entityId: monitor.id, tenantId: monitor.tenantId, before: outage, after: { endedAt: now.toISOString() } });
    await queueNotices(deps, tx, outage.id, 'monitor.outage_resolved', `[Kopa] Darbība atjaunota: ${monitor.name}`, [`Uzraudzība „${monitor.name}” atkal rāda, ka pakalpojums darbojas.`, '', `Monitor "${monitor.name}" shows the service up again.`], { monitor: { id: monitor.id, name: monitor.name, serviceId: monitor.serviceId }, startedAt: outage.startedAt, endedAt: now.toISOString(), ticketIds: outage.ticketIds }, now);
  });
}

/**
 * The outage watch, every minute: a critical monitor whose latest results confirm an outage
 * notifies operators and opens a P1 ticket for each affected municipality — once, whichever
 * replica sees it first; when the monitor recovers, the outage is closed and operators told.
 */
export async function watchOutages(deps: MonitoringDeps): Promise<{ confirmed: number; ended: number }> {
  const now = deps.clock.now();
  // One transaction for every critical monitor: their newest results (kept as they arrive, migration
  // 031) and open outages, each in one read; a statement per monitor and minute only where something changes.
  const { monitors, latest, openOutages } = await deps.store.run(SYSTEM, async (tx) => {
    // Only the active critical monitors are read, not every monitor each minute.
    const monitors = await deps.store.monitors.list(tx, { active: true, critical: true });
    const ids = monitors.map((m) => m.id);
    const perLocation = Math.max(0, ...monitors.map((m) => m.failuresToConfirm + 1));
    return { monitors, latest: await deps.store.probeResults.latestKept(tx, ids, perLocation), openOutages: await deps.store.watch.openOutagesMany(tx, ids) };
  });
  const resultsOf = new Map<string, { location: string; at: number; ok: boolean }[]>();
  for (const r of latest) {
    const list = resultsOf.get(r.monitorId) ?? [];
    if (list.length === 0) resultsOf.set(r.monitorId, list);
    list.push({ location: r.location, at: r.atMs, ok: r.ok });
  }
  let confirmed = 0;
  let ended = 0;
  for (const monitor of monitors) {
    const open = openOutages.get(monitor.id) ?? null;
    const state = currentState(monitor, newestOf(monitor, resultsOf.get(monitor.id) ?? []), now.getTime());
    if (state.state === 'down' && !open) {
      const outage = await confirmOutage(deps, monitor, state.since, now);
      if (outage) {
        confirmed++;
        await openOutageTickets(deps, monitor, outage, now);
      }
    } else if (state.state === 'up' && open) {
      await endOutage(deps, monitor, open, now);
      ended++;
    }
  }
  return { confirmed, ended };
}

/** The newest `failuresToConfirm + 1` results of each of the monitor's locations: what the state is judged on. */
function newestOf(monitor: Monitor, results: { location: string; at: number; ok: boolean }[]): { location: string; at: number; ok: boolean }[] {
  return monitor.locations.flatMap((location) => results.filter((r) => r.location === location).sort((a, b) => a.at - b.at).slice(-(monitor.failuresToConfirm + 1)));
}
