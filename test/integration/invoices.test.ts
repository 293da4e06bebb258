import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueInvoice } from '../../src/app/billing/issue-invoice.js';
import { isValidIban } from '../../src/app/billing/manage-invoices.js';
import { systemActor } from '../../src/domain/actor.js';
import type { InvoiceLineInput } from '../../src/domain/billing/invoice.js';
import { BACKENDS } from '../support/database.js';
import { checkRules, text, type XmlObject } from '../support/en16931.js';
import { pdfLines } from '../support/pdf-text.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const finance = systemActor('test');
const SYSTEM = { role: 'system' as const, tenantId: null };
const LINES: InvoiceLineInput[] = [
  { description: 'LVRTC vCPU stundas', quantity: '2976', unitCode: 'HUR', unitPrice: '0.012345' },
  { description: 'Administrēšana: 412 no 2 310 lietotājiem', quantity: '1', unitCode: 'C62', unitPrice: '1783.55' },
];

describe.each(BACKENDS)('invoices on %s', (backend) => {
  let t: TestApp;
  let tenants: Record<string, string>;
  const issue = (slug: string, extra: Partial<Parameters<typeof issueInvoice>[3]> = {}) =>
    t.deps.store.run(SYSTEM, (tx) => issueInvoice(t.deps, tx, finance, { tenantId: tenants[slug]!, month: '2026-10', kind: 'invoice', lines: LINES, ...extra }));

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date('2026-11-02T08:00:00Z') });
    const all = (await (await signIn(t.app, 'finanses@rda.lv')).get('/api/v1/tenants')).json().items as { id: string; name: string }[];
    tenants = { cesis: all.find((x) => x.name.startsWith('Cēsu'))!.id, sigulda: all.find((x) => x.name.startsWith('Siguldas'))!.id };
  });
  afterAll(() => t.close());

  it('numbers invoices without gaps, even when an issue is rolled back', async () => {
    expect((await issue('cesis')).number).toBe('KOPA-2026-00001');
    await expect(
      t.deps.store.run(SYSTEM, async (tx) => {
        await issueInvoice(t.deps, tx, finance, { tenantId: tenants.sigulda!, month: '2026-10', kind: 'invoice', lines: LINES });
        throw new Error('the run failed after this invoice');
      }),
    ).rejects.toThrow('the run failed');
    expect((await issue('sigulda')).number).toBe('KOPA-2026-00002');
  });

  it.runIf(backend === 'postgres')('hands out consecutive numbers to concurrent issues (PostgreSQL only: PGlite runs one transaction at a time)', async () => {
    const issued = await Promise.all(Array.from({ length: 8 }, (_, i) => issue(i % 2 ? 'cesis' : 'sigulda')));
    expect(issued.map((i) => i.number).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `KOPA-2026-${String(i + 3).padStart(5, '0')}`));
  });

  it('never lets an issued invoice change or disappear, not even for the database owner', async () => {
    await expect(t.database.ownerQuery(`UPDATE invoices SET net_cents = 0 WHERE number = 'KOPA-2026-00001'`)).rejects.toThrow(/cannot be changed/);
    await expect(t.database.ownerQuery(`DELETE FROM invoices WHERE number = 'KOPA-2026-00001'`)).rejects.toThrow(/cannot be changed/);
  });

  it('serves a Peppol BIS 3.0 e-invoice and a PDF, to the municipality and no one else', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const mine = (await admin.get(`/api/v1/tenants/${tenants.cesis}/invoices`)).json().items as { id: string; number: string; net: string; vat: string; total: string }[];
    const first = mine.find((i) => i.number === 'KOPA-2026-00001')!;
    // 36.74 + 1783.55 = 1820.29; VAT 21 % = 382.2609 → 382.26; total 2202.55.
    expect(first).toMatchObject({ net: '1820.29', vat: '382.26', total: '2202.55' });
    expect((await admin.get('/api/v1/invoices')).json().items.every((i: { tenantId: string }) => i.tenantId === tenants.cesis)).toBe(true);
    const xml = await admin.get(`/api/v1/invoices/${first.id}/ubl`);
    expect(xml.headers['content-type']).toContain('application/xml');
    const doc = checkRules(xml.body, 'Invoice');
    expect(text(doc['cbc:ID'])).toBe('KOPA-2026-00001');
    expect(text(doc['cbc:BuyerReference'])).toBeTruthy();
    expect(((doc['cac:AccountingCustomerParty'] as XmlObject)['cac:Party'] as XmlObject)['cbc:EndpointID']).toEqual({ '@schemeID': '0218', '#': '90000031828' });
    const pdf = await admin.get(`/api/v1/invoices/${first.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // What a person reads on it, written out by hand from LINES: 2976 × 0.012345 = 36.73872 → 36.74;
    // net 36.74 + 1783.55 = 1820.29; VAT 21 % of it 382.2609 → 382.26; total 2202.55.
    const lines = await pdfLines(pdf.rawPayload);
    expect(lines[0]).toBe('Rēķins Nr. KOPA-2026-00001');
    expect(lines).toContain('Cēsu novada pašvaldība');
    expect(lines).toContain('1 LVRTC vCPU stundas 2 976 st. 0,012345 36,74 EUR');
    expect(lines).toContain('2 Administrēšana: 412 no 2 310 lietotājiem 1 gab. 1 783,55 1 783,55 EUR');
    expect(lines).toContain('Summa bez PVN 1 820,29 EUR');
    expect(lines).toContain('PVN 21 % 382,26 EUR');
    expect(lines).toContain('Kopā apmaksai 2 202,55 EUR');
    const theirs = (await (await signIn(t.app, 'finanses@rda.lv')).get(`/api/v1/tenants/${tenants.sigulda}/invoices`)).json().items[0];
    for (const path of ['', '/ubl', '/pdf']) expect((await admin.get(`/api/v1/invoices/${theirs.id}${path}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/tenants/${tenants.sigulda}/invoices`)).statusCode).toBe(404);
  });

  it('issues a credit note in its own series, pointing at the invoice it corrects', async () => {
    const original = (await (await signIn(t.app, 'finanses@rda.lv')).get(`/api/v1/tenants/${tenants.cesis}/invoices`)).json().items.find((i: { number: string }) => i.number === 'KOPA-2026-00001');
    const credit = await issue('cesis', { kind: 'credit_note', lines: LINES.slice(0, 1), corrects: { id: original.id, number: original.number, issueDate: original.issueDate } });
    expect(credit.number).toBe('KOPA-KR-2026-00001');
    const xml = (await (await signIn(t.app, 'admin@cesis.lv')).get(`/api/v1/invoices/${credit.id}/ubl`)).body;
    const doc = checkRules(xml, 'CreditNote');
    expect(text(((doc['cac:BillingReference'] as XmlObject)['cac:InvoiceDocumentReference'] as XmlObject)['cbc:ID'])).toBe('KOPA-2026-00001');
  });

  it('keeps the seller editable by finance, with its IBAN checked', async () => {
    expect(isValidIban('LV80BANK0000435195001')).toBe(true);
    expect(isValidIban('LV81BANK0000435195001')).toBe(false);
    const financeUser = await signIn(t.app, 'finanses@rda.lv');
    const seller = (await financeUser.get('/api/v1/settings/seller')).json();
    expect(seller).toMatchObject({ name: 'Rīgas digitālā aģentūra', invoiceSeries: 'KOPA', paymentTermsDays: 30 });
    const { updatedAt: _u, updatedBy: _b, ...fields } = seller;
    const bad = await financeUser.put('/api/v1/settings/seller', { ...fields, iban: 'LV81BANK0000435195001' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'iban', code: 'invalid_iban', params: {}, message: 'must be a valid IBAN without spaces (e.g. LV80BANK0000435195001)' }]);
    const saved = await financeUser.put('/api/v1/settings/seller', { ...fields, paymentTermsDays: 14 });
    expect(saved.json()).toMatchObject({ paymentTermsDays: 14 });
    expect((await (await signIn(t.app, 'admin@cesis.lv')).put('/api/v1/settings/seller', fields)).statusCode).toBe(403);
    // The next invoice is due 14 days after issue.
    expect((await issue('cesis')).dueDate).toBe('2026-11-16');
  });
});
