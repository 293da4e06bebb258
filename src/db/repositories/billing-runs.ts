import { sql, type Selectable } from 'kysely';
import type { BillingRunRecord, BillingRunStore, StoredStatement } from '../../app/billing/billing-run-ports.js';
import type { PoolDriver } from '../../domain/billing/catalogue.js';
import { statementFromJson, statementToJson, type StatementProblem } from '../../domain/billing/statement.js';
import type { BillingRunsTable, BillingStatementsTable } from '../billing-run-schema.js';
import { trxOf } from '../tx.js';
import { tariffInForce } from './tariff-on.js';

const toRun = (r: Selectable<BillingRunsTable>): BillingRunRecord => ({
  id: r.id,
  month: r.month,
  kind: r.kind as BillingRunRecord['kind'],
  status: r.status as BillingRunRecord['status'],
  // Drafts computed before problems had codes read as the generic run_problem.
  problems: (r.problems as StatementProblem[]).map((p) => ({ ...p, code: p.code ?? 'run_problem', params: p.params ?? {} })),
  computedAt: r.computed_at.toISOString(),
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  finalizedAt: r.finalized_at?.toISOString() ?? null,
  finalizedBy: r.finalized_by,
});

const toStored = (r: Selectable<BillingStatementsTable>): StoredStatement => ({ runId: r.run_id, tenantId: r.tenant_id, statement: statementFromJson(r.statement), invoiceIds: r.invoice_ids });

export const billingRunRepository: BillingRunStore = {
  async pricedUsage(tx, from, to, zone) {
    // Each record is priced by the tariff in force on its periodStart's local day in the billing zone. Records are
    // added up per day first, so the tariff join sees a few thousand rows instead of millions.
    const rows = await sql<{ tenant_id: string; provider: string; resource: string; resource_name: string; resource_name_en: string | null; unit: string; unit_code: string; unit_price: string | null; quantity: string; records: string; first_start: Date }>`
      WITH daily AS (
        SELECT u.tenant_id, u.provider, u.resource, (u.period_start AT TIME ZONE ${zone})::date AS day,
               sum(u.quantity) AS quantity, count(*) AS records, min(u.period_start) AS first_start
          FROM usage_records u
         WHERE u.period_start >= ${from} AND u.period_start < ${to}
         GROUP BY 1, 2, 3, 4
      )
      SELECT d.tenant_id, d.provider, d.resource, r.name AS resource_name, r.name_en AS resource_name_en, r.unit, r.unit_code,
             t.unit_price::text AS unit_price, sum(d.quantity)::text AS quantity, sum(d.records)::text AS records, min(d.first_start) AS first_start
        FROM daily d
        JOIN billing_resources r ON r.code = d.resource AND r.billable
        LEFT JOIN tariffs t ON t.provider = d.provider AND t.resource = d.resource
         AND ${tariffInForce('t', sql`d.day`)}
       GROUP BY d.tenant_id, d.provider, d.resource, r.name, r.name_en, r.unit, r.unit_code, t.unit_price
       ORDER BY d.tenant_id, d.provider, d.resource, t.unit_price`.execute(trxOf(tx));
    return rows.rows.map((r) => ({ tenantId: r.tenant_id, provider: r.provider, resource: r.resource, resourceName: r.resource_name, resourceNameEn: r.resource_name_en, unit: r.unit, unitCode: r.unit_code, unitPrice: r.unit_price, quantity: r.quantity, records: Number(r.records), firstPeriodStart: r.first_start }));
  },

  async activeUsers(tx, from, to) {
    const rows = await sql<{ tenant_id: string; quantity: string }>`
      SELECT DISTINCT ON (tenant_id) tenant_id, quantity::text AS quantity
      FROM usage_records u JOIN billing_resources r ON r.code = u.resource
      WHERE r.kind = 'gauge' AND u.resource = 'active_users' AND u.period_start >= ${from} AND u.period_start < ${to}
      ORDER BY tenant_id, period_start DESC, seq DESC`.execute(trxOf(tx));
    return new Map(rows.rows.map((r) => [r.tenant_id, r.quantity]));
  },

  async pools(tx, month) {
    const rows = await trxOf(tx).selectFrom('cost_pools').select(['id', 'description', 'description_en', 'driver', sql<string>`amount::text`.as('amount')]).where('month', '=', month).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, description: r.description, descriptionEn: r.description_en, amount: r.amount, driver: r.driver as PoolDriver }));
  },

  async insert(tx, run) {
    const row = await trxOf(tx)
      .insertInto('billing_runs')
      .values({ month: run.month, kind: run.kind, status: 'draft', problems: JSON.stringify(run.problems), computed_at: run.computedAt, created_by: run.createdBy })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRun(row);
  },

  async replaceDraft(tx, runId, problems, computedAt, statements) {
    const db = trxOf(tx);
    await db.updateTable('billing_runs').set({ problems: JSON.stringify(problems), computed_at: computedAt }).where('id', '=', runId).where('status', '=', 'draft').execute();
    await db.deleteFrom('billing_statements').where('run_id', '=', runId).execute();
    if (statements.length === 0) return;
    await db
      .insertInto('billing_statements')
      .values(statements.map((s) => ({ run_id: runId, tenant_id: s.tenantId, statement: JSON.stringify(statementToJson(s)), net_cents: s.netCents, vat_cents: s.vatCents, total_cents: s.totalCents })))
      .execute();
  },

  async get(tx, runId, forUpdate = false) {
    let q = trxOf(tx).selectFrom('billing_runs').selectAll().where('id', '=', runId);
    if (forUpdate) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    return row ? toRun(row) : null;
  },

  async list(tx, month) {
    let q = trxOf(tx).selectFrom('billing_runs').selectAll().orderBy('created_at', 'desc');
    if (month) q = q.where('month', '=', month);
    return (await q.limit(200).execute()).map(toRun);
  },

  async statements(tx, runId) {
    const rows = await trxOf(tx).selectFrom('billing_statements').selectAll().where('run_id', '=', runId).execute();
    return rows.map(toStored);
  },

  async setInvoices(tx, runId, tenantId, invoiceIds) {
    await trxOf(tx).updateTable('billing_statements').set({ invoice_ids: invoiceIds }).where('run_id', '=', runId).where('tenant_id', '=', tenantId).execute();
  },

  async markFinalized(tx, runId, at, by) {
    await trxOf(tx).updateTable('billing_runs').set({ status: 'finalized', finalized_at: at, finalized_by: by, finalization: sql<string>`nextval('billing_run_finalizations')` }).where('id', '=', runId).where('status', '=', 'draft').execute();
  },

  async invoicedStatements(tx, month) {
    const rows = await sql<Selectable<BillingStatementsTable>>`
      SELECT DISTINCT ON (s.tenant_id) s.*
      FROM billing_statements s JOIN billing_runs r ON r.id = s.run_id
      WHERE r.month = ${month} AND r.status = 'finalized'
      ORDER BY s.tenant_id, r.finalization DESC`.execute(trxOf(tx));
    return new Map(rows.rows.map((r) => [r.tenant_id, toStored(r)]));
  },
};
