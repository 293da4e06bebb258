import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { checkRules } from '../support/en16931.js';
import { pdfLines } from '../support/pdf-text.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// October 2026 by hand. Riga is UTC+3 until 25 Oct, UTC+2 after.
// - LVRTC vCPU: 0.0100 EUR/h from 1 Jan, 0.0120 from 16 Oct (the new tariff closes the old one).
//   Cēsis: 1000 h starting 5 Oct → 10.00; 500 h starting 16 Oct 00:30 Riga (15 Oct 21:30Z) → 6.00.
// - active_users, the last value of the month: Cēsis 400 then 412; Sigulda 1000; Valmiera 898;
//   Ogre 200; Talsi 200 (Jelgava's agreement starts in 2027: it takes no share).
// - Pool "Platformas administrēšana" 1000.00 by active users over 2710 users, in cents:
//   Cēsis 15202.95 → 15203, Sigulda 36900.37 → 36900, Valmiera 33136.53 → 33137,
//   Ogre 7380.07 → 7380, Talsi 7380.07 → 7380 (two cents left: to .95 and .53).
// - Pool "Licences" 1.03 evenly: 20.6 cents each → 20 each, three cents left on a five-way tie of
//   remainders and drivers → the three lowest registration numbers: Cēsis, Talsi, Valmiera.
// Net, VAT 21 %, total:
//   Cēsis 16.00 + 152.03 + 0.21 = 168.24; VAT 35.3304 → 35.33; total 203.57
//   Sigulda 369.00 + 0.20 = 369.20; VAT 77.532 → 77.53; 446.73
//   Valmiera 331.37 + 0.21 = 331.58; VAT 69.6318 → 69.63; 401.21
//   Ogre 73.80 + 0.20 = 74.00; VAT 15.54; 89.54
//   Talsi 73.80 + 0.21 = 74.01; VAT 15.5421 → 15.54; 89.55
const EXPECTED: Record<string, [string, string, string]> = {
  cesis: ['168.24', '35.33', '203.57'],
  sigulda: ['369.20', '77.53', '446.73'],
  valmiera: ['331.58', '69.63', '401.21'],
  ogre: ['74.00', '15.54', '89.54'],
  talsi: ['74.01', '15.54', '89.55'],
};

describe.each(BACKENDS)('billing runs on %s', (backend) => {
  let t: TestApp;
  let finance: Client;
  let ids: Record<string, string>;
  let runId: string;
  const now = new Date('2026-11-02T08:00:00Z');

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => now });
    finance = await signIn(t.app, 'finanses@rda.lv');
    const tenants = (await finance.get('/api/v1/tenants')).json().items as { id: string; name: string }[];
    const slug = (prefix: string) => tenants.find((x) => x.name.startsWith(prefix))!.id;
    ids = { cesis: slug('Cēsu'), sigulda: slug('Siguldas'), valmiera: slug('Valmieras'), ogre: slug('Ogres'), talsi: slug('Talsu'), jelgava: slug('Jelgavas') };
    const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
      const r = await res;
      expect(r.statusCode, r.body).toBeLessThan(300);
    };
    await ok(finance.post('/api/v1/tariffs', { provider: 'LVRTC', resource: 'vcpu_hour', unitPrice: '0.0100', currency: 'EUR', validFrom: '2026-01-01' }));
    await ok(finance.post('/api/v1/tariffs', { provider: 'LVRTC', resource: 'vcpu_hour', unitPrice: '0.0120', currency: 'EUR', validFrom: '2026-10-16' }));
    const record = (id: string, tenant: string, resource: string, quantity: string, periodStart: string, periodEnd: string) => ({ id, tenantId: ids[tenant], provider: 'LVRTC', resource, quantity, periodStart, periodEnd });
    await ok(
      finance.post('/api/v1/usage', {
        records: [
          record('cpu-cesis-1', 'cesis', 'vcpu_hour', '1000', '2026-10-04T21:00:00Z', '2026-10-15T21:00:00Z'),
          record('cpu-cesis-2', 'cesis', 'vcpu_hour', '500', '2026-10-15T21:30:00Z', '2026-10-31T22:00:00Z'),
          record('users-cesis-1', 'cesis', 'active_users', '400', '2026-09-30T21:00:00Z', '2026-10-01T21:00:00Z'),
          record('users-cesis-2', 'cesis', 'active_users', '412', '2026-10-30T22:00:00Z', '2026-10-31T22:00:00Z'),
          record('users-sigulda', 'sigulda', 'active_users', '1000', '2026-10-30T22:00:00Z', '2026-10-31T22:00:00Z'),
          record('users-valmiera', 'valmiera', 'active_users', '898', '2026-10-30T22:00:00Z', '2026-10-31T22:00:00Z'),
          record('users-ogre', 'ogre', 'active_users', '200', '2026-10-30T22:00:00Z', '2026-10-31T22:00:00Z'),
          record('users-talsi', 'talsi', 'active_users', '200', '2026-10-30T22:00:00Z', '2026-10-31T22:00:00Z'),
          record('users-jelgava', 'jelgava', 'active_users', '5000', '2026-10-30T22:00:00Z', '2026-10-31T22:00:00Z'),
        ],
      }),
    );
    await ok(finance.post('/api/v1/cost-pools', { month: '2026-10', amount: '1000.00', currency: 'EUR', description: 'Platformas administrēšana' }));
    await ok(finance.post('/api/v1/cost-pools', { month: '2026-10', amount: '1.03', currency: 'EUR', description: 'Licences', driver: 'even' }));
  });
  afterAll(() => t.close());

  it('refuses a month that has not ended', async () => {
    const res = await finance.post('/api/v1/billing-runs', { month: '2026-11' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ field: 'month', code: 'month_not_ended', params: {}, message: 'has not ended' }]);
    // November ends at midnight in Riga (UTC+2 in winter), which a client words itself from the reason.
    expect(res.json()).toMatchObject({ code: 'invalid_state', reason: 'month_not_ended', params: { month: '2026-11', endsAt: '2026-11-30T22:00:00.000Z' } });
  });

  it('computes a draft that matches the hand-computed month', async () => {
    const res = await finance.post('/api/v1/billing-runs', { month: '2026-10' });
    expect(res.statusCode).toBe(201);
    const run = res.json();
    runId = run.id;
    expect(run).toMatchObject({ month: '2026-10', status: 'draft', kind: 'regular', problems: [] });
    const byTenant = Object.fromEntries(run.statements.map((s: { tenantId: string }) => [s.tenantId, s]));
    expect(Object.keys(byTenant).sort()).toEqual(Object.keys(EXPECTED).map((k) => ids[k]).sort());
    for (const [slug, [net, vat, total]] of Object.entries(EXPECTED)) expect(byTenant[ids[slug]!], slug).toMatchObject({ net, vat, total, vatRate: '21', currency: 'EUR' });
    const cesis = byTenant[ids.cesis!];
    expect(cesis.lines.filter((l: { kind: string }) => l.kind === 'hosting').map((l: { unitPrice: string; amount: string }) => [l.unitPrice, l.amount])).toEqual([['0.010000', '10.00'], ['0.012000', '6.00']]);
    const admin = cesis.lines.find((l: { description: string }) => l.description === 'Platformas administrēšana');
    expect(admin).toMatchObject({ kind: 'administration', amount: '152.03' });
    expect(admin.explanation).toContain('412 no 2\u00a0710 aktīvajiem lietotājiem');
    // The same reasons as codes and figures, for the reader's language (the sentence stays for scripts).
    expect(admin.structuredExplanation).toEqual({ code: 'share_active_users', params: { value: '412', total: '2710', poolAmount: '1000.00' } });
    expect(cesis.lines.find((l: { description: string }) => l.description === 'Licences').structuredExplanation).toEqual({ code: 'share_even', params: { total: '5', poolAmount: '1.03' } });
    expect(cesis.lines[0].structuredExplanation).toEqual({ code: 'hosting_usage', params: { quantity: '1000', unit: 'vCPU h', unitPrice: '0.010000', provider: 'LVRTC' } });
    // The summary first: a row per municipality in the order invoices will be numbered (by name), then
    // the grand total. Hosting is Cēsis' 16.00 only; administration 1000.00 + 1.03 = 1001.03 in all;
    // net 168.24 + 369.20 + 331.58 + 74.00 + 74.01 = 1017.03; VAT 35.33 + 77.53 + 69.63 + 15.54 + 15.54 =
    // 213.57; total 1230.60. Nothing was invoiced for September: no change to show.
    expect(run.summary.rows.map((r: { tenantId: string }) => r.tenantId)).toEqual(['cesis', 'ogre', 'sigulda', 'talsi', 'valmiera'].map((k) => ids[k]));
    expect(run.statements.map((st: { tenantId: string }) => st.tenantId)).toEqual(run.summary.rows.map((r: { tenantId: string }) => r.tenantId));
    expect(run.summary.rows[0]).toEqual({ tenantId: ids.cesis, tenantName: 'Cēsu novada pašvaldība', registrationNumber: '90000031828', hosting: '16.00', administration: '152.24', net: '168.24', vat: '35.33', total: '203.57', previousTotal: null, change: null, changePercent: null });
    expect(run.summary.total).toEqual({ hosting: '16.00', administration: '1001.03', net: '1017.03', vat: '213.57', total: '1230.60', previousTotal: null, change: null, changePercent: null });
    // A second draft for the same month is refused while this one is open.
    expect((await finance.post('/api/v1/billing-runs', { month: '2026-10' })).statusCode).toBe(409);
  });

  it('finalizes into gapless invoices whose UBL obeys EN 16931, then never changes', async () => {
    const res = await finance.post(`/api/v1/billing-runs/${runId}/finalize`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('finalized');
    // Numbered in the order of the run's summary, municipalities by name: Cēsis, Ogre, Sigulda, Talsi, Valmiera.
    expect(body.invoices.map((i: { number: string; tenantId: string; total: string }) => [i.number, i.tenantId, i.total])).toEqual([
      ['KOPA-2026-00001', ids.cesis, '203.57'],
      ['KOPA-2026-00002', ids.ogre, '89.54'],
      ['KOPA-2026-00003', ids.sigulda, '446.73'],
      ['KOPA-2026-00004', ids.talsi, '89.55'],
      ['KOPA-2026-00005', ids.valmiera, '401.21'],
    ]);
    for (const invoice of body.invoices) checkRules((await finance.get(`/api/v1/invoices/${invoice.id}/ubl`)).body, 'Invoice');
    // Cēsis' invoice as printed, against the hand-computed month above: 1000 h × 0.01 = 10.00,
    // 500 h × 0.012 = 6.00, its shares of the two pools 152.03 and 0.21; net 168.24, VAT 35.33, total 203.57.
    const invoice = await pdfLines((await finance.get(`/api/v1/invoices/${body.invoices[0].id}/pdf`)).rawPayload);
    expect(invoice[0]).toBe('Rēķins Nr. KOPA-2026-00001');
    expect(invoice).toEqual(expect.arrayContaining([
      'Cēsu novada pašvaldība',
      'Reģ. Nr. 90000031828',
      '1 LVRTC: Virtuālā procesora stundas (vCPU) 1 000 st. 0,01 10,00 EUR',
      '2 LVRTC: Virtuālā procesora stundas (vCPU) 500 st. 0,012 6,00 EUR',
      '3 Platformas administrēšana',
      '412 no 2 710 aktīvajiem lietotājiem',
      '1 gab. 152,03 152,03 EUR',
      '4 Licences',
      '1 gab. 0,21 0,21 EUR',
      'Summa bez PVN 168,24 EUR',
      'PVN 21 % 35,33 EUR',
      'Kopā apmaksai 203,57 EUR',
    ]));
    expect(invoice.filter((l) => /^\d+ /.test(l) && l.endsWith(' EUR'))).toHaveLength(4); // no line more
    // The same invoice for an English reader: English words, decimal points, comma thousands.
    const english = await pdfLines((await finance.get(`/api/v1/invoices/${body.invoices[0].id}/pdf?lang=en`)).rawPayload);
    expect(english[0]).toBe('Invoice No. KOPA-2026-00001');
    expect(english).toEqual(expect.arrayContaining([
      'Reg. No. 90000031828',
      '1 LVRTC: Virtuālā procesora stundas (vCPU) 1,000 h 0.01 10.00 EUR',
      '412 of 2,710 active users',
      '1 pcs 152.03 152.03 EUR',
      'Net amount 168.24 EUR',
      'VAT 21% 35.33 EUR',
      'Total payable 203.57 EUR',
    ]));
    expect(english.join('\n')).not.toMatch(/Summa|Kopā|aktīvajiem|\d,\d\d EUR/);
    expect((await finance.get(`/api/v1/invoices/${body.invoices[0].id}/pdf?lang=de`)).json().errors[0].field).toBe('lang');
    expect((await finance.post(`/api/v1/billing-runs/${runId}/finalize`)).statusCode).toBe(409);
    expect((await finance.post(`/api/v1/billing-runs/${runId}/recompute`)).statusCode).toBe(409);
    await expect(t.database.ownerQuery(`UPDATE billing_runs SET status = 'draft', finalized_at = NULL WHERE id = '${runId}'`)).rejects.toThrow(/finalised/);
    await expect(t.database.ownerQuery(`UPDATE billing_statements SET net_cents = 0 WHERE run_id = '${runId}'`)).rejects.toThrow(/finalised/);
  });

  it('hands out every document of a finalised run as one ZIP: a PDF and a UBL file per invoice, in number order', async () => {
    const res = await finance.get(`/api/v1/billing-runs/${runId}/documents.zip`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kopa-invoices-2026-10-regular.zip"');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const numbers = [1, 2, 3, 4, 5].map((n) => `KOPA-2026-0000${n}`);
    expect(Object.keys(files)).toEqual(numbers.flatMap((n) => [`${n}.pdf`, `${n}.xml`]));
    for (const n of numbers) {
      expect(Buffer.from(files[`${n}.pdf`]!).subarray(0, 5).toString()).toBe('%PDF-');
      const doc = checkRules(Buffer.from(files[`${n}.xml`]!).toString('utf8'), 'Invoice');
      expect(JSON.stringify(doc['cbc:ID'])).toContain(n);
    }
    expect((await pdfLines(files['KOPA-2026-00001.pdf']!))[0]).toBe('Rēķins Nr. KOPA-2026-00001');
    expect((await pdfLines(unzipSync(new Uint8Array((await finance.get(`/api/v1/billing-runs/${runId}/documents.zip?lang=en`)).rawPayload))['KOPA-2026-00001.pdf']!))[0]).toBe('Invoice No. KOPA-2026-00001');
    // An auditor may take them too; a municipality may not; a draft has none.
    expect((await (await signIn(t.app, 'auditors@rda.lv')).get(`/api/v1/billing-runs/${runId}/documents.zip`)).statusCode).toBe(200);
    expect((await (await signIn(t.app, 'admin@cesis.lv')).get(`/api/v1/billing-runs/${runId}/documents.zip`)).statusCode).toBe(403);
  });

  it('corrects late usage with a credit note and a new invoice for that municipality only', async () => {
    expect((await finance.post('/api/v1/usage', { records: [{ id: 'cpu-cesis-late', tenantId: ids.cesis, provider: 'LVRTC', resource: 'vcpu_hour', quantity: '100', periodStart: '2026-10-24T21:00:00Z', periodEnd: '2026-10-25T22:00:00Z' }] })).statusCode).toBeLessThan(300);
    const draft = (await finance.post('/api/v1/billing-runs', { month: '2026-10' })).json();
    expect(draft.kind).toBe('correction');
    // Cēsis: 100 h × 0.0120 = 1.20 more: net 169.44, VAT 35.5824 → 35.58, total 205.02.
    expect(draft.statements.find((s: { tenantId: string }) => s.tenantId === ids.cesis)).toMatchObject({ net: '169.44', vat: '35.58', total: '205.02' });
    const done = (await finance.post(`/api/v1/billing-runs/${draft.id}/finalize`)).json();
    expect(done.invoices.map((i: { number: string; kind: string; tenantId: string; total: string }) => [i.number, i.kind, i.tenantId, i.total])).toEqual([
      ['KOPA-KR-2026-00001', 'credit_note', ids.cesis, '203.57'],
      ['KOPA-2026-00006', 'invoice', ids.cesis, '205.02'],
    ]);
    const credit = (await finance.get(`/api/v1/invoices/${done.invoices[0].id}/ubl`)).body;
    const doc = checkRules(credit, 'CreditNote');
    expect(JSON.stringify(doc['cac:BillingReference'])).toContain('KOPA-2026-00001');
    // The UBL keeps the Latvian note; an English PDF of the new invoice says what it replaces in English.
    expect(JSON.stringify(checkRules((await finance.get(`/api/v1/invoices/${done.invoices[1].id}/ubl`)).body, 'Invoice'))).toContain('Aizstāj rēķinu KOPA-2026-00001.');
    expect(await pdfLines((await finance.get(`/api/v1/invoices/${done.invoices[1].id}/pdf?lang=en`)).rawPayload)).toContain('Replaces invoice KOPA-2026-00001.');
    expect(await pdfLines((await finance.get(`/api/v1/invoices/${done.invoices[0].id}/pdf?lang=en`)).rawPayload)).toContain('Credit note for invoice KOPA-2026-00001: the costs of 2026-10 were recomputed.');
  });

  it('shows a municipality its statements with the reasons for every line, and no one else’s', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const months = (await admin.get(`/api/v1/tenants/${ids.cesis}/statements?months=2026-09,2026-10`)).json();
    expect(months[0]).toEqual({ month: '2026-09', statement: null });
    expect(months[1].statement).toMatchObject({ net: '169.44', total: '205.02' });
    expect((await (await signIn(t.app, 'admin@sigulda.lv')).get(`/api/v1/tenants/${ids.cesis}/statements?months=2026-10`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/billing-runs')).statusCode).toBe(403);
    const pdf = await admin.get(`/api/v1/tenants/${ids.cesis}/statements/2026-10/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The statement after the correction: 1000 h × 0.01 = 10.00 and 600 h × 0.012 = 7.20 (500 + 100 late);
    // pool shares 152.03 and 0.21; net 169.44, VAT 35.5824 → 35.58, total 205.02, billed on KOPA-2026-00006.
    const statement = await pdfLines(pdf.rawPayload);
    expect(statement.slice(0, 2)).toEqual(['Izmaksu pārskats par 2026-10', 'Cēsu novada pašvaldība · sagatavots 02.11.2026.']);
    expect(statement).toEqual(expect.arrayContaining([
      '1 000 vCPU h 0,010000 10,00 EUR',
      '600 vCPU h 0,012000 7,20 EUR',
      '412 no 2 710 aktīvajiem lietotājiem; fonds 1 000,00 EUR',
      '152,03 EUR',
      'vienāda daļa (1 no 5 pašvaldībām); fonds 1,03 EUR',
      '0,21 EUR',
      'Summa bez PVN 169,44 EUR',
      'PVN 21 % 35,58 EUR',
      'Kopā 205,02 EUR',
      'Rēķini: KOPA-2026-00006.',
    ]));
    const english = await admin.get(`/api/v1/tenants/${ids.cesis}/statements/2026-10/pdf?lang=en`);
    expect(english.headers['content-disposition']).toBe('attachment; filename="kopa-costs-2026-10.pdf"');
    const englishLines = await pdfLines(english.rawPayload);
    expect(englishLines.slice(0, 2)).toEqual(['Cost statement for 2026-10', 'Cēsu novada pašvaldība · prepared 2 November 2026']);
    expect(englishLines).toEqual(expect.arrayContaining([
      '1,000 vCPU h 0.010000 10.00 EUR',
      '1,000 vCPU h × 0.010000 EUR (LVRTC tariff)',
      '412 of 2,710 active users; pool 1,000.00 EUR',
      'equal share (1 of 5 municipalities); pool 1.03 EUR',
      'Net amount 169.44 EUR',
      'VAT 21% 35.58 EUR',
      'Total 205.02 EUR',
      'Invoices: KOPA-2026-00006.',
      'How it was computed',
    ]));
    expect(englishLines.join('\n')).not.toMatch(/Summa|Kopā|fonds|\d,\d\d EUR/);
    // Without ?lang the signed-in person's chosen language decides; ?lang still wins.
    expect((await admin.patch('/api/v1/session', { locale: 'en' })).statusCode).toBe(200);
    expect((await pdfLines((await admin.get(`/api/v1/tenants/${ids.cesis}/statements/2026-10/pdf`)).rawPayload))[0]).toBe('Cost statement for 2026-10');
    expect((await pdfLines((await admin.get(`/api/v1/tenants/${ids.cesis}/statements/2026-10/pdf?lang=lv`)).rawPayload))[0]).toBe('Izmaksu pārskats par 2026-10');
    expect((await admin.patch('/api/v1/session', { locale: 'lv' })).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/tenants/${ids.cesis}/statements/2026-09/pdf`)).statusCode).toBe(404); // nothing invoiced
    expect((await admin.get(`/api/v1/tenants/${ids.cesis}/statements/2026-13/pdf`)).json().errors[0].field).toBe('month');
    expect((await (await signIn(t.app, 'admin@sigulda.lv')).get(`/api/v1/tenants/${ids.cesis}/statements/2026-10/pdf`)).statusCode).toBe(404);
  });

  it('forecasts each municipality’s yearly cost as others join', async () => {
    const res = await finance.get('/api/v1/forecast?baseMonth=2026-10&years=2&newMunicipalitiesPerYear=1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.base).toEqual({ municipalities: 5, users: 2710, monthlyPool: '1001.03', monthlyHosting: '17.20' });
    // 2027: pool 1001.03 × 12 = 12,012.36 over 2710 + 412 (the newcomer has the median, 412) = 3122 users.
    // Cēsis: 1,201,236 × 412 / 3122 = 158,523.4… cents → 1585.23; hosting 17.20 × 12 = 206.40.
    // The newcomer hosts like today's average user: 1720 × 12 × 412 / 2710 = 3137.89 cents → 31.38.
    const y2027 = body.years[0];
    expect(y2027).toMatchObject({ year: 2027, municipalities: 6, totalUsers: 3122, administrationPool: '12012.36' });
    expect(y2027.lines.find((l: { tenantId: string }) => l.tenantId === ids.cesis)).toMatchObject({ users: 412, hosting: '206.40', administration: '1585.23', total: '1791.63' });
    expect(y2027.lines.find((l: { tenantId: string | null }) => l.tenantId === null)).toMatchObject({ name: 'Jauna pašvaldība 2027-1', joining: { year: 2027, number: 1 }, users: 412, hosting: '31.38' });
    // A year later another joins and Cēsis's share of the same pool falls.
    const cesis2028 = body.years[1].lines.find((l: { tenantId: string }) => l.tenantId === ids.cesis);
    expect(Number(cesis2028.administration)).toBeLessThan(1585.23);
    expect((await (await signIn(t.app, 'admin@cesis.lv')).get('/api/v1/forecast')).statusCode).toBe(403);
    expect((await finance.get('/api/v1/forecast?userGrowthPercent=500')).statusCode).toBe(400);
  });

  it('stops a run that cannot price usage, naming what is missing', async () => {
    expect((await finance.post('/api/v1/usage', { records: [{ id: 'egress-sep', tenantId: ids.sigulda, provider: 'LNB', resource: 'egress_gb', quantity: '12.5', periodStart: '2026-09-10T00:00:00Z', periodEnd: '2026-09-11T00:00:00Z' }] })).statusCode).toBeLessThan(300);
    const run = (await finance.post('/api/v1/billing-runs', { month: '2026-09' })).json();
    expect(run.problems).toEqual([
      {
        field: 'tariffs',
        code: 'no_tariff',
        params: { provider: 'LNB', resource: 'egress_gb', day: '2026-09-10', records: 1, municipality: 'Siguldas novada pašvaldība' },
        message: 'No tariff for LNB egress_gb on 2026-09-10: 1 usage record(s) of Siguldas novada pašvaldība cannot be priced',
      },
    ]);
    expect((await finance.get(`/api/v1/billing-runs/${run.id}/documents.zip`)).json()).toMatchObject({ code: 'invalid_state', reason: 'run_not_finalized' });
    const refused = await finance.post(`/api/v1/billing-runs/${run.id}/finalize`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toMatchObject([{ field: 'tariffs', code: 'no_tariff', params: { day: '2026-09-10' } }]);
    expect((await finance.post('/api/v1/tariffs', { provider: 'LNB', resource: 'egress_gb', unitPrice: '0.05', currency: 'EUR', validFrom: '2026-01-01' })).statusCode).toBe(201);
    const fixed = (await finance.post(`/api/v1/billing-runs/${run.id}/recompute`)).json();
    expect(fixed.problems).toEqual([]);
    // 12.5 GB × 0.05 = 0.625 → 0.63 (half up); VAT 0.1323 → 0.13.
    expect(fixed.statements.find((s: { tenantId: string }) => s.tenantId === ids.sigulda)).toMatchObject({ net: '0.63', vat: '0.13', total: '0.76' });
  });

  it('corrects a pool changed after finalising: credit notes and new invoices where the share moved', async () => {
    const licences = ((await finance.get('/api/v1/cost-pools?month=2026-10')).json().items as { id: string; description: string }[]).find((p) => p.description === 'Licences')!;
    // 1.05 evenly is 21 cents each with nothing left over: only Sigulda and Ogre (20 cents before) change.
    expect((await finance.patch(`/api/v1/cost-pools/${licences.id}`, { amount: '1.05' })).json()).toMatchObject({ amount: '1.05', monthInvoiced: true });
    const draft = (await finance.post('/api/v1/billing-runs', { month: '2026-10' })).json();
    expect(draft.kind).toBe('correction');
    const done = (await finance.post(`/api/v1/billing-runs/${draft.id}/finalize`)).json();
    // Sigulda 369.21, VAT 77.5341 → 77.53, total 446.74; Ogre 74.01, VAT 15.5421 → 15.54, total 89.55.
    expect(done.invoices.map((i: { number: string; kind: string; tenantId: string; total: string }) => [i.number, i.kind, i.tenantId, i.total])).toEqual([
      ['KOPA-KR-2026-00002', 'credit_note', ids.ogre, '89.54'],
      ['KOPA-2026-00007', 'invoice', ids.ogre, '89.55'],
      ['KOPA-KR-2026-00003', 'credit_note', ids.sigulda, '446.73'],
      ['KOPA-2026-00008', 'invoice', ids.sigulda, '446.74'],
    ]);
  });

  it('names statement lines by the English variants they had when computed; issued statements and invoices keep theirs', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const pools = (await finance.get('/api/v1/cost-pools?month=2026-10')).json().items as { id: string; description: string }[];
    const administration = pools.find((p) => p.description === 'Platformas administrēšana')!;
    expect((await finance.patch('/api/v1/resources/vcpu_hour', { nameEn: 'Virtual CPU hours' })).statusCode).toBe(200);
    expect((await finance.patch(`/api/v1/cost-pools/${administration.id}`, { descriptionEn: 'Platform administration' })).statusCode).toBe(200);
    // October was invoiced before the English names existed: its English statement keeps the names it was made with.
    const invoiced = await pdfLines((await admin.get(`/api/v1/tenants/${ids.cesis}/statements/2026-10/pdf?lang=en`)).rawPayload);
    expect(invoiced).toEqual(expect.arrayContaining(['LVRTC: Virtuālā procesora stundas (vCPU)', 'Platformas administrēšana']));
    expect(invoiced.join('\n')).not.toMatch(/Virtual CPU hours|Platform administration/);
    // A statement computed now carries them, beside the Latvian names.
    const draft = (await finance.post('/api/v1/billing-runs', { month: '2026-10' })).json();
    const lines = async (runId: string) => ((await finance.get(`/api/v1/billing-runs/${runId}`)).json().statements as { tenantId: string; lines: { description: string; descriptionEn: string | null }[] }[]).find((st) => st.tenantId === ids.cesis)!.lines.map((l) => [l.description, l.descriptionEn]);
    expect(await lines(draft.id)).toEqual(expect.arrayContaining([['LVRTC: Virtuālā procesora stundas (vCPU)', 'LVRTC: Virtual CPU hours'], ['Platformas administrēšana', 'Platform administration'], ['Licences', null]]));
    // Renaming later changes nothing already computed, until the draft is computed again.
    expect((await finance.patch('/api/v1/resources/vcpu_hour', { nameEn: 'vCPU hours' })).statusCode).toBe(200);
    expect(await lines(draft.id)).toEqual(expect.arrayContaining([['LVRTC: Virtuālā procesora stundas (vCPU)', 'LVRTC: Virtual CPU hours']]));
    expect((await finance.post(`/api/v1/billing-runs/${draft.id}/recompute`)).statusCode).toBe(200);
    expect(await lines(draft.id)).toEqual(expect.arrayContaining([['LVRTC: Virtuālā procesora stundas (vCPU)', 'LVRTC: vCPU hours']]));
    const invoices = (await finance.get('/api/v1/invoices?limit=100')).json().items as { id: string }[];
    expect(invoices.length).toBeGreaterThan(0);
    for (const invoice of invoices) expect((await pdfLines((await finance.get(`/api/v1/invoices/${invoice.id}/pdf?lang=en`)).rawPayload)).join('\n')).not.toMatch(/Virtual CPU hours|vCPU hours/);
  });

  it('compares each municipality with what it was invoiced the month before, in amount and percent', async () => {
    const september = ((await finance.get('/api/v1/billing-runs?month=2026-09')).json().items as { id: string; status: string }[]).find((r) => r.status === 'draft')!;
    expect((await finance.post(`/api/v1/billing-runs/${september.id}/finalize`)).statusCode).toBe(200);
    const october = ((await finance.get('/api/v1/billing-runs?month=2026-10')).json().items as { id: string; status: string }[]).find((r) => r.status === 'draft')!;
    const summary = (await finance.get(`/api/v1/billing-runs/${october.id}`)).json().summary;
    const row = (slug: string) => summary.rows.find((r: { tenantId: string }) => r.tenantId === ids[slug]);
    // September invoiced Sigulda 0.76 only. October's draft: Sigulda 446.74 (after the pool change);
    // +445.98, 445.98 / 0.76 = 586.8157… × 100 → 58 681.6 %.
    expect(row('sigulda')).toMatchObject({ total: '446.74', previousTotal: '0.76', change: '445.98', changePercent: '58681.6' });
    // Cēsis had a September statement of nothing: 205.02 more, and no percentage of zero.
    expect(row('cesis')).toMatchObject({ total: '205.02', previousTotal: '0.00', change: '205.02', changePercent: null });
    // The grand total compares with the same municipalities' previous totals (0.76 in all).
    expect(summary.total.previousTotal).toBe('0.76');
    expect(summary.total.change).toBe((Number(summary.total.total) - 0.76).toFixed(2));
  });
});
