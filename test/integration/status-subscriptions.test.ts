import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { smtpReceiver, type ReceivedMail } from '../support/smtp-receiver.js';

type Mail = ReceivedMail;

/** The message text, quoted-printable decoded. */
const textOf = (mail: Mail) => Buffer.from(mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
/** A header's value, folded lines joined. */
const headerOf = (mail: Mail, name: string) => {
  const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim() ?? null;
};

const PUBLIC_URL = 'https://kopa.example.lv';
/** The token a mailed page link carries after `#` (`confirm` or `unsubscribe`). */
const linkToken = (text: string, kind: 'confirm' | 'unsubscribe') => {
  const link = new RegExp(`https://\\S+#${kind}=\\S+`).exec(text)![0];
  return new URLSearchParams(new URL(link).hash.slice(1)).get(kind)!;
};

describe.each(BACKENDS)('incident notices and status subscriptions on %s', (backend) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let operator: Client;
  let serviceId: string;
  let otherServiceId: string;
  let incidentId: string;
  let now = new Date('2026-11-24T09:00:00Z');
  const anonymous = (url: string, payload?: object, ip = '198.51.100.7') => t.app.inject({ method: payload ? 'POST' : 'GET', url, remoteAddress: ip, ...(payload && { payload }) });
  /** Sends what the outbox holds; the mails that arrived in this pass. */
  const deliver = async () => {
    const before = smtp.mails.length;
    const pass = await sendOutbox(t.deps, { limit: 100 });
    expect(pass.failures).toEqual([]);
    return smtp.mails.slice(before);
  };
  const to = (mails: Mail[]) => mails.flatMap((m) => m.to).sort();

  beforeAll(async () => {
    smtp = await smtpReceiver();
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: PUBLIC_URL };
    operator = await signIn(t.app, 'operators@rda.lv');
    // A service of its own, so only the municipality subscribed here hears of its incidents.
    serviceId = (await operator.post('/api/v1/services', { code: 'STS', name: 'Statusa paziņojumu pārbaude', critical: true })).json().id;
    otherServiceId = (await operator.post('/api/v1/services', { code: 'STO', name: 'Cits pakalpojums', critical: false })).json().id;
    const cesisAdmin = await signIn(t.app, 'admin@cesis.lv');
    const cesisId = (await cesisAdmin.get('/api/v1/tenants')).json().items[0].id;
    expect((await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId, from: '2026-01-01' })).statusCode).toBe(201);
    // Cēsis's administrator reads English; its contact address Latvian.
    expect((await cesisAdmin.patch('/api/v1/session', { locale: 'en' })).statusCode).toBe(200);
    await deliver(); // whatever the demo left in the outbox
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('tells a subscribed municipality of an incident, in each reader’s language, and nobody else', async () => {
    const res = await operator.post('/api/v1/incidents', { title: 'STS nedarbojas', impact: 'major', serviceIds: [serviceId], message: 'Izmeklējam.' });
    expect(res.statusCode).toBe(201);
    incidentId = res.json().id;
    const mails = await deliver();
    expect(to(mails)).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    const admin = textOf(mails.find((m) => m.to[0] === 'admin@cesis.lv')!);
    const contact = textOf(mails.find((m) => m.to[0] === 'pasts@cesis.lv')!);
    expect(admin).toContain('Incident: STS nedarbojas');
    expect(admin).toContain('Status: Investigating');
    expect(admin).toContain('Started: 24 November 2026 11:00'); // Riga, UTC+2
    expect(admin).toContain(`${PUBLIC_URL}/status#incident-${incidentId}`);
    expect(contact).toContain('Traucējums: STS nedarbojas');
    expect(contact).toContain('Sākās: 24.11.2026. 11:00');
    // Municipality contacts change their notices in the settings, not by a list link.
    expect(headerOf(mails[0]!, 'List-Unsubscribe')).toBeNull();

    now = new Date('2026-11-24T09:30:00Z');
    expect((await operator.post(`/api/v1/incidents/${incidentId}/updates`, { status: 'identified', message: 'Atradām cēloni.' })).statusCode).toBe(201);
    const update = await deliver();
    expect(to(update)).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    expect(textOf(update.find((m) => m.to[0] === 'admin@cesis.lv')!)).toContain('Incident update: STS nedarbojas');
    const keys = (await t.database.ownerQuery("SELECT DISTINCT event_key FROM outbox WHERE event_key LIKE 'incident:%' ORDER BY event_key")) as { event_key: string }[];
    expect(keys.map((k) => k.event_key)).toEqual([`incident:${incidentId}:update:1`, `incident:${incidentId}:update:2`]);

    // An incident on a service nobody subscribes to reaches no municipality.
    const other = await operator.post('/api/v1/incidents', { title: 'STO lēns', impact: 'minor', serviceIds: [otherServiceId], message: 'Lēni.' });
    expect(other.statusCode).toBe(201);
    expect(await deliver()).toEqual([]);
    expect((await operator.post(`/api/v1/incidents/${other.json().id}/updates`, { status: 'resolved', message: 'Atrisināts.' })).statusCode).toBe(201);
  });

  it('mails a public follower only after the confirmation link, which works once', async () => {
    const answer = await anonymous('/api/v1/status/subscriptions', { email: 'Sekotajs@Example.org', language: 'en', serviceIds: [serviceId] });
    expect(answer.statusCode).toBe(202);
    // The same answer for an address already waiting: nothing tells who follows.
    const again = await anonymous('/api/v1/status/subscriptions', { email: 'sekotajs@example.org' });
    expect([again.statusCode, again.body]).toEqual([202, answer.body]);
    const confirmations = await deliver();
    expect(to(confirmations)).toEqual(['sekotajs@example.org']); // one mail, however often asked
    const confirmText = textOf(confirmations[0]!);
    expect(confirmText).toContain('To confirm, open this link within 48 hours');
    const token = linkToken(confirmText, 'confirm');

    // Not confirmed yet: an update reaches the municipality only.
    now = new Date('2026-11-24T09:40:00Z');
    await operator.post(`/api/v1/incidents/${incidentId}/updates`, { status: 'monitoring', message: 'Novērojam.' });
    expect(to(await deliver())).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);

    const confirmed = await anonymous('/api/v1/status/subscriptions/confirm', { token });
    expect([confirmed.statusCode, confirmed.json()]).toEqual([200, { email: 'sekotajs@example.org' }]);
    expect((await anonymous('/api/v1/status/subscriptions/confirm', { token })).statusCode).toBe(404);
    // Only the token's hash is stored.
    const stored = JSON.stringify(await t.database.ownerQuery('SELECT * FROM status_subscribers'));
    expect(stored).not.toContain(token);
    // The agency's row: a municipality's own transaction sees no followers (row-level security).
    const cesisId = ((await t.database.ownerQuery("SELECT id FROM tenants WHERE name = 'Cēsu novada pašvaldība'")) as { id: string }[])[0]!.id;
    expect(await t.deps.store.run({ role: 'tenant_admin', tenantId: cesisId }, (tx) => t.deps.store.statusSubscribers.confirmedFor(tx, [serviceId]))).toEqual([]);
    expect(await t.deps.store.run({ role: 'system', tenantId: null }, (tx) => t.deps.store.statusSubscribers.confirmedFor(tx, [serviceId]))).toHaveLength(1);

    now = new Date('2026-11-24T10:00:00Z');
    await operator.post(`/api/v1/incidents/${incidentId}/updates`, { status: 'resolved', message: 'Darbojas atkal.' });
    const resolved = await deliver();
    expect(to(resolved)).toEqual(['admin@cesis.lv', 'pasts@cesis.lv', 'sekotajs@example.org']);
    const follower = resolved.find((m) => m.to[0] === 'sekotajs@example.org')!;
    expect(textOf(follower)).toContain('Incident resolved: STS nedarbojas');
    expect(headerOf(follower, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const listUnsubscribe = headerOf(follower, 'List-Unsubscribe')!;
    expect(listUnsubscribe).toMatch(/^<https:\/\/kopa\.example\.lv\/api\/v1\/status\/subscriptions\/unsubscribe\?token=[\w-]+>$/);

    // RFC 8058 one-click: the mail program posts the form to the header's URL.
    const url = new URL(listUnsubscribe.slice(1, -1));
    const oneClick = await t.app.inject({ method: 'POST', url: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(oneClick.statusCode).toBe(204);
    expect(await t.database.ownerQuery('SELECT id FROM status_subscribers')).toEqual([]);

    now = new Date('2026-11-24T10:30:00Z');
    const next = await operator.post('/api/v1/incidents', { title: 'STS atkal', impact: 'minor', serviceIds: [serviceId], message: 'Vēlreiz.' });
    expect(next.statusCode).toBe(201);
    expect(to(await deliver())).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    await operator.post(`/api/v1/incidents/${next.json().id}/updates`, { status: 'resolved', message: 'Labots.' });
    await deliver();
  });

  it('unsubscribes by the link in the text as well, and forgets unconfirmed addresses', async () => {
    now = new Date('2026-11-25T08:00:00Z');
    operator = await signIn(t.app, 'operators@rda.lv'); // the clock moved past the earlier session
    await anonymous('/api/v1/status/subscriptions', { email: 'visi@example.org' }, '198.51.100.8');
    const text = textOf((await deliver())[0]!);
    const token = linkToken(text, 'confirm');
    expect(text).toContain('Lai apstiprinātu'); // Latvian unless asked otherwise
    expect((await anonymous('/api/v1/status/subscriptions/confirm', { token })).statusCode).toBe(200);

    const open = await operator.post('/api/v1/incidents', { title: 'Visi dzird', impact: 'minor', serviceIds: [otherServiceId], message: 'Sākums.' });
    expect(open.statusCode).toBe(201);
    const mails = await deliver();
    expect(to(mails)).toEqual(['visi@example.org']); // follows every service
    expect(textOf(mails[0]!)).toContain('Atteikties no šiem paziņojumiem');
    const unsubscribe = linkToken(textOf(mails[0]!), 'unsubscribe');
    expect((await anonymous('/api/v1/status/subscriptions/unsubscribe', { token: unsubscribe })).statusCode).toBe(204);
    expect((await anonymous('/api/v1/status/subscriptions/unsubscribe', { token: unsubscribe })).statusCode).toBe(404);
    await operator.post(`/api/v1/incidents/${open.json().id}/updates`, { status: 'resolved', message: 'Beigas.' });
    expect(await deliver()).toEqual([]);

    // An address never confirmed is forgotten once its link expired; the link stops working first.
    await anonymous('/api/v1/status/subscriptions', { email: 'aizmirsis@example.org' }, '198.51.100.8');
    const late = textOf((await deliver())[0]!);
    const lateToken = linkToken(late, 'confirm');
    now = new Date('2026-11-27T08:01:00Z');
    expect((await anonymous('/api/v1/status/subscriptions/confirm', { token: lateToken })).statusCode).toBe(404);
    const { pruneUnconfirmedSubscribers } = await import('../../src/app/status-subscriptions/prune-unconfirmed.js');
    expect(await pruneUnconfirmedSubscribers(t.deps)).toBe(1);
  });

  it('limits how often one client address may ask', async () => {
    const ip = '203.0.113.9';
    for (let i = 0; i < 10; i++) expect((await anonymous('/api/v1/status/subscriptions', { email: `n${i}@example.org` }, ip)).statusCode).toBe(202);
    const refused = await anonymous('/api/v1/status/subscriptions', { email: 'n10@example.org' }, ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().reason).toBe('subscriptions_throttled');
    expect((await anonymous('/api/v1/status/subscriptions', { email: 'n10@example.org' }, '203.0.113.10')).statusCode).toBe(202);
    await deliver();
  });

  it('publishes the incidents as an Atom feed, one entry per update, newest first', async () => {
    const res = await anonymous('/api/v1/status/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=15');
    const doc = create(res.body).end({ format: 'object' }) as unknown as { feed: Record<string, unknown> };
    const feed = doc.feed as { '@xmlns': string; id: string; updated: string; title: string; entry: { id: string; title: string; updated: string; link: { '@href': string }; content: { '#': string } }[] };
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('tag:rda.lv,2026:kopa/status');
    const incident = (await anonymous(`/api/v1/incidents/${incidentId}`)).json() as { updates: { id: string; at: string; message: string }[] };
    const mine = feed.entry.filter((e) => e.link['@href'] === `${PUBLIC_URL}/status#incident-${incidentId}`);
    expect(mine.map((e) => e.id)).toEqual(incident.updates.map((u) => `urn:uuid:${u.id}`).reverse());
    expect(mine.map((e) => e.updated)).toEqual(incident.updates.map((u) => u.at).reverse());
    expect(mine[0]!.title).toBe('STS nedarbojas — Atrisināts / Resolved');
    expect(mine[0]!.content['#']).toBe('Darbojas atkal.');
    const times = feed.entry.map((e) => Date.parse(e.updated));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(feed.updated).toBe(feed.entry[0]!.updated);
  });
});
