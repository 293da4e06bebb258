import type { Selectable } from 'kysely';
import type { IncidentStore } from '../../app/monitoring/status-ports.js';
import type { Incident, IncidentImpact, IncidentStatus } from '../../domain/status/incident.js';
import type { IncidentsTable } from '../incident-schema.js';
import { trxOf } from '../tx.js';

type Tx = Parameters<IncidentStore['get']>[0];

/** Loads the services and updates of the given incidents in two queries, whatever their number. */
async function hydrate(tx: Tx, rows: Selectable<IncidentsTable>[]): Promise<Incident[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const db = trxOf(tx);
  const [services, updates] = await Promise.all([
    db.selectFrom('incident_services').select(['incident_id', 'service_id']).where('incident_id', 'in', ids).orderBy('service_id').execute(),
    db.selectFrom('incident_updates').selectAll().where('incident_id', 'in', ids).orderBy('at').orderBy('id').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    impact: r.impact as IncidentImpact,
    status: r.status as IncidentStatus,
    serviceIds: services.filter((s) => s.incident_id === r.id).map((s) => s.service_id),
    startedAt: r.started_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    updates: updates
      .filter((u) => u.incident_id === r.id)
      .map((u) => ({ id: u.id, status: u.status as IncidentStatus, message: u.message, at: u.at.toISOString(), author: u.author })),
  }));
}

export const incidentRepository: IncidentStore = {
  async insert(tx, incident, now) {
    const row = await trxOf(tx)
      .insertInto('incidents')
      .values({
        title: incident.title,
        impact: incident.impact,
        status: incident.status,
        started_at: incident.startedAt,
        resolved_at: incident.status === 'resolved' ? now : null,
        created_at: now,
        updated_at: now,
        created_by: incident.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trxOf(tx).insertInto('incident_services').values(incident.serviceIds.map((service_id) => ({ incident_id: row.id, service_id }))).execute();
    return (await hydrate(tx, [row]))[0]!;
  },

  async get(tx, id) {
    const row = await trxOf(tx).selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await hydrate(tx, [row]))[0]! : null;
  },

  async getForUpdate(tx, id) {
    const row = await trxOf(tx).selectFrom('incidents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? (await hydrate(tx, [row]))[0]! : null;
  },

  async addUpdate(tx, incidentId, update) {
    await trxOf(tx).insertInto('incident_updates').values({ incident_id: incidentId, status: update.status, message: update.message, at: update.at, author: update.author }).execute();
  },

  async setStatus(tx, incidentId, status, resolvedAt, now) {
    await trxOf(tx).updateTable('incidents').set({ status, resolved_at: resolvedAt, updated_at: now }).where('id', '=', incidentId).execute();
  },

  async list(tx, filter) {
    let query = trxOf(tx).selectFrom('incidents').selectAll();
    const since = filter.resolvedSince;
    query = query.where((eb) => (since ? eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>=', since)]) : eb('resolved_at', 'is', null)));
    if (filter.serviceId) {
      const serviceId = filter.serviceId;
      query = query.where('id', 'in', (eb) => eb.selectFrom('incident_services').select('incident_id').where('service_id', '=', serviceId));
    }
    return hydrate(tx, await query.orderBy('started_at', 'desc').limit(filter.limit).execute());
  },
};
