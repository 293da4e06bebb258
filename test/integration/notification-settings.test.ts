import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueInvoice } from '../../src/app/billing/issue-invoice.js';
import { OUTBOX_MAX_ATTEMPTS, sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { systemActor } from '../../src/domain/actor.js';
import { formatNumber } from '../../src/domain/locale.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';
import { smtpReceiver } from '../support/smtp-receiver.js';

/** Stands in for Teams and Slack incoming webhooks: keeps every post; `/teams` answers 500 while `teamsDown`. */
async function chatReceiver() {
  const posts: { path: string; contentType: string | undefined; body: unknown }[] = [];
  const state = { teamsDown: false };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const down = req.url === '/teams' && state.teamsDown;
      if (!down) posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(body) });
      res.statusCode = down ? 500 : 200;
      res.end(down ? 'busy' : '1');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, posts, state, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const DEFAULT_TOPIC = { email: { contact: true, roles: ['tenant_admin'], userIds: [], extraAddresses: [] }, teams: [], slack: [] };
/** A ticket's own people always hear of it; the tickets topic reaches no one else until chosen. */
const NOBODY = { email: { contact: false, roles: [], userIds: [], extraAddresses: [] }, teams: [], slack: [] };

describe.each(BACKENDS)('municipal notification settings on %s', (backend) => {
  let t: TestApp;
  let now = new Date('2026-11-02T08:00:00Z');
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let chat: Awaited<ReturnType<typeof chatReceiver>>;
  let cesisId: string;
  let cesisUserId: string;
  let siguldaUserId: string;
  const url = () => `/api/v1/tenants/${cesisId}/notification-settings`;
  const as = (email: string) => signIn(t.app, email);

  beforeAll(async () => {
    smtp = await smtpReceiver();
    chat = await chatReceiver();
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.rda.lv' };
    const operator = await as('operators@rda.lv');
    const tenants = (await operator.get('/api/v1/tenants')).json().items as { id: string; name: string }[];
    cesisId = tenants.find((x) => x.name.includes('Cēs'))!.id;
    const people = (await operator.get('/api/v1/users?limit=200')).json().items as { id: string; email: string }[];
    cesisUserId = people.find((p) => p.email === 'lietotajs@cesis.lv')!.id;
    siguldaUserId = people.find((p) => p.email === 'lietotajs@sigulda.lv')!.id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await new Promise<void>((resolve) => chat.server.close(() => resolve()));
  });

  it('answers the defaults while the municipality has chosen nothing, to its people and the agency', async () => {
    for (const email of ['admin@cesis.lv', 'lietotajs@cesis.lv', 'operators@rda.lv']) {
      const got = await (await as(email)).get(url());
      expect(got.statusCode, `${email}: ${got.body}`).toBe(200);
      expect(got.json()).toEqual({
        tenantId: cesisId,
        customised: false,
        updatedAt: null,
        updatedBy: null,
        topics: { maintenance: DEFAULT_TOPIC, incidents: DEFAULT_TOPIC, tickets: NOBODY, monthly_reports: DEFAULT_TOPIC, invoices: DEFAULT_TOPIC },
      });
    }
  });

  it('refuses other municipalities as unknown, and changes by people who may only read', async () => {
    const sigulda = await as('admin@sigulda.lv');
    expect((await sigulda.get(url())).statusCode).toBe(404);
    expect((await sigulda.put(url(), { topics: {} })).statusCode).toBe(404);
    expect((await (await as('lietotajs@cesis.lv')).put(url(), { topics: {} })).statusCode).toBe(403);
    expect((await (await as('dienests@rda.lv')).get(url())).statusCode).toBe(403);
    expect((await (await as('operators@rda.lv')).get('/api/v1/tenants/00000000-0000-4000-8000-000000000000/notification-settings')).statusCode).toBe(404);
  });

  it('names every wrong field with its code', async () => {
    const admin = await as('admin@cesis.lv');
    const bad = await admin.put(url(), {
      topics: {
        maintenance: {
          email: { contact: true, roles: [], userIds: [siguldaUserId], extraAddresses: ['it@cesis.lv', 'IT@cesis.lv ', 'nav adrese'] },
          teams: ['http://teams.example.com/hook', 'https://ok.webhook.office.com/x'],
          slack: ['not a url'],
        },
      },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['topics.maintenance.email.extraAddresses.1', 'duplicate'],
      ['topics.maintenance.email.extraAddresses.2', 'invalid_email'],
      ['topics.maintenance.teams.0', 'invalid_https_url'],
      ['topics.maintenance.slack.0', 'invalid_url'],
    ]);
    // The person check comes once the shape is right: a Sigulda person is no Cēsis person.
    const stranger = await admin.put(url(), { topics: { maintenance: { ...DEFAULT_TOPIC, email: { ...DEFAULT_TOPIC.email, userIds: [siguldaUserId] } } } });
    expect(stranger.json().errors).toEqual([{ field: 'topics.maintenance.email.userIds.0', code: 'unknown_user', params: {}, message: "must be one of the municipality's people" }]);
    const unknownTopic = await admin.put(url(), { topics: { weather: DEFAULT_TOPIC } });
    expect(unknownTopic.statusCode).toBe(400);
    expect(unknownTopic.json().errors[0]).toMatchObject({ code: 'unknown_field' });
    expect((await admin.get(url())).json().customised).toBe(false); // nothing was stored
  });

  it('keeps what an administrator chose, audited; topics left out keep their defaults', async () => {
    const admin = await as('admin@cesis.lv');
    const chosen = {
      email: { contact: false, roles: [], userIds: [cesisUserId], extraAddresses: [' IT@Cesis.lv'] },
      teams: [`${chat.base}/teams`],
      slack: [`${chat.base}/slack`],
    };
    const put = await admin.put(url(), { topics: { monthly_reports: chosen } });
    expect(put.statusCode, put.body).toBe(200);
    const got = (await admin.get(url())).json();
    expect(got).toMatchObject({ customised: true, updatedBy: expect.stringContaining('admin@cesis.lv'), updatedAt: now.toISOString() });
    expect(got.topics.monthly_reports).toEqual({ ...chosen, email: { ...chosen.email, extraAddresses: ['it@cesis.lv'] } });
    expect(got.topics.maintenance).toEqual(DEFAULT_TOPIC);
    const audit = (await (await as('operators@rda.lv')).get('/api/v1/audit-events?action=notification_settings.changed')).json().items;
    const event = audit.find((e: { entityId: string }) => e.entityId === cesisId);
    expect(event).toMatchObject({ action: 'notification_settings.changed', actorKind: 'user', actorLabel: 'admin@cesis.lv' });
    // The log names the person, not only their sign-in address.
    expect(event.actorName).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}/u);
  });

  it('sends a published report only to the chosen people and posts the Teams and Slack formats; a failed post is retried', async () => {
    chat.state.teamsDown = true;
    const operator = await as('operators@rda.lv');
    const published = await operator.post(`/api/v1/tenants/${cesisId}/sla-reports/2026-10/publications`, {});
    expect(published.statusCode, published.body).toBe(201);
    const key = `sla-report:${published.json().id}`;
    const rows = async () =>
      (await t.database.ownerQuery('SELECT id::text AS id, channel, recipient, status FROM outbox WHERE event_key = $1 ORDER BY channel, recipient', [key])) as { id: string; channel: string; recipient: string; status: string }[];
    expect((await rows()).map((r) => [r.channel, r.recipient])).toEqual([
      ['email', 'it@cesis.lv'],
      ['email', 'lietotajs@cesis.lv'],
      ['slack', `${chat.base}/slack`],
      ['teams', `${chat.base}/teams`],
    ]);

    const mailsBefore = smtp.mails.length;
    await sendOutbox(t.deps, { limit: 100 });
    const mailed = smtp.mails.slice(mailsBefore).filter((m) => m.raw.includes('2026-10'));
    expect(mailed.map((m) => m.to).flat().sort()).toEqual(['it@cesis.lv', 'lietotajs@cesis.lv']); // not the admin, not the contact address

    const slack = chat.posts.find((p) => p.path === '/slack')!;
    expect(slack.contentType).toBe('application/json');
    expect(slack.body).toMatchObject({
      text: `[Kopa] Pieejamības pārskats 2026-10\nhttps://kopa.rda.lv/municipalities/${cesisId}/sla-reports/2026-10`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '[Kopa] Pieejamības pārskats 2026-10' } },
        { type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('Pieejamības pārskats par 2026-10 ir publicēts.') } },
        { type: 'section', text: { type: 'mrkdwn', text: `<https://kopa.rda.lv/municipalities/${cesisId}/sla-reports/2026-10|Atvērt pārskatu / Open the report>` } },
      ],
    });

    // Teams refused: the row waits, and after its last attempt is failed, shown to operators.
    for (let i = 0; i < OUTBOX_MAX_ATTEMPTS && (await rows()).find((r) => r.channel === 'teams')!.status !== 'failed'; i++) {
      now = new Date(now.getTime() + 2 * 3_600_000);
      await sendOutbox(t.deps, { limit: 100 });
    }
    const teamsRow = (await rows()).find((r) => r.channel === 'teams')!;
    expect(teamsRow.status).toBe('failed');
    const operatorNow = await as('operators@rda.lv'); // hours later: a fresh session
    const failed = (await operatorNow.get(`/api/v1/outbox?status=failed&channel=teams`)).json().items;
    expect(failed.find((n: { id: string }) => n.id === teamsRow.id)).toMatchObject({ event: 'sla_report.published', lastError: expect.stringContaining('answered 500') });

    chat.state.teamsDown = false;
    expect((await operatorNow.post(`/api/v1/outbox/${teamsRow.id}/retry`)).statusCode).toBe(200);
    await sendOutbox(t.deps, { limit: 100 });
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    const teams = chat.posts.filter((p) => p.path === '/teams');
    expect(teams).toHaveLength(1);
    expect(teams[0]!.body).toMatchObject({
      '@type': 'MessageCard',
      summary: '[Kopa] Pieejamības pārskats 2026-10',
      title: '[Kopa] Pieejamības pārskats 2026-10',
      text: expect.stringContaining('Pieejamības pārskats par 2026-10 ir publicēts.'),
      potentialAction: [{ '@type': 'OpenUri', name: 'Atvērt pārskatu / Open the report', targets: [{ os: 'default', uri: `https://kopa.rda.lv/municipalities/${cesisId}/sla-reports/2026-10` }] }],
    });
  });

  it('announces an issued invoice to whoever the municipality chose for invoices', async () => {
    const admin = await as('admin@cesis.lv');
    const invoices = { email: { contact: false, roles: [], userIds: [], extraAddresses: ['gramatvediba@cesis.lv'] }, teams: [], slack: [`${chat.base}/slack`] };
    expect((await admin.put(url(), { topics: { invoices } })).statusCode).toBe(200);
    const lines = [{ description: 'Administrēšana', quantity: '1', unitCode: 'C62', unitPrice: '1234.5' }];
    const issued = await t.deps.store.run({ role: 'system', tenantId: null }, (tx) => issueInvoice(t.deps, tx, systemActor('test'), { tenantId: cesisId, month: '2026-10', kind: 'invoice', lines }));
    const rows = (await t.database.ownerQuery('SELECT channel, recipient, subject, payload FROM outbox WHERE event_key = $1 ORDER BY channel', [`invoice:${issued.id}`])) as { channel: string; recipient: string; subject: string; payload: { text?: string; blocks?: unknown[] } }[];
    expect(rows.map((r) => [r.channel, r.recipient, r.subject])).toEqual([
      ['email', 'gramatvediba@cesis.lv', `[Kopa] Izrakstīts rēķins ${issued.number}`],
      ['slack', `${chat.base}/slack`, `[Kopa] Izrakstīts rēķins ${issued.number}`],
    ]);
    // The amount payable, grouped and with a decimal comma as Latvian writes it (1 234,50 + 21 % VAT).
    expect(rows[0]!.payload.text).toContain(`Izrakstīts rēķins ${issued.number} par 2026-10, summa apmaksai ${formatNumber('1493.75', 'lv')} EUR.`);
    expect(formatNumber('1493.75', 'lv')).toMatch(/^1\s493,75$/u);
    expect(rows[0]!.payload.text).toContain(`https://kopa.rda.lv/municipalities/${cesisId}/costs`);
  });
  it('posts maintenance and incident notices to the Teams and Slack webhooks chosen for those topics, and mails no one left out', async () => {
    const admin = await as('admin@cesis.lv');
    const operator = await as('operators@rda.lv');
    const onlyChat = (hook: string) => ({ email: { contact: false, roles: [], userIds: [], extraAddresses: [] }, teams: hook === 'teams' ? [`${chat.base}/teams`] : [], slack: hook === 'slack' ? [`${chat.base}/slack`] : [] });
    expect((await admin.put(url(), { topics: { maintenance: onlyChat('teams'), incidents: onlyChat('slack') } })).statusCode).toBe(200);
    const services = (await operator.get(`/api/v1/tenants/${cesisId}/subscriptions`)).json().items as { serviceId: string }[];
    const serviceId = services[0]!.serviceId;

    const window = await operator.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: '2026-11-20T20:00:00Z', endsAt: '2026-11-20T22:00:00Z', title: 'Tīkla apkope' });
    expect(window.statusCode, window.body).toBe(201);
    const incident = await operator.post('/api/v1/incidents', { title: 'Lēna atbilde', impact: 'minor', serviceIds: [serviceId], message: 'Izmeklējam.' });
    expect(incident.statusCode, incident.body).toBe(201);

    const rows = (await t.database.ownerQuery("SELECT event, channel, recipient, payload FROM outbox WHERE tenant_id = $1 AND (event LIKE 'maintenance.%' OR event LIKE 'incident.%') ORDER BY id", [cesisId])) as { event: string; channel: string; recipient: string; payload: Record<string, unknown> }[];
    expect(rows.map((r) => [r.event.split('.')[0], r.channel, r.recipient])).toEqual([
      ['maintenance', 'teams', `${chat.base}/teams`],
      ['incident', 'slack', `${chat.base}/slack`],
    ]);
    // A channel has no one reader's language: Latvian first, then English, and both on the link.
    expect(rows[0]!.payload).toMatchObject({ '@type': 'MessageCard', title: expect.stringContaining('Tīkla apkope'), potentialAction: [{ name: 'Statusa lapa / Status page', targets: [{ uri: 'https://kopa.rda.lv/status' }] }] });
    const teamsText = String(rows[0]!.payload.text);
    expect(teamsText.indexOf('Kopas pakalpojumiem plānota apkope')).toBeGreaterThanOrEqual(0);
    expect(teamsText.indexOf('Maintenance is planned for Kopa services')).toBeGreaterThan(teamsText.indexOf('Kopas pakalpojumiem plānota apkope'));
    expect(JSON.stringify(rows[1]!.payload)).toContain('Lēna atbilde');
    expect(rows[1]!.payload).toHaveProperty('blocks');
  });
  it('tells whoever was chosen for the tickets topic of each ticket opened and resolved, and no one while nobody is chosen', async () => {
    const admin = await as('admin@cesis.lv');
    const desk = await as('dienests@rda.lv');
    const ticketRows = async (id: string) =>
      (await t.database.ownerQuery("SELECT event, channel, recipient FROM outbox WHERE event_key LIKE $1 AND event IN ('ticket.opened', 'ticket.resolved') ORDER BY id", [`ticket:${id}:%`])) as { event: string; channel: string; recipient: string }[];
    const open = async () => {
      const res = await admin.post('/api/v1/tickets', { subject: 'Neatveras arhīvs', description: 'Kļūda 500', priority: 'P3' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const unheard = await open();
    expect(await ticketRows(unheard)).toEqual([]);

    const tickets = { email: { contact: false, roles: [], userIds: [], extraAddresses: ['it@cesis.lv'] }, teams: [`${chat.base}/teams`], slack: [] };
    expect((await admin.put(url(), { topics: { tickets } })).statusCode).toBe(200);
    const heard = await open();
    for (const status of ['in_progress', 'resolved']) expect((await desk.post(`/api/v1/tickets/${heard}/status`, { status })).statusCode).toBe(200);
    expect((await ticketRows(heard)).map((r) => [r.event, r.channel, r.recipient])).toEqual([
      ['ticket.opened', 'email', 'it@cesis.lv'],
      ['ticket.opened', 'teams', `${chat.base}/teams`],
      ['ticket.resolved', 'email', 'it@cesis.lv'],
      ['ticket.resolved', 'teams', `${chat.base}/teams`],
    ]);
  });
});
