import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, bearer, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

const problemCode = (res: LightMyRequestResponse) => (res.json() as { type: string }).type.replace('/problems/', '');

function multipart(fileName: string, data: Buffer) {
  const boundary = '----kopa-export-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).map((p) => relative(dir, join(dir, p)).split('\\').join('/'));
}

/** Finding 4 of the security review: a suspended municipality reads only; an offboarded one is shut out, its records kept and exportable. */
describe.each(BACKENDS)('suspending and offboarding a municipality on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let tenants: { id: string; name: string; registrationNumber: string; email: string }[];
  let ogre: string;

  /** A signed-in browser whose raw headers the test can reuse (for uploads). */
  const browser = async (email: string, password = DEMO_PASSWORD) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
    expect(res.statusCode).toBe(200);
    const headers = { cookie: `kopa_session=${res.cookies.find((c) => c.name === 'kopa_session')!.value}`, 'x-csrf-token': res.json().csrfToken as string };
    const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => t.app.inject({ method, url, headers, ...(payload && { payload }) });
    return { headers, send };
  };
  const setStatus = async (status: string) => {
    const res = await operator.patch(`/api/v1/tenants/${ogre}`, { status });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe(status);
  };
  const count = async (sql: string) => ((await t.database.ownerQuery(sql)) as { n: number }[])[0]!.n;
  const logIn = (email: string, password = DEMO_PASSWORD) => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });

  let admin: Awaited<ReturnType<typeof browser>>;
  let member: Awaited<ReturnType<typeof browser>>;
  let adminToken: Client;
  let userToken: Client;
  let ogreTicket: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { demoHistory: true, now: () => new Date('2026-12-03T10:00:00Z') });
    operator = await signIn(t.app, 'operators@rda.lv');
    tenants = (await operator.get('/api/v1/tenants')).json().items;
    ogre = tenants.find((x) => x.email === 'pasts@ogre.lv')!.id;
    admin = await browser('admin@ogre.lv');
    member = await browser('lietotajs@ogre.lv');
    adminToken = bearer(t.app, (await admin.send('POST', '/api/v1/tokens', { name: 'ogre integrācija', role: 'tenant_admin' })).json().token);
    userToken = bearer(t.app, (await admin.send('POST', '/api/v1/tokens', { name: 'ogre lasītājs', role: 'tenant_user' })).json().token);
    const ticket = await member.send('POST', '/api/v1/tickets', { priority: 'P3', subject: 'Printeris', description: 'Nedrukā' });
    expect(ticket.statusCode).toBe(201);
    ogreTicket = ticket.json().id;
  });
  afterAll(() => t.close());

  it('suspended: people and tokens read, but every write is refused with tenant_suspended', async () => {
    await setStatus('suspended');
    const audit = (await t.database.ownerQuery(`SELECT before->>'status' AS "from", after->>'status' AS "to", actor_label FROM audit_events WHERE action = 'tenant.updated' AND entity_id = '${ogre}' ORDER BY seq DESC LIMIT 1`)) as object[];
    expect(audit).toEqual([{ from: 'active', to: 'suspended', actor_label: 'operators@rda.lv' }]);

    for (const url of ['/api/v1/tickets', `/api/v1/tickets/${ogreTicket}`, `/api/v1/tenants/${ogre}`]) {
      expect((await member.send('GET', url)).statusCode, url).toBe(200);
      expect((await userToken.get(url)).statusCode, url).toBe(200);
    }
    for (const url of [`/api/v1/tenants/${ogre}/invoices`, `/api/v1/tenants/${ogre}/agreements`, '/api/v1/users', '/api/v1/tokens', `/api/v1/tenants/${ogre}/sla-reports/2026-11/publications`]) {
      expect((await admin.send('GET', url)).statusCode, url).toBe(200);
      expect((await adminToken.get(url)).statusCode, url).toBe(200);
    }
    const session = await member.send('GET', '/api/v1/session');
    expect(session.json().user).toMatchObject({ tenantStatus: 'suspended', tenantName: 'Ogres novada pašvaldība' });

    const tickets = await count(`SELECT count(*)::int AS n FROM tickets WHERE tenant_id = '${ogre}'`);
    const writes: [string, () => Promise<LightMyRequestResponse>][] = [
      ['person opens a ticket', () => member.send('POST', '/api/v1/tickets', { priority: 'P3', subject: 'Vēl', description: 'Vēl' })],
      ['person comments', () => member.send('POST', `/api/v1/tickets/${ogreTicket}/comments`, { body: 'Vai ir ziņas?' })],
      ['token opens a ticket', () => userToken.post('/api/v1/tickets', { priority: 'P3', subject: 'Vēl', description: 'Vēl' })],
      ['admin adds a person', () => admin.send('POST', `/api/v1/tenants/${ogre}/users`, { email: 'jauns@ogre.lv', name: 'Jauns Cilvēks', role: 'tenant_user' })],
      ['admin token adds a person', () => adminToken.post(`/api/v1/tenants/${ogre}/users`, { email: 'jauns@ogre.lv', name: 'Jauns Cilvēks', role: 'tenant_user' })],
      ['admin makes a token', () => admin.send('POST', '/api/v1/tokens', { name: 'vēl viens', role: 'tenant_user' })],
    ];
    for (const [what, write] of writes) {
      const res = await write();
      expect(res.statusCode, what).toBe(403);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      expect(problemCode(res), what).toBe('tenant_suspended');
    }
    expect(await count(`SELECT count(*)::int AS n FROM tickets WHERE tenant_id = '${ogre}'`)).toBe(tickets);
    expect(await count("SELECT count(*)::int AS n FROM users WHERE email = 'jauns@ogre.lv'")).toBe(0);

    // One's own session and account stay one's own: language, password, signing out.
    expect((await member.send('PATCH', '/api/v1/session', { locale: 'en' })).statusCode).toBe(200);
    expect((await member.send('PATCH', '/api/v1/session/password', { currentPassword: DEMO_PASSWORD, newPassword: 'ogres-jauna-parole' })).statusCode).toBe(204);
    member = await browser('lietotajs@ogre.lv', 'ogres-jauna-parole');
    expect((await member.send('DELETE', '/api/v1/session')).statusCode).toBe(204);
    member = await browser('lietotajs@ogre.lv', 'ogres-jauna-parole');

    // Other municipalities and the agency are not touched.
    const cesis = await signIn(t.app, 'lietotajs@cesis.lv');
    expect((await cesis.post('/api/v1/tickets', { priority: 'P4', subject: 'Cēsis strādā', description: 'Jā' })).statusCode).toBe(201);
    const desk = await signIn(t.app, 'dienests@rda.lv');
    expect((await desk.post(`/api/v1/tickets/${ogreTicket}/comments`, { body: 'Pārbaudām', public: true })).statusCode).toBe(201);

    const listed = ((await operator.get(`/api/v1/tokens?tenantId=${ogre}`)).json().items as { name: string; access: string; accessReason: string | null }[]).filter((x) => x.name.startsWith('ogre'));
    expect(listed.map((x) => [x.name, x.access, x.accessReason]).sort()).toEqual([
      ['ogre integrācija', 'read_only', 'tenant_suspended_read_only'],
      ['ogre lasītājs', 'read_only', 'tenant_suspended_read_only'],
    ]);

    await setStatus('active');
    expect((await member.send('POST', `/api/v1/tickets/${ogreTicket}/comments`, { body: 'Atkal var rakstīt' })).statusCode).toBe(201);
  });

  it('offboarded: sign-in refused once the password is right, sessions end and tokens stop, with tenant_offboarded', async () => {
    // Records made while active, to find in the export later.
    const file = multipart('kļūda.txt', Buffer.from('printera žurnāls\n'));
    const upload = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ogreTicket}/attachments`, payload: file.payload, headers: { ...admin.headers, ...file.headers } });
    expect(upload.statusCode).toBe(201);
    const cesisUser = await browser('lietotajs@cesis.lv');
    const cesisTicket = (await cesisUser.send('POST', '/api/v1/tickets', { priority: 'P4', subject: 'Cēsu pielikums', description: 'x' })).json().id;
    const cesisFile = multipart('cesis.txt', Buffer.from('CESU-NOSLEPUMS\n'));
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${cesisTicket}/attachments`, payload: cesisFile.payload, headers: { ...cesisUser.headers, ...cesisFile.headers } })).statusCode).toBe(201);
    for (const tenant of [ogre, tenants.find((x) => x.email === 'pasts@cesis.lv')!.id]) {
      expect((await operator.post(`/api/v1/tenants/${tenant}/sla-reports/2026-11/publications`, {})).statusCode).toBe(201);
    }

    await setStatus('offboarded');
    const ended = await admin.send('GET', '/api/v1/tickets');
    expect(ended.statusCode).toBe(401);
    expect(problemCode(ended)).toBe('tenant_offboarded');
    // The session is gone, not merely refused: it cannot come back.
    expect(await count("SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'admin@ogre.lv'")).toBe(0);
    expect((await admin.send('GET', '/api/v1/session')).statusCode).toBe(401);
    for (const token of [adminToken, userToken]) {
      const res = await token.get('/api/v1/tickets');
      expect(res.statusCode).toBe(401);
      expect(problemCode(res)).toBe('tenant_offboarded');
    }

    // Without the password nobody learns that the account exists or what became of it.
    const wrong = await logIn('admin@ogre.lv', 'not-the-password');
    const unknown = await logIn('nobody@ogre.lv', 'not-the-password');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(problemCode(wrong)).toBe('unauthenticated');
    expect(wrong.json().detail).toBe(unknown.json().detail);
    const right = await logIn('admin@ogre.lv');
    expect(right.statusCode).toBe(401);
    expect(problemCode(right)).toBe('tenant_offboarded');
    expect(right.cookies.find((c) => c.name === 'kopa_session')).toBeUndefined();

    // Nothing was deleted; the agency still reads it all.
    expect((await operator.get(`/api/v1/tenants/${ogre}/invoices`)).json().items.length).toBeGreaterThan(0);
    expect((await operator.get(`/api/v1/tickets/${ogreTicket}`)).statusCode).toBe(200);
    const tokens = ((await operator.get(`/api/v1/tokens?tenantId=${ogre}`)).json().items as { access: string; accessReason: string }[]);
    expect(tokens.every((x) => x.access === 'none' && x.accessReason === 'tenant_offboarded')).toBe(true);
    expect((await operator.patch(`/api/v1/tenants/${ogre}`, { status: 'active' })).statusCode).toBe(400);
  });

  it('an operator exports everything the municipality left behind as a ZIP whose manifest checks out, with nothing of anyone else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kopa-export-'));
    try {
      for (const email of ['auditors@rda.lv', 'finanses@rda.lv', 'admin@cesis.lv']) {
        const other = await signIn(t.app, email);
        expect((await other.get(`/api/v1/tenants/${ogre}/export`)).statusCode, email).toBe(403);
      }
      const res = await operator.get(`/api/v1/tenants/${ogre}/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="kopa-90000052158-\d{8}\.zip"$/);
      writeFileSync(join(dir, 'export.zip'), res.rawPayload);
      execFileSync('unzip', ['-q', 'export.zip', '-d', 'out'], { cwd: dir });
      const out = join(dir, 'out');

      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
        tenant: { id: string; status: string };
        counts: Record<string, number>;
        files: { path: string; bytes: number; sha256: string }[];
      };
      expect(manifest.tenant).toMatchObject({ id: ogre, status: 'offboarded' });
      expect(filesUnder(out).filter((p) => p !== 'manifest.json').sort()).toEqual(manifest.files.map((f) => f.path).sort());
      for (const f of manifest.files) {
        const bytes = readFileSync(join(out, f.path));
        expect(bytes.length, f.path).toBe(f.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      }

      // Counts come from the database, not from the exporter.
      const where = `WHERE tenant_id = '${ogre}'`;
      expect(manifest.counts).toEqual({
        people: await count(`SELECT count(*)::int AS n FROM users ${where}`),
        agreements: await count(`SELECT count(*)::int AS n FROM agreements ${where}`),
        agreementVersions: await count(`SELECT count(*)::int AS n FROM agreement_versions ${where}`),
        tickets: await count(`SELECT count(*)::int AS n FROM tickets ${where}`),
        ticketEvents: await count(`SELECT count(*)::int AS n FROM ticket_events ${where}`),
        attachments: await count(`SELECT count(*)::int AS n FROM ticket_attachments ${where}`),
        slaReports: await count(`SELECT count(*)::int AS n FROM sla_report_publications ${where}`),
        invoices: await count(`SELECT count(*)::int AS n FROM invoices ${where}`),
        usageRecords: await count(`SELECT count(*)::int AS n FROM usage_records ${where}`),
        auditEvents: await count(`SELECT count(*)::int AS n FROM audit_events ${where}`),
      });
      expect(manifest.counts.invoices).toBeGreaterThan(0);
      expect(manifest.counts.usageRecords).toBeGreaterThan(0);
      expect(manifest.counts.attachments).toBe(1);
      expect(manifest.counts.slaReports).toBe(1);

      const paths = manifest.files.map((f) => f.path);
      const invoiceNumbers = ((await t.database.ownerQuery(`SELECT number FROM invoices ${where}`)) as { number: string }[]).map((r) => r.number);
      for (const n of invoiceNumbers) {
        expect(paths).toContain(`invoices/${n}.xml`);
        expect(paths).toContain(`invoices/${n}.pdf`);
        expect(readFileSync(join(out, `invoices/${n}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
      }
      expect(paths).toContain('sla-reports/2026-11-v1.pdf');
      const attachment = paths.find((p) => p.startsWith('tickets/') && p.endsWith('kļūda.txt'))!;
      expect(readFileSync(join(out, attachment), 'utf8')).toBe('printera žurnāls\n');
      const audit = JSON.parse(readFileSync(join(out, 'audit-events.json'), 'utf8')) as { action: string }[];
      expect(audit.map((e) => e.action)).toContain('tenant.exported');

      // Only this municipality: no other tenant's id, registration number or name in any text file.
      const others = tenants.filter((x) => x.id !== ogre);
      for (const path of paths.filter((p) => !p.endsWith('.pdf'))) {
        const text = readFileSync(join(out, path), 'utf8');
        for (const other of others) {
          expect(text.includes(other.id), `${path} names ${other.name}`).toBe(false);
          expect(text.includes(other.registrationNumber), `${path} names ${other.name}`).toBe(false);
          expect(text.includes(other.name), `${path} names ${other.name}`).toBe(false);
        }
        expect(text).not.toContain('CESU-NOSLEPUMS');
      }
      expect(await count(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'tenant.exported' AND tenant_id = '${ogre}'`)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
