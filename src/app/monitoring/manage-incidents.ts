import type { Actor } from '../../domain/actor.js';
import { KopaError, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { canUpdate, checkNewIncident, checkUpdate, type Incident, type IncidentImpact, type IncidentStatus } from '../../domain/status/incident.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { MonitoringDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';
import { queueIncidentNotices } from '../status-subscriptions/notify-incident.js';


export interface NewIncident {
  title: string;
  impact: IncidentImpact;
  status?: IncidentStatus | undefined;
  serviceIds: string[];
  message: string;
  startedAt?: string | undefined;
}

/** Opens an incident on the status page with its first update. */
export async function openIncident(deps: MonitoringDeps, actor: Actor, input: NewIncident): Promise<Incident> {
  requirePermission(actor, 'incidents.write');
  const now = deps.clock.now();
  const startedAt = input.startedAt ? new Date(input.startedAt) : now;
  checkNewIncident({ title: input.title, serviceIds: input.serviceIds, message: input.message, startedAt: startedAt.getTime(), now: now.getTime() }).throwIfAny();
  const status = input.status ?? 'investigating';
  return deps.store.run(scopeOf(actor), async (tx) => {
    for (const [i, id] of input.serviceIds.entries()) {
      if (!(await deps.store.services.get(tx, id))) throw new KopaError('validation', `serviceIds[${i}]: no such service`, [fieldError(`serviceIds[${i}]`, 'unknown_service', 'is not a service in the catalogue')]);
    }
    const created = await deps.store.incidents.insert(tx, { title: input.title.trim(), impact: input.impact, status, serviceIds: input.serviceIds, startedAt: startedAt.toISOString(), createdBy: actor.label }, now);
    await deps.store.incidents.addUpdate(tx, created.id, { status, message: input.message.trim(), at: now.toISOString(), author: actor.label });
    const incident = (await deps.store.incidents.get(tx, created.id))!;
    await recordAudit(deps, tx, actor, { action: 'incident.opened', entityType: 'incident', entityId: incident.id, tenantId: null, after: incident });
    await queueIncidentNotices(deps, tx, incident);
    return incident;
  });
}

/** Posts what is known now; `resolved` closes the incident for good. */
export async function updateIncident(deps: MonitoringDeps, actor: Actor, incidentId: string, update: { status: IncidentStatus; message: string }): Promise<Incident> {
  requirePermission(actor, 'incidents.write');
  checkUpdate(update.status, update.message).throwIfAny();
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.incidents.getForUpdate(tx, incidentId);
    if (!before) throw notFound('Incident');
    if (!canUpdate(before.status)) throw stateProblem('invalid_state', 'incident_resolved', {}, 'The incident is resolved; open a new one if the problem returns', [fieldError('status', 'incident_resolved', 'the incident is already resolved')]);
    await deps.store.incidents.addUpdate(tx, incidentId, { status: update.status, message: update.message.trim(), at: now.toISOString(), author: actor.label });
    await deps.store.incidents.setStatus(tx, incidentId, update.status, update.status === 'resolved' ? now.toISOString() : null, now);
    const after = (await deps.store.incidents.get(tx, incidentId))!;
    await recordAudit(deps, tx, actor, { action: 'incident.updated', entityType: 'incident', entityId: incidentId, tenantId: null, before: { status: before.status }, after: { status: after.status, message: update.message.trim() } });
    await queueIncidentNotices(deps, tx, after);
    return after;
  });
}

/** Open incidents and those resolved in the last `days` days. Public: the status page needs no login. */
export async function listIncidents(deps: Pick<MonitoringDeps, 'store' | 'clock'>, filter: { days?: number | undefined; serviceId?: string | undefined } = {}): Promise<Incident[]> {
  const since = new Date(deps.clock.now().getTime() - (filter.days ?? 7) * 86_400_000);
  return deps.store.run(SYSTEM, (tx) => deps.store.incidents.list(tx, { resolvedSince: since, serviceId: filter.serviceId, limit: 200 }));
}

export async function getIncident(deps: Pick<MonitoringDeps, 'store'>, incidentId: string): Promise<Incident> {
  const incident = await deps.store.run(SYSTEM, (tx) => deps.store.incidents.get(tx, incidentId));
  if (!incident) throw notFound('Incident');
  return incident;
}

/** The latest incidents, open or not, newest first: what the public Atom feed is made of. */
export async function recentIncidents(deps: Pick<MonitoringDeps, 'store'>, limit: number): Promise<Incident[]> {
  return deps.store.run(SYSTEM, (tx) => deps.store.incidents.list(tx, { resolvedSince: new Date(0), limit }));
}
