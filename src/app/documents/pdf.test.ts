import { describe, expect, it } from 'vitest';
import { priceInvoice, type Invoice } from '../../domain/billing/invoice.js';
import { invoiceDocument } from './invoice-pdf.js';
import { renderPdf } from './pdf.js';
import { statementDocument } from './statement-pdf.js';
import { durationLv, monthNameLv, slaReportDocument } from './sla-report-pdf.js';

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('Latvian PDF documents', () => {
  it('writes exact durations and Latvian month names', () => {
    expect(durationLv(3600)).toBe('1 h 00 min 00 s');
    expect(durationLv(82_800)).toBe('23 h 00 min 00 s');
    expect(durationLv(61)).toBe('1 min 01 s');
    expect(durationLv(9)).toBe('9 s');
    expect(monthNameLv('2026-10')).toBe('2026. gada oktobris');
  });

  it('renders the availability report with its definitions page', async () => {
    const pdf = await renderPdf(
      slaReportDocument({
        tenantName: 'Cēsu novada pašvaldība',
        month: '2026-10',
        generatedAt: '2026-11-02T07:00:00Z',
        services: [
          { serviceId: 's', serviceCode: 'DVS', serviceName: 'Dokumentu vadības sistēma', periodStart: '2026-09-30T21:00:00Z', periodEnd: '2026-10-31T22:00:00Z', availabilityPercent: 99.5, upSeconds: 2_668_590, downSeconds: 13_410, maintenanceSeconds: 0, unknownSeconds: 0, coveragePercent: 100, targetPercent: 97, met: true, monitors: 1, outages: [{ start: '2026-10-12T08:00:00Z', end: '2026-10-12T11:43:30Z', seconds: 13_410, excludedSeconds: 0, exclusionIds: [] }], maintenance: [], excludedSeconds: 600, exclusions: [{ id: 'e', startsAt: '2026-10-20T08:00:00Z', endsAt: '2026-10-20T08:10:00Z', reason: 'Uzraudzības aģenta kļūda', createdBy: 'Operators', createdAt: '2026-10-21T08:00:00Z' }] },
        ],
      }),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(2); // the report, then the definitions on a page of their own
  });

  it('renders an invoice', async () => {
    const party = { name: 'Cēsu novada pašvaldība', registrationNumber: '90000031828', vatNumber: null, address: null, endpoint: { scheme: '0218' as const, id: '90000031828' }, email: null };
    const invoice: Invoice = {
      kind: 'invoice', number: 'KOPA-2026-00001', issueDate: '2026-11-02', dueDate: '2026-12-02', currency: 'EUR', buyerReference: 'CNP', seller: { ...party, name: 'Rīgas digitālā aģentūra', iban: 'LV80BANK0000435195001', bic: null }, buyer: party, paymentTerms: '30 dienas.', corrects: null, period: { start: '2026-10-01', end: '2026-10-31' }, notes: [],
      ...priceInvoice([{ description: 'vCPU stundas', quantity: '2976', unitCode: 'HUR', unitPrice: '0.012345' }], { category: 'S', ratePercent: '21', exemptionReason: null }),
    };
    const pdf = await renderPdf(invoiceDocument(invoice));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(1);
  });

  it('renders a statement with every line explained, on one page for a typical month', async () => {
    const doc = statementDocument({
      month: '2026-10',
      invoiceNumbers: ['KOPA-2026-00001'],
      generatedOn: '2026-11-02',
      statement: {
        tenantId: 't', tenantName: 'Cēsu novada pašvaldība', currency: 'EUR', invoiceIds: ['i'], previousMonth: { net: '1700.00', total: '2057.00' },
        lines: [
          { kind: 'hosting', description: 'LVRTC: vCPU stundas', quantity: '2976', unit: 'vCPU h', unitPrice: '0.012345', amount: '36.74', explanation: '2976 vCPU h × 0.012345 EUR (LVRTC tarifs)' },
          { kind: 'administration', description: 'Platformas administrēšana', quantity: '1', unit: 'daļa', unitPrice: '1783.55', amount: '1783.55', explanation: '412 no 2 310 aktīvajiem lietotājiem; fonds 10000.00 EUR' },
        ],
        net: '1820.29', vat: '382.26', vatRate: '21', total: '2202.55',
      },
    });
    // The explanation travels with its line, in the same table cell.
    expect(JSON.stringify(doc.content)).toContain('412 no 2 310 aktīvajiem lietotājiem');
    const pdf = await renderPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(1);
  });
});
