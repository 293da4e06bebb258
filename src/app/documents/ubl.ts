import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { formatQuantity, type Invoice, type Party } from '../../domain/billing/invoice.js';
import { formatCents } from '../../domain/money.js';

const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};
export const PEPPOL_CUSTOMIZATION = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

type Node = XMLBuilder;
const cbc = (parent: Node, name: string, text: string, attrs?: Record<string, string>) => parent.ele(NS.cbc, `cbc:${name}`, attrs).txt(text).up();
const cac = (parent: Node, name: string) => parent.ele(NS.cac, `cac:${name}`);
const money = (parent: Node, name: string, cents: bigint, currency: string) => cbc(parent, name, formatCents(cents), { currencyID: currency });

function party(parent: Node, role: 'AccountingSupplierParty' | 'AccountingCustomerParty', p: Party): void {
  const node = cac(cac(parent, role), 'Party');
  cbc(node, 'EndpointID', p.endpoint.id, { schemeID: p.endpoint.scheme });
  cbc(cac(node, 'PartyIdentification'), 'ID', p.registrationNumber, { schemeID: '0218' });
  cbc(cac(node, 'PartyName'), 'Name', p.name);
  if (p.address) {
    const address = cac(node, 'PostalAddress');
    cbc(address, 'StreetName', p.address.street);
    cbc(address, 'CityName', p.address.city);
    cbc(address, 'PostalZone', p.address.postalCode);
    cbc(cac(address, 'Country'), 'IdentificationCode', p.address.country);
  } else {
    // BR-08/BR-10: the country code is required even without a street address.
    cbc(cac(cac(node, 'PostalAddress'), 'Country'), 'IdentificationCode', 'LV');
  }
  if (p.vatNumber) {
    const tax = cac(node, 'PartyTaxScheme');
    cbc(tax, 'CompanyID', p.vatNumber);
    cbc(cac(tax, 'TaxScheme'), 'ID', 'VAT');
  }
  const legal = cac(node, 'PartyLegalEntity');
  cbc(legal, 'RegistrationName', p.name);
  cbc(legal, 'CompanyID', p.registrationNumber, { schemeID: '0218' });
  if (p.email) cbc(cac(node, 'Contact'), 'ElectronicMail', p.email);
}

function taxCategory(parent: Node, name: 'TaxCategory' | 'ClassifiedTaxCategory', category: string, ratePercent: string, exemptionReason: string | null): void {
  const node = cac(parent, name);
  cbc(node, 'ID', category);
  cbc(node, 'Percent', formatQuantity(ratePercent));
  if (name === 'TaxCategory' && exemptionReason) cbc(node, 'TaxExemptionReason', exemptionReason);
  cbc(cac(node, 'TaxScheme'), 'ID', 'VAT');
}

/** The invoice as UBL 2.1 following Peppol BIS Billing 3.0; a credit note as UBL CreditNote. */
export function toUbl(invoice: Invoice): string {
  const credit = invoice.kind === 'credit_note';
  const currency = invoice.currency;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(credit ? NS.creditNote : NS.invoice, credit ? 'CreditNote' : 'Invoice', { 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc });
  cbc(root, 'CustomizationID', PEPPOL_CUSTOMIZATION);
  cbc(root, 'ProfileID', PEPPOL_PROFILE);
  cbc(root, 'ID', invoice.number);
  cbc(root, 'IssueDate', invoice.issueDate);
  if (!credit) cbc(root, 'DueDate', invoice.dueDate);
  cbc(root, credit ? 'CreditNoteTypeCode' : 'InvoiceTypeCode', credit ? '381' : '380');
  for (const note of invoice.notes) cbc(root, 'Note', note);
  cbc(root, 'DocumentCurrencyCode', currency);
  cbc(root, 'BuyerReference', invoice.buyerReference);
  const period = cac(root, 'InvoicePeriod');
  cbc(period, 'StartDate', invoice.period.start);
  cbc(period, 'EndDate', invoice.period.end);
  if (invoice.corrects) {
    const reference = cac(cac(root, 'BillingReference'), 'InvoiceDocumentReference');
    cbc(reference, 'ID', invoice.corrects.number);
    cbc(reference, 'IssueDate', invoice.corrects.issueDate);
  }
  party(root, 'AccountingSupplierParty', invoice.seller);
  party(root, 'AccountingCustomerParty', invoice.buyer);
  const means = cac(root, 'PaymentMeans');
  cbc(means, 'PaymentMeansCode', '58', { name: 'SEPA credit transfer' });
  cbc(means, 'PaymentID', invoice.number);
  const account = cac(means, 'PayeeFinancialAccount');
  cbc(account, 'ID', invoice.seller.iban);
  cbc(account, 'Name', invoice.seller.name);
  if (invoice.seller.bic) cbc(cac(account, 'FinancialInstitutionBranch'), 'ID', invoice.seller.bic);
  cbc(cac(root, 'PaymentTerms'), 'Note', credit ? `${invoice.paymentTerms}` : `${invoice.paymentTerms} Apmaksas termiņš: ${invoice.dueDate}.`);

  const taxTotal = cac(root, 'TaxTotal');
  money(taxTotal, 'TaxAmount', invoice.totals.taxCents, currency);
  for (const v of invoice.totals.vat) {
    const sub = cac(taxTotal, 'TaxSubtotal');
    money(sub, 'TaxableAmount', v.taxableCents, currency);
    money(sub, 'TaxAmount', v.taxCents, currency);
    taxCategory(sub, 'TaxCategory', v.category, v.ratePercent, v.exemptionReason);
  }
  const totals = cac(root, 'LegalMonetaryTotal');
  money(totals, 'LineExtensionAmount', invoice.totals.lineExtensionCents, currency);
  money(totals, 'TaxExclusiveAmount', invoice.totals.taxExclusiveCents, currency);
  money(totals, 'TaxInclusiveAmount', invoice.totals.taxInclusiveCents, currency);
  money(totals, 'PayableAmount', invoice.totals.payableCents, currency);

  const vat = invoice.totals.vat[0]!;
  for (const line of invoice.lines) {
    const node = cac(root, credit ? 'CreditNoteLine' : 'InvoiceLine');
    cbc(node, 'ID', line.id);
    cbc(node, credit ? 'CreditedQuantity' : 'InvoicedQuantity', formatQuantity(line.quantity), { unitCode: line.unitCode });
    money(node, 'LineExtensionAmount', line.netCents, currency);
    const item = cac(node, 'Item');
    if (line.note) cbc(item, 'Description', line.note);
    cbc(item, 'Name', line.description);
    taxCategory(item, 'ClassifiedTaxCategory', vat.category, vat.ratePercent, null);
    cbc(cac(node, 'Price'), 'PriceAmount', formatQuantity(line.unitPrice), { currencyID: currency });
  }
  return root.end({ prettyPrint: true });
}
