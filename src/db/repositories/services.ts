import type { Selectable } from 'kysely';
import type { Store } from '../../app/ports.js';
import type { Service, ServiceFields, Subscription } from '../../domain/service.js';
import type { ServicesTable, TenantSubscriptionsTable } from '../schema.js';
import { trxOf } from '../tx.js';

function toService(r: Selectable<ServicesTable>): Service {
  return {
    id: r.id,
    code: r.code,
    name: { lv: r.name_lv, en: r.name_en },
    description: r.description,
    holder: r.holder,
    provider: r.provider,
    legalBasis: r.legal_basis as Service['legalBasis'],
    customerGroup: r.customer_group,
    requestChannels: r.request_channels as string[],
    fee: r.fee,
    timeLimit: r.time_limit,
    resultDelivery: r.result_delivery,
    critical: r.critical,
    owner: r.owner,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function toRow(f: ServiceFields) {
  return {
    code: f.code,
    name_lv: f.name.lv,
    name_en: f.name.en,
    description: f.description,
    holder: f.holder,
    provider: f.provider,
    legal_basis: JSON.stringify(f.legalBasis),
    customer_group: f.customerGroup,
    request_channels: JSON.stringify(f.requestChannels),
    fee: f.fee,
    time_limit: f.timeLimit,
    result_delivery: f.resultDelivery,
    critical: f.critical,
    owner: f.owner,
  };
}

function toSubscription(r: Selectable<TenantSubscriptionsTable>): Subscription {
  return { id: r.id, tenantId: r.tenant_id, serviceId: r.service_id, mode: r.mode as Subscription['mode'], from: r.valid_from, to: r.valid_to, createdAt: r.created_at.toISOString() };
}

export const serviceRepository: Store['services'] = {
  async list(tx) {
    return (await trxOf(tx).selectFrom('services').selectAll().orderBy('code').execute()).map(toService);
  },
  async get(tx, serviceId) {
    const row = await trxOf(tx).selectFrom('services').selectAll().where('id', '=', serviceId).executeTakeFirst();
    return row ? toService(row) : null;
  },
  async findByCode(tx, code) {
    const row = await trxOf(tx).selectFrom('services').selectAll().where('code', '=', code).executeTakeFirst();
    return row ? toService(row) : null;
  },
  async insert(tx, fields) {
    return toService(await trxOf(tx).insertInto('services').values(toRow(fields)).returningAll().executeTakeFirstOrThrow());
  },
  async update(tx, serviceId, fields, at) {
    return toService(await trxOf(tx).updateTable('services').set({ ...toRow(fields), updated_at: at }).where('id', '=', serviceId).returningAll().executeTakeFirstOrThrow());
  },
};

export const subscriptionRepository: Store['subscriptions'] = {
  async list(tx, tenantId) {
    let q = trxOf(tx).selectFrom('tenant_subscriptions').selectAll().orderBy('valid_from');
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    return (await q.execute()).map(toSubscription);
  },
  async setEnd(tx, tenantId, subscriptionId, to) {
    const row = await trxOf(tx).updateTable('tenant_subscriptions').set({ valid_to: to }).where('id', '=', subscriptionId).where('tenant_id', '=', tenantId).returningAll().executeTakeFirst();
    return row ? toSubscription(row) : null;
  },
  async insert(tx, s) {
    const row = await trxOf(tx)
      .insertInto('tenant_subscriptions')
      .values({ tenant_id: s.tenantId, service_id: s.serviceId, mode: s.mode, valid_from: s.from, valid_to: s.to })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(row);
  },
  async overlapping(tx, tenantId, serviceId, from, to) {
    let q = trxOf(tx)
      .selectFrom('tenant_subscriptions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('service_id', '=', serviceId)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', from)]));
    if (to !== null) q = q.where('valid_from', '<=', to);
    return (await q.execute()).map(toSubscription);
  },
};
