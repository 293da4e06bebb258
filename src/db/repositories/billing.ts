import { sql, type Selectable } from 'kysely';
import type { BillingStore, UsageTotal } from '../../app/billing/catalogue-ports.js';
import type { CostPool, PoolDriver, Provider, Resource, ResourceKind, Tariff } from '../../domain/billing/catalogue.js';
import type { BillingProvidersTable, BillingResourcesTable, CostPoolsTable, TariffsTable } from '../billing-schema.js';
import { trxOf } from '../tx.js';
import { tariffInForce } from './tariff-on.js';

/** Serialises tariff changes of one provider and resource (the overlap trigger takes the same lock). */
const TARIFF_LOCK = 7313007;

const toProvider = (r: Selectable<BillingProvidersTable>): Provider => ({ code: r.code, name: r.name, createdAt: r.created_at.toISOString() });

const toResource = (r: Selectable<BillingResourcesTable>): Resource => ({
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  unit: r.unit,
  unitCode: r.unit_code,
  kind: r.kind as ResourceKind,
  billable: r.billable,
  createdAt: r.created_at.toISOString(),
});

const toTariff = (r: Selectable<TariffsTable>): Tariff => ({
  id: r.id,
  provider: r.provider,
  resource: r.resource,
  unitPrice: r.unit_price,
  currency: 'EUR',
  validFrom: r.valid_from,
  validTo: r.valid_to,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
});

const toPool = (r: Selectable<CostPoolsTable>): CostPool => ({
  id: r.id,
  month: r.month,
  amount: r.amount,
  currency: 'EUR',
  description: r.description,
  descriptionEn: r.description_en,
  driver: r.driver as PoolDriver,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
});

export const billingRepository: BillingStore = {
  providers: {
    async list(tx) {
      return (await trxOf(tx).selectFrom('billing_providers').selectAll().orderBy('code').execute()).map(toProvider);
    },
    async get(tx, code) {
      const row = await trxOf(tx).selectFrom('billing_providers').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toProvider(row) : null;
    },
    async insert(tx, p) {
      return toProvider(await trxOf(tx).insertInto('billing_providers').values({ code: p.code, name: p.name }).returningAll().executeTakeFirstOrThrow());
    },
  },

  resources: {
    async list(tx) {
      return (await trxOf(tx).selectFrom('billing_resources').selectAll().orderBy('code').execute()).map(toResource);
    },
    async get(tx, code) {
      const row = await trxOf(tx).selectFrom('billing_resources').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toResource(row) : null;
    },
    async insert(tx, r) {
      const row = await trxOf(tx)
        .insertInto('billing_resources')
        .values({ code: r.code, name: r.name, name_en: r.nameEn, unit: r.unit, unit_code: r.unitCode, kind: r.kind, billable: r.billable })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toResource(row);
    },
    async rename(tx, code, names) {
      return toResource(await trxOf(tx).updateTable('billing_resources').set({ name: names.name, name_en: names.nameEn }).where('code', '=', code).returningAll().executeTakeFirstOrThrow());
    },
  },

  tariffs: {
    async list(tx, filter) {
      let q = trxOf(tx).selectFrom('tariffs').selectAll().orderBy('provider').orderBy('resource').orderBy('valid_from');
      if (filter.provider !== undefined) q = q.where('provider', '=', filter.provider);
      if (filter.resource !== undefined) q = q.where('resource', '=', filter.resource);
      if (filter.on !== undefined) {
        q = q.where(tariffInForce('tariffs', sql`${filter.on}::date`));
      }
      return (await q.execute()).map(toTariff);
    },
    async forUpdate(tx, provider, resource) {
      const trx = trxOf(tx);
      await sql`SELECT pg_advisory_xact_lock(${TARIFF_LOCK}, hashtext(${`${provider}/${resource}`}))`.execute(trx);
      const rows = await trx.selectFrom('tariffs').selectAll().where('provider', '=', provider).where('resource', '=', resource).orderBy('valid_from').forUpdate().execute();
      return rows.map(toTariff);
    },
    async insert(tx, t) {
      const row = await trxOf(tx)
        .insertInto('tariffs')
        .values({ provider: t.provider, resource: t.resource, unit_price: t.unitPrice, currency: t.currency, valid_from: t.validFrom, valid_to: t.validTo, created_by: t.createdBy })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTariff(row);
    },
    async close(tx, tariffId, validTo) {
      return toTariff(await trxOf(tx).updateTable('tariffs').set({ valid_to: validTo }).where('id', '=', tariffId).returningAll().executeTakeFirstOrThrow());
    },
  },

  usage: {
    async insertMany(tx, records, batchId, receivedAt) {
      if (records.length === 0) return new Set();
      // One statement for the whole batch: the records travel as one JSON parameter, so
      // neither the parameter limit nor a row-at-a-time loop applies.
      const payload = JSON.stringify(
        records.map((r) => ({ id: r.id, tenant_id: r.tenantId, provider: r.provider, resource: r.resource, quantity: r.quantity, period_start: r.periodStart, period_end: r.periodEnd })),
      );
      const { rows } = await sql<{ id: string }>`
        INSERT INTO usage_records (id, tenant_id, provider, resource, quantity, period_start, period_end, batch_id, received_at)
        SELECT r.id, r.tenant_id, r.provider, r.resource, r.quantity, r.period_start, r.period_end, ${batchId}::uuid, ${receivedAt.toISOString()}::timestamptz
          FROM json_to_recordset(${payload}::json)
            AS r(id text, tenant_id uuid, provider text, resource text, quantity numeric, period_start timestamptz, period_end timestamptz)
        ON CONFLICT (id) DO NOTHING
        RETURNING id`.execute(trxOf(tx));
      return new Set(rows.map((r) => r.id));
    },
    async byIds(tx, ids) {
      if (ids.length === 0) return [];
      const { rows } = await sql<{ id: string; tenant_id: string; provider: string; resource: string; quantity: string; period_start: Date; period_end: Date }>`
        SELECT u.id, u.tenant_id::text AS tenant_id, u.provider, u.resource, u.quantity::text AS quantity, u.period_start, u.period_end
          FROM usage_records u
         WHERE u.id IN (SELECT value FROM json_array_elements_text(${JSON.stringify(ids)}::json))`.execute(trxOf(tx));
      return rows.map((r) => ({
        id: r.id,
        tenantId: r.tenant_id,
        provider: r.provider,
        resource: r.resource,
        quantity: r.quantity,
        periodStart: new Date(r.period_start).toISOString(),
        periodEnd: new Date(r.period_end).toISOString(),
      }));
    },
    async totals(tx, { tenantId, from, to }) {
      const tenantFilter = tenantId === null ? sql`` : sql`AND u.tenant_id = ${tenantId}::uuid`;
      const { rows } = await sql<{ tenant_id: string; provider: string; resource: string; quantity: string; records: string | number }>`
        WITH month AS (
          SELECT u.tenant_id, u.provider, u.resource, u.quantity, u.period_start, u.period_end, u.seq, r.kind
            FROM usage_records u JOIN billing_resources r ON r.code = u.resource
           WHERE u.period_start >= ${from.toISOString()}::timestamptz AND u.period_start < ${to.toISOString()}::timestamptz ${tenantFilter}
        )
        SELECT tenant_id::text AS tenant_id, provider, resource, sum(quantity)::text AS quantity, count(*) AS records
          FROM month WHERE kind = 'sum' GROUP BY tenant_id, provider, resource
        UNION ALL
        SELECT * FROM (
          SELECT DISTINCT ON (tenant_id, provider, resource) tenant_id::text AS tenant_id, provider, resource, quantity::text AS quantity,
                 count(*) OVER (PARTITION BY tenant_id, provider, resource) AS records
            FROM month WHERE kind = 'gauge'
           ORDER BY tenant_id, provider, resource, period_start DESC, period_end DESC, seq DESC
        ) gauges`.execute(trxOf(tx));
      const totals: UsageTotal[] = rows.map((r) => ({ tenantId: r.tenant_id, provider: r.provider, resource: r.resource, quantity: r.quantity, records: Number(r.records) }));
      return totals.sort((a, b) => a.tenantId.localeCompare(b.tenantId) || a.provider.localeCompare(b.provider) || a.resource.localeCompare(b.resource));
    },
  },

  pools: {
    async list(tx, filter) {
      let q = trxOf(tx).selectFrom('cost_pools').selectAll().orderBy('month').orderBy('created_at').orderBy('id');
      if (filter.month !== undefined) q = q.where('month', '=', filter.month);
      return (await q.execute()).map(toPool);
    },
    async insert(tx, p) {
      const row = await trxOf(tx)
        .insertInto('cost_pools')
        .values({ month: p.month, amount: p.amount, description: p.description, description_en: p.descriptionEn, driver: p.driver, created_by: p.createdBy })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPool(row);
    },
    async getForUpdate(tx, poolId) {
      const row = await trxOf(tx).selectFrom('cost_pools').selectAll().where('id', '=', poolId).forUpdate().executeTakeFirst();
      return row ? toPool(row) : null;
    },
    async update(tx, poolId, c) {
      return toPool(await trxOf(tx).updateTable('cost_pools').set({ amount: c.amount, description: c.description, description_en: c.descriptionEn, driver: c.driver }).where('id', '=', poolId).returningAll().executeTakeFirstOrThrow());
    },
    async remove(tx, poolId) {
      await trxOf(tx).deleteFrom('cost_pools').where('id', '=', poolId).execute();
    },
  },
};
