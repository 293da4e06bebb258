import { describe, expect, it } from 'vitest';
import { priceInvoice, type Invoice } from '../../domain/billing/invoice.js';
import { invoiceDocument } from './invoice-pdf.js';
import { renderPdf } from './pdf.js';
import { statementDocument } from './statement-pdf.js';
import { pdfLines } from '../../../test/support/pdf-text.js';
import { monthNameLv, slaReportDocument } from './sla-report-pdf.js';

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('Latvian PDF documents', () => {
  it('writes Latvian month names', () => {
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
    // The UN/ECE code stays in the UBL file; a person reads the unit as a word in the PDF's language.
    const lv = (await pdfLines(pdf)).join('\n');
    expect(lv).toContain('st.');
    expect(lv).not.toMatch(/\bHUR\b/);
    const en = (await pdfLines(await renderPdf(invoiceDocument(invoice, 'en')))).join('\n');
    expect(en).toMatch(/\bh\b/);
    expect(en).not.toMatch(/\bHUR\b/);
  });

  it('renders a statement with every line explained, on one page for a typical month', async () => {
    const doc = statementDocument({
      month: '2026-10',
      invoiceNumbers: ['KOPA-2026-00001'],
      generatedOn: '2026-11-02',
      statement: {
        tenantId: 't', tenantName: 'Cēsu novada pašvaldība', currency: 'EUR', invoiceIds: ['i'], previousMonth: { net: '1700.00', total: '2057.00' },
        lines: [
          { kind: 'hosting', description: 'LVRTC: vCPU stundas', descriptionEn: null, quantity: '2976', unit: 'vCPU h', unitPrice: '0.012345', amount: '36.74', explanation: '2976 vCPU h × 0.012345 EUR (LVRTC tarifs)', structuredExplanation: { code: 'hosting_usage', params: { quantity: '2976', unit: 'vCPU h', unitPrice: '0.012345', provider: 'LVRTC' } } },
          { kind: 'administration', description: 'Platformas administrēšana', descriptionEn: null, quantity: '1', unit: 'daļa', unitPrice: '1783.55', amount: '1783.55', explanation: '412 no 2 310 aktīvajiem lietotājiem; fonds 10000.00 EUR', structuredExplanation: { code: 'share_active_users', params: { value: '412', total: '2310', poolAmount: '10000.00' } } },
        ],
        net: '1820.29', vat: '382.26', vatRate: '21', total: '2202.55',
      },
    });
    // The explanation travels with its line, in the same table cell.
    expect(JSON.stringify(doc.content)).toContain('412 no 2\u00a0310 aktīvajiem lietotājiem; fonds 10\u00a0000,00 EUR');
    const pdf = await renderPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(1);
  });
});

describe('PDF documents in English', () => {
  const line = (code: 'hosting_usage' | 'share_active_users', params: Record<string, string>) => ({ structuredExplanation: { code, params } });
  const statement = {
    tenantId: 't', tenantName: 'Cēsis Municipality', currency: 'EUR' as const, invoiceIds: [], previousMonth: null,
    lines: [
      { kind: 'hosting' as const, description: 'LVRTC: vCPU', descriptionEn: 'LVRTC: virtual CPU hours', quantity: '2976', unit: 'vCPU h', unitPrice: '0.012345', amount: '36.74', explanation: 'unused', ...line('hosting_usage', { quantity: '2976', unit: 'vCPU h', unitPrice: '0.012345', provider: 'LVRTC' }) },
      { kind: 'administration' as const, description: 'Administration', descriptionEn: null, quantity: '1', unit: 'daļa', unitPrice: '1783.55', amount: '1783.55', explanation: 'unused', ...line('share_active_users', { value: '412', total: '2310', poolAmount: '10000.00' }) },
    ],
    net: '1820.29', vat: '382.26', vatRate: '21', total: '2202.55',
  };

  it('writes a statement with English words, decimal points and comma thousands, tagged en-GB', () => {
    const doc = statementDocument({ month: '2026-10', invoiceNumbers: [], generatedOn: '2026-11-02', statement, language: 'en' });
    const text = JSON.stringify(doc.content);
    expect(doc.language).toBe('en-GB');
    for (const expected of ['Cost statement for 2026-10', 'Cēsis Municipality · prepared 2 November 2026', '2,976 vCPU h × 0.012345 EUR (LVRTC tariff)', '412 of 2,310 active users; pool 10,000.00 EUR', '1,820.29 EUR', 'VAT 21%', 'Not invoiced yet.']) expect(text).toContain(expected);
    expect(text).not.toMatch(/Izmaksu|Summa|\d,\d{2} EUR(?!\d)/);
  });

  it('names a line by its English variant in English and by the Latvian name in Latvian; without a variant, by the Latvian name', () => {
    const en = JSON.stringify(statementDocument({ month: '2026-10', invoiceNumbers: [], generatedOn: '2026-11-02', statement, language: 'en' }).content);
    expect(en).toContain('"LVRTC: virtual CPU hours"');
    expect(en).not.toContain('"LVRTC: vCPU"');
    expect(en).toContain('"Administration"');
    const lv = JSON.stringify(statementDocument({ month: '2026-10', invoiceNumbers: [], generatedOn: '2026-11-02', statement, language: 'lv' }).content);
    expect(lv).toContain('"LVRTC: vCPU"');
    expect(lv).not.toContain('virtual CPU hours');
  });

  it('writes the SLA report with English headings and the definitions page in English', () => {
    const doc = slaReportDocument({ tenantName: 'Cēsis', month: '2026-10', generatedAt: '2026-11-02T08:00:00Z', services: [], language: 'en' });
    const text = JSON.stringify(doc.content);
    expect(doc.language).toBe('en-GB');
    for (const expected of ['Service availability report', 'Cēsis · October 2026', 'The municipality used no monitored service this month.', 'Definitions', 'Times are Riga time.']) expect(text).toContain(expected);
  });

  it('lists each maintenance window and names who declared an announcement made outside Kopa', () => {
    const service = { serviceId: 's', serviceCode: 'DVS', serviceName: 'DVS', periodStart: '2026-10-31T22:00:00Z', periodEnd: '2026-11-30T22:00:00Z', availabilityPercent: 100, upSeconds: 1, downSeconds: 0, maintenanceSeconds: 3600, unknownSeconds: 0, coveragePercent: 100, targetPercent: 97, met: true, monitors: 1, outages: [], excludedSeconds: 0, exclusions: [] };
    const maintenance = [
      { id: 'a', title: 'Tīkla darbi', startsAt: '2026-11-20T20:00:00Z', endsAt: '2026-11-20T21:00:00Z', announcedAt: '2026-09-01T08:00:00Z', counted: true, declaredBy: 'Operators Ozols' },
      { id: 'b', title: 'Kopas paziņota', startsAt: '2026-11-24T20:00:00Z', endsAt: '2026-11-24T21:00:00Z', announcedAt: '2026-11-01T08:00:00Z', counted: true, declaredBy: null },
    ];
    const lv = JSON.stringify(slaReportDocument({ tenantName: 'Cēsis', month: '2026-11', generatedAt: '2026-12-01T08:00:00Z', services: [{ ...service, maintenance }] }).content);
    expect(lv).toContain('Plānotās apkopes');
    expect(lv).toContain('paziņojumu deklarējis Operators Ozols');
    expect(lv.match(/deklarējis/g)).toHaveLength(1);
    const en = JSON.stringify(slaReportDocument({ tenantName: 'Cēsis', month: '2026-11', generatedAt: '2026-12-01T08:00:00Z', services: [{ ...service, maintenance }], language: 'en' }).content);
    expect(en).toContain('declared by Operators Ozols');
  });
});
