import type { Actor } from '../../domain/actor.js';
import { addDays, DEFAULT_ZONE, localDateOf, localToEpochMs } from '../../domain/calendar/local-time.js';
import { addMonths, monthOf } from '../../domain/calendar/month.js';
import type { ResultInput } from '../../domain/monitoring/monitor.js';
import { atClock } from './demo-clock.js';
import { openIncident, updateIncident } from '../monitoring/manage-incidents.js';
import { createMonitor, ingestProbeResults, MAX_RESULTS_PER_BATCH, scheduleMaintenance } from '../monitoring/manage-monitors.js';
import type { MonitoringDeps } from '../monitoring/ports.js';

const ZONE = DEFAULT_ZONE;
const INTERVAL_S = 300;
const HISTORY_DAYS = 35;
/** The probes sit in the two data centres; in the demo no agent runs, so history ends at start-up. */
const LOCATIONS = ['lvrtc', 'lnb'];

interface Window {
  from: number;
  to: number;
}

const during = (t: number, windows: Window[]) => windows.some((w) => t >= w.from && t < w.to);
const riga = (date: string, hh: number, mm = 0) => localToEpochMs(ZONE, date, hh * 60 + mm);

/** Five-minute results from both locations for the past five weeks, failing inside `down`. */
function history(now: number, down: Window[], baseLatency: number): ResultInput[] {
  const results: ResultInput[] = [];
  const last = Math.floor(now / (INTERVAL_S * 1000)) * INTERVAL_S * 1000;
  for (let t = last - HISTORY_DAYS * 86_400_000; t <= last; t += INTERVAL_S * 1000) {
    for (const [i, location] of LOCATIONS.entries()) {
      const failing = during(t, down);
      const jitter = ((t / 1000 / INTERVAL_S) * 7 + i * 31) % 40;
      results.push(failing ? { at: new Date(t).toISOString(), ok: false, location, error: 'HTTP 503 Service Unavailable', latencyMs: 120 + jitter } : { at: new Date(t).toISOString(), ok: true, location, latencyMs: baseLatency + jitter });
    }
  }
  return results;
}

/**
 * One HTTPS monitor per catalogue service with five weeks of results from the LVRTC and LNB
 * probes: an unplanned outage of the document system last month (with its incident), an announced
 * maintenance night, a short portal outage this month, and maintenance planned for next week.
 */
export async function seedDemoMonitoring(deps: MonitoringDeps, actor: Actor, services: { id: string; code: string }[]): Promise<void> {
  const now = deps.clock.now().getTime();
  const today = localDateOf(ZONE, now);
  const lastMonth = addMonths(monthOf(today), -1);
  const outageDay = `${lastMonth}-12`;
  const maintenanceDay = `${lastMonth}-21`;
  const recentDay = addDays(today, -2);
  const outage = { from: riga(outageDay, 10, 15), to: riga(outageDay, 10, 57) };
  const maintenance = { from: riga(maintenanceDay, 22), to: riga(addDays(maintenanceDay, 1), 1) };
  const portalBlip = { from: riga(recentDay, 14, 5), to: riga(recentDay, 14, 20) };
  const byCode = new Map(services.map((s) => [s.code, s.id]));
  const plans: { code: string; host: string; down: Window[]; latency: number }[] = [
    { code: 'DVS', host: 'dvs.pasvaldibas.gov.lv', down: [outage, maintenance], latency: 180 },
    { code: 'EPAK', host: 'epakalpojumi.pasvaldibas.gov.lv', down: [portalBlip], latency: 240 },
    { code: 'GIS', host: 'gis.pasvaldibas.gov.lv', down: [], latency: 320 },
  ];
  for (const plan of plans) {
    const serviceId = byCode.get(plan.code);
    if (!serviceId) continue;
    const created = atClock(deps, now - (HISTORY_DAYS + 1) * 86_400_000);
    const monitor = await createMonitor(created, actor, {
      serviceId, tenantId: null, name: `${plan.code} sākumlapa`, type: 'http', target: `https://${plan.host}/`,
      config: { method: 'GET', expectedStatus: 200 }, intervalSeconds: INTERVAL_S, timeoutMs: 10_000, failuresToConfirm: 2, critical: true, locations: LOCATIONS, active: true,
    });
    const results = history(now, plan.down, plan.latency);
    for (let i = 0; i < results.length; i += MAX_RESULTS_PER_BATCH) await ingestProbeResults(deps, actor, monitor.id, results.slice(i, i + MAX_RESULTS_PER_BATCH));
  }
  const dvs = byCode.get('DVS');
  const epak = byCode.get('EPAK');
  if (dvs) {
    // The demo sends no mail, so its past window is declared as announced a week ahead (by other means).
    await scheduleMaintenance(atClock(deps, maintenance.from - 7 * 86_400_000), actor, { serviceIds: [dvs], startsAt: new Date(maintenance.from).toISOString(), endsAt: new Date(maintenance.to).toISOString(), title: 'Datubāzes versijas atjaunināšana', description: 'Dokumentu vadības sistēma nebūs pieejama.', announcedAt: new Date(maintenance.from - 7 * 86_400_000).toISOString() });
    const incident = await openIncident(atClock(deps, outage.from + 6 * 60_000), actor, { title: 'Dokumentu vadības sistēma nav pieejama', impact: 'major', serviceIds: [dvs], message: 'Pārbaudām, kāpēc lietvedība neatbild.', startedAt: new Date(outage.from).toISOString() });
    await updateIncident(atClock(deps, outage.from + 20 * 60_000), actor, incident.id, { status: 'identified', message: 'Pārpildīts datubāzes savienojumu pūls; palielinām to un pārstartējam lietotni.' });
    await updateIncident(atClock(deps, outage.to + 15 * 60_000), actor, incident.id, { status: 'resolved', message: 'Sistēma darbojas. Pieejamības pārskatā šis pārtraukums ir ieskaitīts.' });
  }
  if (epak) {
    const planned = addDays(today, 7);
    await scheduleMaintenance(deps, actor, { serviceIds: [epak], startsAt: new Date(riga(planned, 21)).toISOString(), endsAt: new Date(riga(planned, 23)).toISOString(), title: 'E-pakalpojumu portāla drošības atjauninājumi', description: 'Iesniegumu iesniegšana būs īslaicīgi pārtraukta.' });
  }
}
