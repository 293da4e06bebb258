import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveMail } from '../../src/app/desk/receive-mail.js';
import { BACKENDS } from '../support/database.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/app.js';

const NOW = new Date('2026-11-24T08:00:00Z');

describe.each(BACKENDS)('the channel a ticket came by, and the Regulation No. 399 table, on %s', (backend) => {
  let t: TestApp;
  let cesis: string;
  let dvs: string;
  let epak: string;
  const opened: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => NOW });
    const user = await signIn(t.app, 'lietotajs@cesis.lv');
    cesis = (await user.get('/api/v1/tenants')).json().items[0].id;
    const services = (await user.get('/api/v1/services')).json().items as { id: string; code: string }[];
    dvs = services.find((s) => s.code === 'DVS')!.id;
    epak = services.find((s) => s.code === 'EPAK')!.id;
  });
  afterAll(() => t.close());

  it('a session opens web tickets, an API token api ones, desk staff may record a phone call, mail opens email ones', async () => {
    const user = await signIn(t.app, 'lietotajs@cesis.lv');
    const desk = await signIn(t.app, 'dienests@rda.lv');
    const token = (await (await signIn(t.app, 'admin@cesis.lv')).post('/api/v1/tokens', { name: 'integrācija', role: 'tenant_user' })).json().token as string;
    const open = async (client: typeof user, body: object) => {
      const res = await client.post('/api/v1/tickets', { priority: 'P3', subject: 'Pieteikums', description: 'Apraksts', ...body });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; channel: string };
    };
    const webDvs = await open(user, { serviceId: dvs });
    const webNone = await open(user, {});
    const api = await open(bearer(t.app, token), { serviceId: dvs });
    const phone = await open(desk, { tenantId: cesis, serviceId: epak, channel: 'phone' });
    const deskWeb = await open(desk, { tenantId: cesis });
    expect([webDvs, webNone, api, phone, deskWeb].map((x) => x.channel)).toEqual(['web', 'web', 'api', 'phone', 'web']);
    Object.assign(opened, { webDvs: webDvs.id, api: api.id, phone: phone.id });

    const refused = await user.post('/api/v1/tickets', { priority: 'P3', subject: 'Zvans', description: 'x', channel: 'phone' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'channel', code: 'agency_staff_only' })]);
    expect((await desk.post('/api/v1/tickets', { tenantId: cesis, priority: 'P3', subject: 'x', description: 'x', channel: 'email' })).statusCode).toBe(400);

    const mail = await receiveMail(t.deps, { deskAddress: 'atbalsts@kopa.rda.lv', ownAddresses: [] }, {
      messageId: '<jauns.1@cesis.lv>', envelopeFrom: 'lietotajs@cesis.lv', recipients: ['atbalsts@kopa.rda.lv'], from: 'lietotajs@cesis.lv',
      subject: 'Pa pastu', text: 'Teksts', headers: new Map(), contentType: 'text/plain', references: [], attachments: [], raw: new Uint8Array([1]),
    });
    expect(mail).toMatchObject({ status: 'ticket' });
    opened.email = (mail as { ticketId: string }).ticketId;

    const ids = async (query: string) => (await desk.get(`/api/v1/tickets?${query}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids('channel=phone')).toEqual([opened.phone]);
    expect(await ids('channel=api')).toEqual([opened.api]);
    expect(await ids('channel=email')).toEqual([opened.email]);
    expect((await desk.get('/api/v1/tickets?channel=fax')).statusCode).toBe(400);
  });

  it('the desk report counts requests per service and channel, with totals, in JSON and CSV', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const report = (await admin.get(`/api/v1/tenants/${cesis}/desk-report/2026-11`)).json();
    // Counted by hand from the tickets above: DVS web+api, EPAK phone, no service web (user, desk) + email.
    expect(report.byServiceChannel).toEqual({
      rows: [
        { service: expect.objectContaining({ code: 'DVS' }), web: 1, email: 0, api: 1, phone: 0, total: 2 },
        { service: expect.objectContaining({ code: 'EPAK' }), web: 0, email: 0, api: 0, phone: 1, total: 1 },
        { service: null, web: 2, email: 1, api: 0, phone: 0, total: 3 },
      ],
      totals: { web: 3, email: 1, api: 1, phone: 1, total: 6 },
    });
    const lines = (await admin.get(`/api/v1/tenants/${cesis}/desk-report/2026-11?format=csv`)).body.split('\r\n').filter(Boolean);
    expect(lines[1]).toContain(',category,channel,status,');
    expect(lines.slice(-6)).toEqual([
      '# requests per service and channel (Cabinet Regulation No. 399)',
      'service_code,service,web,email,api,phone,total',
      'DVS,Dokumentu vadības sistēma,1,0,1,0,2',
      'EPAK,E-pakalpojumu portāls,0,0,0,1,1',
      ',,2,1,0,0,3',
      ',total,3,1,1,1,6',
    ]);
  });
});
