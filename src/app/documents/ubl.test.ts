import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { priceInvoice, type Invoice, type InvoiceLineInput } from '../../domain/billing/invoice.js';
import { checkRules, text, type XmlObject } from '../../../test/support/en16931.js';
import { PEPPOL_CUSTOMIZATION, PEPPOL_PROFILE, toUbl } from './ubl.js';

// The EN 16931 arithmetic is checked on the XML itself (test/support/en16931.ts), with its own
// arithmetic on the printed strings, not with the generator's model.

const seller = {
  name: 'Rīgas digitālā aģentūra',
  registrationNumber: '90011524360',
  vatNumber: 'LV90011524360',
  address: { street: 'Dzirnavu iela 140', city: 'Rīga', postalCode: 'LV-1050', country: 'LV' },
  endpoint: { scheme: '0218' as const, id: '90011524360' },
  email: 'rekini@rda.lv',
  iban: 'LV80BANK0000435195001',
  bic: 'HABALV22',
};
const buyer = {
  name: 'Cēsu novada pašvaldība',
  registrationNumber: '90000031828',
  vatNumber: 'LV90000031828',
  address: { street: 'Raunas iela 4', city: 'Cēsis', postalCode: 'LV-4101', country: 'LV' },
  endpoint: { scheme: '0218' as const, id: '90000031828' },
  email: null,
};

function invoiceOf(lines: InvoiceLineInput[], kind: Invoice['kind'] = 'invoice', vat: { category: 'S' | 'E'; ratePercent: string; exemptionReason: string | null } = { category: 'S', ratePercent: '21', exemptionReason: null }): Invoice {
  const priced = priceInvoice(lines, vat);
  return {
    kind,
    number: kind === 'invoice' ? 'KOPA-2026-00001' : 'KOPA-KR-2026-00001',
    issueDate: '2026-11-02',
    dueDate: '2026-12-02',
    currency: 'EUR',
    buyerReference: 'CNP-IT-2026',
    seller,
    buyer,
    paymentTerms: '30 dienas no rēķina datuma.',
    corrects: kind === 'credit_note' ? { number: 'KOPA-2026-00001', issueDate: '2026-11-02' } : null,
    period: { start: '2026-10-01', end: '2026-10-31' },
    notes: ['Oktobra izmaksas'],
    ...priced,
  };
}

const hosting: InvoiceLineInput[] = [
  { description: 'LVRTC vCPU stundas', quantity: '2976', unitCode: 'HUR', unitPrice: '0.012345' },
  { description: 'LVRTC RAM GB stundas', quantity: '11904.5', unitCode: 'HUR', unitPrice: '0.0031' },
  { description: 'Administrēšana: 412 no 2 310 lietotājiem', quantity: '1', unitCode: 'C62', unitPrice: '1783.55', note: 'Izmaksu fonds “Platformas uzturēšana” 10 000.00 EUR' },
];

describe('UBL invoices (Peppol BIS Billing 3.0)', () => {
  it('prices a hand-computed invoice and the XML obeys EN 16931’s arithmetic', () => {
    const invoice = invoiceOf(hosting);
    // 2976 × 0.012345 = 36.73872 → 36.74; 11904.5 × 0.0031 = 36.90395 → 36.90; 1783.55.
    expect(invoice.lines.map((l) => l.netCents)).toEqual([3674n, 3690n, 178355n]);
    // net 1857.19; VAT 21 % = 390.0099 → 390.01; total 2247.20.
    expect(invoice.totals).toMatchObject({ lineExtensionCents: 185719n, taxCents: 39001n, payableCents: 224720n });
    const doc = checkRules(toUbl(invoice), 'Invoice');
    expect(text(doc['cbc:CustomizationID'])).toBe(PEPPOL_CUSTOMIZATION);
    expect(text(doc['cbc:ProfileID'])).toBe(PEPPOL_PROFILE);
    expect(text(doc['cbc:BuyerReference'])).toBe('CNP-IT-2026'); // PEPPOL-EN16931-R003
    expect(text(doc['cbc:InvoiceTypeCode'])).toBe('380');
    const buyerParty = (doc['cac:AccountingCustomerParty'] as XmlObject)['cac:Party'] as XmlObject;
    expect(buyerParty['cbc:EndpointID']).toEqual({ '@schemeID': '0218', '#': '90000031828' });
    expect(text(((doc['cac:PaymentMeans'] as XmlObject)['cac:PayeeFinancialAccount'] as XmlObject)['cbc:ID'])).toBe('LV80BANK0000435195001');
  });

  it('writes a credit note that references the invoice it corrects', () => {
    const doc = checkRules(toUbl(invoiceOf(hosting.slice(0, 1), 'credit_note')), 'CreditNote');
    expect(text(doc['cbc:CreditNoteTypeCode'])).toBe('381');
    expect(text(((doc['cac:BillingReference'] as XmlObject)['cac:InvoiceDocumentReference'] as XmlObject)['cbc:ID'])).toBe('KOPA-2026-00001');
  });

  it('states the exemption reason for a VAT-exempt buyer, with no tax', () => {
    const doc = checkRules(toUbl(invoiceOf(hosting, 'invoice', { category: 'E', ratePercent: '21', exemptionReason: 'PVN likuma 3. panta astotā daļa' })), 'Invoice');
    const sub = (doc['cac:TaxTotal'] as XmlObject)['cac:TaxSubtotal'] as XmlObject;
    expect(text((sub['cac:TaxCategory'] as XmlObject)['cbc:TaxExemptionReason'])).toBe('PVN likuma 3. panta astotā daļa');
    expect(text(sub['cbc:TaxAmount'])).toBe('0.00');
  });

  it('keeps the rules for any lines (property)', () => {
    const amount = (max: number, decimals: number) => fc.integer({ min: 0, max }).map((n) => (n / 10 ** decimals).toFixed(decimals));
    const line = fc.record({ description: fc.constantFrom('vCPU stundas', 'Krātuve GB mēnesī', 'Administrēšana'), quantity: amount(10_000_000, 3), unitCode: fc.constantFrom('HUR', 'E34', 'C62'), unitPrice: amount(5_000_000, 6) });
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => void checkRules(toUbl(invoiceOf(lines)), 'Invoice')), { numRuns: 200 });
  });
});
