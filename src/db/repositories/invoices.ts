import { sql, type Selectable } from 'kysely';
import type { InvoiceStore, IssuedInvoice, SellerSettings } from '../../app/billing/invoice-ports.js';
import { invoiceFromJson, invoiceToJson, type Invoice } from '../../domain/billing/invoice.js';
import type { InvoicesTable, SellerSettingsTable } from '../invoice-schema.js';
import { trxOf } from '../tx.js';

const toSeller = (r: Selectable<SellerSettingsTable>): SellerSettings => ({
  name: r.name,
  registrationNumber: r.registration_number,
  vatNumber: r.vat_number,
  address: { street: r.street, city: r.city, postalCode: r.postal_code, country: r.country },
  iban: r.iban,
  bic: r.bic,
  email: r.email,
  paymentTermsDays: r.payment_terms_days,
  invoiceSeries: r.invoice_series,
  updatedAt: r.updated_at.toISOString(),
  updatedBy: r.updated_by,
});

const toIssued = (r: Selectable<InvoicesTable>): IssuedInvoice => ({
  id: r.id,
  tenantId: r.tenant_id,
  billingRunId: r.billing_run_id,
  kind: r.kind as Invoice['kind'],
  number: r.number,
  month: r.month,
  issueDate: r.issue_date,
  dueDate: r.due_date,
  currency: 'EUR',
  netCents: BigInt(r.net_cents),
  vatCents: BigInt(r.vat_cents),
  totalCents: BigInt(r.total_cents),
  correctsInvoiceId: r.corrects_invoice_id,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
});

export const invoiceRepository: InvoiceStore = {
  async seller(tx) {
    return toSeller(await trxOf(tx).selectFrom('seller_settings').selectAll().executeTakeFirstOrThrow());
  },
  async updateSeller(tx, s, at) {
    const row = await trxOf(tx)
      .updateTable('seller_settings')
      .set({
        name: s.name,
        registration_number: s.registrationNumber,
        vat_number: s.vatNumber,
        street: s.address.street,
        city: s.address.city,
        postal_code: s.address.postalCode,
        country: s.address.country,
        iban: s.iban,
        bic: s.bic,
        email: s.email,
        payment_terms_days: s.paymentTermsDays,
        invoice_series: s.invoiceSeries,
        updated_at: at,
        updated_by: s.updatedBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSeller(row);
  },
  async nextNumber(tx, series, year) {
    // The row lock taken here is held until the invoice's transaction ends: numbers never skip.
    const row = await sql<{ last: number }>`
      INSERT INTO invoice_counters (series, year, last) VALUES (${series}, ${year}, 1)
      ON CONFLICT (series, year) DO UPDATE SET last = invoice_counters.last + 1
      RETURNING last`.execute(trxOf(tx));
    return row.rows[0]!.last;
  },
  async insert(tx, i) {
    const row = await trxOf(tx)
      .insertInto('invoices')
      .values({
        tenant_id: i.tenantId,
        billing_run_id: i.billingRunId,
        kind: i.kind,
        series: i.series,
        year: i.year,
        seq: i.seq,
        number: i.number,
        month: i.month,
        issue_date: i.issueDate,
        due_date: i.dueDate,
        currency: i.currency,
        net_cents: i.netCents,
        vat_cents: i.vatCents,
        total_cents: i.totalCents,
        corrects_invoice_id: i.correctsInvoiceId,
        document: JSON.stringify(invoiceToJson(i.document)),
        ubl: i.ubl,
        created_by: i.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toIssued(row);
  },
  async list(tx, tenantId, filter) {
    let q = trxOf(tx).selectFrom('invoices').selectAll().orderBy('year', 'desc').orderBy('series').orderBy('seq', 'desc');
    if (tenantId) q = q.where('tenant_id', '=', tenantId);
    if (filter.month) q = q.where('month', '=', filter.month);
    return (await q.execute()).map(toIssued);
  },
  async get(tx, invoiceId) {
    const row = await trxOf(tx).selectFrom('invoices').selectAll().where('id', '=', invoiceId).executeTakeFirst();
    return row ? { ...toIssued(row), document: invoiceFromJson(row.document), ubl: row.ubl } : null;
  },
};
