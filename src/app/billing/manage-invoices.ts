import type { Actor } from '../../domain/actor.js';
import { DEFAULT_LANGUAGE, type Language } from '../../domain/locale.js';
import { FieldErrors, notFound } from '../../domain/errors.js';
import { checkRegistrationNumber, checkVatNumber } from '../../domain/registration-number.js';
import { requirePermission, requireTenantAccess, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import { invoiceDocument } from '../documents/invoice-pdf.js';
import { renderPdf } from '../documents/pdf.js';
import type { IssuedInvoice, SellerSettings } from './invoice-ports.js';
import type { BillingDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

/** The agency as it appears on invoices; every signed-in role may read it (it is on their invoices). */
export async function getSeller(deps: BillingDeps, actor: Actor): Promise<SellerSettings> {
  return deps.store.run(scopeOf(actor), (tx) => deps.store.invoices.seller(tx));
}

export type SellerInput = Omit<SellerSettings, 'updatedAt' | 'updatedBy'>;

const IBAN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/** ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function isValidIban(iban: string): boolean {
  if (!IBAN.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  return BigInt(digits) % 97n === 1n;
}

export async function updateSeller(deps: BillingDeps, actor: Actor, input: SellerInput): Promise<SellerSettings> {
  requirePermission(actor, 'seller.write');
  const errors = new FieldErrors();
  if (!input.name.trim()) errors.add('name', 'required', 'must not be empty');
  if (checkRegistrationNumber(input.registrationNumber)) errors.add('registrationNumber', 'registration_number_check_digit', 'must be 11 digits with a valid check digit');
  if (input.vatNumber !== null && checkVatNumber(input.vatNumber)) errors.add('vatNumber', 'vat_number_format', 'must be LV and a valid registration number');
  if (!isValidIban(input.iban)) errors.add('iban', 'invalid_iban', 'must be a valid IBAN without spaces (e.g. LV80BANK0000435195001)');
  if (input.bic !== null && !/^[A-Z0-9]{8}([A-Z0-9]{3})?$/.test(input.bic)) errors.add('bic', 'invalid_bic', 'must be 8 or 11 letters and digits');
  if (!Number.isInteger(input.paymentTermsDays) || input.paymentTermsDays < 1 || input.paymentTermsDays > 120) errors.add('paymentTermsDays', 'out_of_range', 'must be a whole number of days from 1 to 120', { min: 1, max: 120 });
  if (!/^[A-Z][A-Z0-9]{1,9}$/.test(input.invoiceSeries)) errors.add('invoiceSeries', 'invalid_identifier', 'must be 2–10 capital letters or digits, starting with a letter');
  for (const field of ['street', 'city', 'postalCode'] as const) if (!input.address[field].trim()) errors.add(`address.${field}`, 'required', 'must not be empty');
  if (!/^[A-Z]{2}$/.test(input.address.country)) errors.add('address.country', 'invalid_country', 'must be an ISO 3166-1 alpha-2 code such as LV');
  errors.throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.invoices.seller(tx);
    const after = await deps.store.invoices.updateSeller(tx, { ...input, updatedBy: actor.label }, deps.clock.now());
    await recordAudit(deps, tx, actor, { action: 'seller.updated', entityType: 'seller_settings', entityId: null, tenantId: null, before, after });
    return after;
  });
}

export async function listInvoices(deps: BillingDeps, actor: Actor, tenantId: string | undefined, month: string | undefined): Promise<IssuedInvoice[]> {
  requirePermission(actor, 'invoices.read');
  if (tenantId) requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (tenantId && !(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    return deps.store.invoices.list(tx, tenantId ?? tenantFilterOf(actor), { month });
  });
}

export async function getInvoice(deps: BillingDeps, actor: Actor, invoiceId: string) {
  requirePermission(actor, 'invoices.read');
  // Row-level security hides other municipalities' invoices: theirs look like missing ones.
  const invoice = await deps.store.run(scopeOf(actor), (tx) => deps.store.invoices.get(tx, invoiceId));
  if (!invoice) throw notFound('Invoice');
  return invoice;
}

export async function invoicePdf(deps: BillingDeps, actor: Actor, invoiceId: string, language: Language = DEFAULT_LANGUAGE): Promise<{ number: string; pdf: Buffer }> {
  const invoice = await getInvoice(deps, actor, invoiceId);
  return { number: invoice.number, pdf: await renderPdf(invoiceDocument(invoice.document, language)) };
}
