import { sql, type Selectable } from 'kysely';
import type { SlaExclusionRecord } from '../../app/availability/ports.js';
import type { Store } from '../../app/ports.js';
import type { Monitor, MonitorType } from '../../domain/monitoring/monitor.js';
import type { MaintenanceSeriesRecord, MaintenanceWindowRecord } from '../../app/monitoring/ports.js';
import type { Tx } from '../../app/shared/transaction.js';
import type { Database, MonitorsTable, SlaExclusionsTable } from '../schema.js';
import { trxOf } from '../tx.js';

function toMonitor(r: Selectable<MonitorsTable>): Monitor {
  return {
    id: r.id,
    serviceId: r.service_id,
    tenantId: r.tenant_id,
    name: r.name,
    type: r.type as MonitorType,
    target: r.target,
    config: r.config as Record<string, unknown>,
    intervalSeconds: r.interval_seconds,
    timeoutMs: r.timeout_ms,
    failuresToConfirm: r.failures_to_confirm,
    critical: r.critical,
    locations: r.locations,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export const monitorRepository: Store['monitors'] = {
  async insert(tx, f) {
    const row = await trxOf(tx)
      .insertInto('monitors')
      .values({
        service_id: f.serviceId,
        tenant_id: f.tenantId,
        name: f.name,
        type: f.type,
        target: f.target,
        config: JSON.stringify(f.config),
        interval_seconds: f.intervalSeconds,
        timeout_ms: f.timeoutMs,
        failures_to_confirm: f.failuresToConfirm,
        critical: f.critical,
        locations: sql<string[]>`${sql.val(f.locations)}::text[]` as unknown as string[],
        active: f.active,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMonitor(row);
  },
  async get(tx, monitorId) {
    const row = await trxOf(tx).selectFrom('monitors').selectAll().where('id', '=', monitorId).executeTakeFirst();
    return row ? toMonitor(row) : null;
  },
  async getMany(tx, monitorIds) {
    if (monitorIds.length === 0) return [];
    // One array parameter whatever the batch's size: a prober's batch reads its monitors in one round.
    const rows = await trxOf(tx).selectFrom('monitors').selectAll().where('id', '=', sql<string>`ANY(${sql.val([...monitorIds])}::uuid[])`).execute();
    return rows.map(toMonitor);
  },
  async list(tx, filter, page) {
    let q = trxOf(tx).selectFrom('monitors').selectAll().orderBy('name').orderBy('id');
    if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
    if (filter.location) q = q.where(sql<boolean>`${filter.location} = ANY(locations)`);
    if (filter.critical !== undefined) q = q.where('critical', '=', filter.critical);
    if (filter.active !== undefined) q = q.where('active', '=', filter.active);
    if (filter.search) {
      const text = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('name', 'ilike', text), eb('target', 'ilike', text)]));
    }
    if (page) {
      if (page.after !== null) q = q.where(sql<boolean>`(name, id) > (${page.after.name}, ${page.after.id}::uuid)`);
      q = q.limit(page.limit);
    }
    return (await q.execute()).map(toMonitor);
  },
  async listForStates(tx) {
    const rows = await trxOf(tx).selectFrom('monitors').select(['id', 'active', 'locations', 'interval_seconds', 'failures_to_confirm']).execute();
    return rows.map((r) => ({ id: r.id, active: r.active, locations: r.locations, intervalSeconds: r.interval_seconds, failuresToConfirm: r.failures_to_confirm }));
  },
  async listActiveForStatus(tx) {
    const rows = await trxOf(tx)
      .selectFrom('monitors')
      .select(['id', 'service_id', 'tenant_id', 'critical', 'locations', 'interval_seconds', 'failures_to_confirm'])
      .where('active', '=', true)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, serviceId: r.service_id, tenantId: r.tenant_id, critical: r.critical, locations: r.locations, intervalSeconds: r.interval_seconds, failuresToConfirm: r.failures_to_confirm }));
  },
  async update(tx, monitorId, c) {
    const row = await trxOf(tx)
      .updateTable('monitors')
      .set({
        ...(c.name !== undefined && { name: c.name }),
        ...(c.target !== undefined && { target: c.target }),
        ...(c.config !== undefined && { config: JSON.stringify(c.config) }),
        ...(c.timeoutMs !== undefined && { timeout_ms: c.timeoutMs }),
        ...(c.critical !== undefined && { critical: c.critical }),
        ...(c.locations !== undefined && { locations: sql<string[]>`${sql.val(c.locations)}::text[]` as unknown as string[] }),
        ...(c.active !== undefined && { active: c.active }),
        updated_at: sql<Date>`now()` as unknown as Date,
      })
      .where('id', '=', monitorId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMonitor(row);
  },
};

function toExclusion(r: Selectable<SlaExclusionsTable>): SlaExclusionRecord {
  return {
    id: r.id,
    serviceId: r.service_id,
    tenantId: r.tenant_id,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    withdrawal: r.withdrawn_at ? { at: r.withdrawn_at.toISOString(), by: r.withdrawn_by ?? '', reason: r.withdrawal_reason ?? '' } : null,
  };
}

export const slaExclusionRepository: Store['slaExclusions'] = {
  async insert(tx, e) {
    const row = await trxOf(tx)
      .insertInto('sla_exclusions')
      .values({ service_id: e.serviceId, tenant_id: e.tenantId, starts_at: e.startsAt, ends_at: e.endsAt, reason: e.reason, created_by: e.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toExclusion(row);
  },
  async getForUpdate(tx, exclusionId) {
    const row = await trxOf(tx).selectFrom('sla_exclusions').selectAll().where('id', '=', exclusionId).forUpdate().executeTakeFirst();
    return row ? toExclusion(row) : null;
  },
  async withdraw(tx, exclusionId, w) {
    const row = await trxOf(tx)
      .updateTable('sla_exclusions')
      .set({ withdrawn_at: w.at, withdrawn_by: w.by, withdrawal_reason: w.reason })
      .where('id', '=', exclusionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toExclusion(row);
  },
  async overlapping(tx, from, to, filter) {
    let q = trxOf(tx).selectFrom('sla_exclusions').selectAll().where('withdrawn_at', 'is', null).where('starts_at', '<', to).where('ends_at', '>', from).orderBy('starts_at').orderBy('id');
    if (filter.serviceId) q = q.where('service_id', '=', filter.serviceId);
    const tenantId = filter.tenantId;
    if (tenantId) q = q.where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', tenantId)]));
    return (await q.execute()).map(toExclusion);
  },
};

const windowColumns = sql<string[]>`ARRAY(SELECT s.service_id::text FROM maintenance_window_services s WHERE s.window_id = w.id ORDER BY 1)`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const announcementRecorded = sql<boolean>`EXISTS (SELECT 1 FROM maintenance_announcement_notices n WHERE n.window_id = w.id)`;

function windowSelect(tx: Tx) {
  return trxOf(tx).selectFrom('maintenance_windows as w').selectAll('w').select([windowColumns.as('service_ids'), announcementRecorded.as('announcement_recorded')]);
}

type WindowRow = Awaited<ReturnType<ReturnType<typeof windowSelect>['executeTakeFirstOrThrow']>>;

function toWindow(r: WindowRow): MaintenanceWindowRecord {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    announcedAt: iso(r.announced_at),
    announcementStatus: r.declared_by !== null ? 'declared' : r.announced_at !== null ? 'sent' : r.announcement_recorded ? 'pending' : 'no_recipients',
    serviceIds: r.service_ids,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    seriesId: r.series_id,
    status: r.status as MaintenanceWindowRecord['status'],
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    sequence: r.sequence,
    declaredBy: r.declared_by,
    updatedAt: iso(r.updated_at),
  };
}

type SeriesRow = Selectable<Database['maintenance_series']>;

function toSeries(r: SeriesRow): MaintenanceSeriesRecord {
  return {
    id: r.id,
    rule: r.rule,
    zone: r.zone,
    firstStartsAt: r.first_starts_at.toISOString(),
    firstEndsAt: r.first_ends_at.toISOString(),
    materialisedUntil: r.materialised_until.toISOString(),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    changes: r.changes,
  };
}

async function windowById(tx: Tx, id: string): Promise<MaintenanceWindowRecord> {
  return toWindow(await windowSelect(tx).where('w.id', '=', id).executeTakeFirstOrThrow());
}

export const maintenanceRepository: Store['maintenance'] = {
  async insert(tx, w) {
    const trx = trxOf(tx);
    const row = await trx
      .insertInto('maintenance_windows')
      .values({ title: w.title, description: w.description, starts_at: w.startsAt, ends_at: w.endsAt, announced_at: w.announcedAt, created_at: w.createdAt, created_by: w.createdBy, series_id: w.seriesId, declared_by: w.declaredBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('maintenance_window_services').values(w.serviceIds.map((service_id) => ({ window_id: row.id, service_id }))).execute();
    // The answer keeps the caller's order of services; lists read them sorted.
    return { ...(await windowById(tx, row.id)), serviceIds: w.serviceIds };
  },
  async overlapping(tx, from, to, serviceId, options = {}) {
    let q = windowSelect(tx).where('w.starts_at', '<', to).where('w.ends_at', '>', from).orderBy('w.starts_at').orderBy('w.id');
    if (!options.includeCancelled) q = q.where('w.status', '=', 'scheduled');
    if (serviceId) q = q.where(({ exists, selectFrom }) => exists(selectFrom('maintenance_window_services as s').select('s.window_id').whereRef('s.window_id', '=', 'w.id').where('s.service_id', '=', serviceId)));
    return (await q.execute()).map(toWindow);
  },
  async get(tx, id) {
    const row = await windowSelect(tx).where('w.id', '=', id).executeTakeFirst();
    return row ? toWindow(row) : null;
  },
  async getForUpdate(tx, id) {
    const row = await trxOf(tx).selectFrom('maintenance_windows').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? windowById(tx, id) : null;
  },
  async update(tx, id, c) {
    const trx = trxOf(tx);
    await trx.updateTable('maintenance_windows').set({ title: c.title, description: c.description, starts_at: c.startsAt, ends_at: c.endsAt, sequence: c.sequence, updated_at: c.updatedAt }).where('id', '=', id).execute();
    await trx.deleteFrom('maintenance_window_services').where('window_id', '=', id).execute();
    await trx.insertInto('maintenance_window_services').values(c.serviceIds.map((service_id) => ({ window_id: id, service_id }))).execute();
    return { ...(await windowById(tx, id)), serviceIds: c.serviceIds };
  },
  async cancel(tx, id, at, reason) {
    await trxOf(tx)
      .updateTable('maintenance_windows')
      .set((eb) => ({ status: 'cancelled', cancelled_at: at, cancel_reason: reason, updated_at: at, sequence: eb('sequence', '+', 1) }))
      .where('id', '=', id)
      .execute();
    return windowById(tx, id);
  },
  async inSeries(tx, seriesId) {
    return (await windowSelect(tx).where('w.series_id', '=', seriesId).orderBy('w.starts_at').orderBy('w.id').execute()).map(toWindow);
  },
  async startingBetween(tx, from, to) {
    return (await windowSelect(tx).where('w.status', '=', 'scheduled').where('w.starts_at', '>=', from).where('w.starts_at', '<', to).orderBy('w.starts_at').execute()).map(toWindow);
  },
  async endingBetween(tx, from, to) {
    return (await windowSelect(tx).where('w.status', '=', 'scheduled').where('w.ends_at', '>=', from).where('w.ends_at', '<', to).orderBy('w.ends_at').execute()).map(toWindow);
  },
  async insertSeries(tx, s) {
    const row = await trxOf(tx)
      .insertInto('maintenance_series')
      .values({ rule: s.rule, zone: s.zone, first_starts_at: s.firstStartsAt, first_ends_at: s.firstEndsAt, materialised_until: s.materialisedUntil, created_at: s.createdAt, created_by: s.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSeries(row);
  },
  async getSeriesForUpdate(tx, id) {
    const row = await trxOf(tx).selectFrom('maintenance_series').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    return row ? toSeries(row) : null;
  },
  async seriesToExtend(tx, before) {
    return (await trxOf(tx).selectFrom('maintenance_series').selectAll().where('cancelled_at', 'is', null).where('materialised_until', '<', before).orderBy('id').execute()).map(toSeries);
  },
  async setMaterialised(tx, id, until) {
    await trxOf(tx).updateTable('maintenance_series').set({ materialised_until: until }).where('id', '=', id).execute();
  },
  async cancelSeries(tx, id, at, reason) {
    await trxOf(tx).updateTable('maintenance_series').set({ cancelled_at: at, cancel_reason: reason }).where('id', '=', id).execute();
  },
  async changeSeries(tx, id, first) {
    const row = await trxOf(tx)
      .updateTable('maintenance_series')
      .set((eb) => ({ first_starts_at: first.startsAt, first_ends_at: first.endsAt, changes: eb('changes', '+', 1) }))
      .where('id', '=', id)
      .returning('changes')
      .executeTakeFirstOrThrow();
    return row.changes;
  },
  async linkAnnouncement(tx, windowIds, eventKey) {
    if (windowIds.length === 0) return;
    await trxOf(tx)
      .insertInto('maintenance_announcement_notices')
      .values(windowIds.map((window_id) => ({ window_id, event_key: eventKey })))
      .onConflict((oc) => oc.columns(['window_id', 'event_key']).doNothing())
      .execute();
  },
  async markAnnounced(tx, eventKey, at) {
    // least(): two replicas sending two recipients' rows may commit out of order; the earliest send wins.
    // A declared time stays too: it was given at creation, no later than then, so before any send.
    const result = await trxOf(tx)
      .updateTable('maintenance_windows')
      .set({ announced_at: sql<Date>`least(coalesce(announced_at, ${at}), ${at})` })
      .where('id', 'in', (eb) => eb.selectFrom('maintenance_announcement_notices').select('window_id').where('event_key', '=', eventKey))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
};
