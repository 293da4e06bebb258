import type { Actor } from '../../domain/actor.js';
import { agreementForMonth } from '../../domain/agreement.js';
import { firstDayOf, lastDayOf } from '../../domain/calendar/month.js';
import { vatRateOn } from '../../domain/billing/vat.js';
import { priceInvoice, type Invoice, type InvoiceLineInput } from '../../domain/billing/invoice.js';
import { renderExplanation, type Explanation } from '../../domain/billing/explanation.js';
import { addDays, localDateOf } from '../../domain/calendar/local-time.js';
import { notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { toUbl } from '../documents/ubl.js';
import type { IssuedInvoice } from './invoice-ports.js';
import type { BillingDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { BILLING_ZONE } from './billing-zone.js';
import { recordMunicipalityNotice } from '../notices/recipients.js';
import { invoiceNotice } from '../../domain/billing/invoice-notice.js';
import { formatCents } from '../../domain/money.js';
import { formatNumber } from '../../domain/locale.js';

const EXEMPTION: Explanation = { code: 'vat_exempt_agreement', params: {} };

export interface InvoiceRequest {
  tenantId: string;
  month: string;
  kind: Invoice['kind'];
  lines: InvoiceLineInput[];
  /** Notes as codes: the document keeps their Latvian text (the UBL's) and the codes for other languages. */
  notes?: Explanation[] | undefined;
  billingRunId?: string | null | undefined;
  /** For a credit note: the issued invoice it corrects. */
  corrects?: { id: string; number: string; issueDate: string } | undefined;
}

/**
 * Issues one invoice or credit note inside the caller's transaction: the next gapless number of
 * the series and year, the seller from settings, the buyer and BuyerReference from the tenant and
 * the agreement in force that month, totals by EN 16931, and the UBL document — all stored for good.
 */
export async function issueInvoice(deps: Pick<BillingDeps, 'store' | 'clock' | 'notifications'>, tx: Tx, actor: Actor, request: InvoiceRequest): Promise<IssuedInvoice> {
  const now = deps.clock.now();
  const issueDate = localDateOf(BILLING_ZONE, now.getTime());
  const seller = await deps.store.invoices.seller(tx);
  const tenant = await deps.store.tenants.get(tx, request.tenantId);
  if (!tenant) throw notFound('Municipality');
  const agreement = agreementForMonth(await deps.store.agreements.listCurrent(tx, tenant.id), request.month);
  if (!agreement) throw stateProblem('invalid_state', 'no_agreement', { tenant: tenant.name, month: request.month }, `${tenant.name} has no agreement in force in ${request.month}`, [fieldError('tenantId', 'no_agreement', 'has no agreement in force that month')]);
  const series = request.kind === 'credit_note' ? `${seller.invoiceSeries}-KR` : seller.invoiceSeries;
  const year = Number(issueDate.slice(0, 4));
  const seq = await deps.store.invoices.nextNumber(tx, series, year);
  const number = `${series}-${year}-${String(seq).padStart(5, '0')}`;
  // The rate of the supply period's last day: a monthly supply's tax point is the end of its period,
  // so the run's statement and its invoice agree, and a credit note keeps its month's rate.
  const priced = priceInvoice(request.lines, agreement.vatExempt ? { category: 'E', ratePercent: '0', exemptionReason: renderExplanation(EXEMPTION, 'lv') } : { category: 'S', ratePercent: vatRateOn(lastDayOf(request.month)), exemptionReason: null });
  const dueDate = addDays(issueDate, seller.paymentTermsDays);
  const paymentTerms: Explanation = { code: 'payment_terms', params: { days: String(seller.paymentTermsDays) } };
  const notes = request.notes ?? [];
  const document: Invoice = {
    kind: request.kind,
    number,
    issueDate,
    dueDate,
    currency: 'EUR',
    // PEPPOL-EN16931-R003 wants a buyer reference; the agreement number stands in when none was given.
    buyerReference: agreement.buyerReference ?? agreement.number,
    seller: {
      name: seller.name,
      registrationNumber: seller.registrationNumber,
      vatNumber: seller.vatNumber,
      address: seller.address,
      endpoint: { scheme: '0218', id: seller.registrationNumber },
      email: seller.email,
      iban: seller.iban,
      bic: seller.bic,
    },
    buyer: {
      name: tenant.name,
      registrationNumber: tenant.registrationNumber,
      vatNumber: tenant.vatNumber,
      address: tenant.address,
      endpoint: { scheme: tenant.peppolScheme === '9939' ? '9939' : '0218', id: tenant.peppolId },
      email: tenant.email,
    },
    paymentTerms: renderExplanation(paymentTerms, 'lv'),
    corrects: request.corrects ? { number: request.corrects.number, issueDate: request.corrects.issueDate } : null,
    period: { start: firstDayOf(request.month), end: lastDayOf(request.month) },
    notes: notes.map((n) => renderExplanation(n, 'lv')),
    explained: { paymentTerms, notes, exemptionReason: agreement.vatExempt ? EXEMPTION : null },
    ...priced,
  };
  const issued = await deps.store.invoices.insert(tx, {
    tenantId: tenant.id,
    billingRunId: request.billingRunId ?? null,
    kind: request.kind,
    series,
    year,
    seq,
    number,
    month: request.month,
    issueDate,
    dueDate,
    currency: 'EUR',
    netCents: priced.totals.taxExclusiveCents,
    vatCents: priced.totals.taxCents,
    totalCents: priced.totals.payableCents,
    correctsInvoiceId: request.corrects?.id ?? null,
    document,
    ubl: toUbl(document),
    createdBy: actor.label,
  });
  await recordAudit(deps, tx, actor, { action: request.kind === 'credit_note' ? 'credit_note.issued' : 'invoice.issued', entityType: 'invoice', entityId: issued.id, tenantId: tenant.id, after: { number, month: request.month, net: priced.totals.taxExclusiveCents.toString(), vat: priced.totals.taxCents.toString(), total: priced.totals.payableCents.toString(), corrects: request.corrects?.number ?? null } });
  await announceInvoice(deps, tx, issued.id, { tenantId: tenant.id, kind: request.kind, number, month: request.month, totalCents: priced.totals.payableCents }, now);
  return issued;
}

/** The municipality hears of a new invoice or credit note on the channels it chose for invoices (ADR 0020). */
async function announceInvoice(deps: Pick<BillingDeps, 'store' | 'notifications'>, tx: Tx, invoiceId: string, i: { tenantId: string; kind: Invoice['kind']; number: string; month: string; totalCents: bigint }, now: Date): Promise<void> {
  const credit = i.kind === 'credit_note';
  await recordMunicipalityNotice(
    deps,
    tx,
    {
      tenantId: i.tenantId,
      topic: 'invoices',
      eventKey: `invoice:${invoiceId}`,
      event: credit ? 'credit_note.issued' : 'invoice.issued',
      link: deps.notifications?.publicUrl ? `${deps.notifications.publicUrl}/municipalities/${i.tenantId}/costs` : null,
      words: (language) => invoiceNotice(language, { credit, number: i.number, month: i.month, total: formatNumber(formatCents(i.totalCents), language) }),
    },
    now,
  );
}
