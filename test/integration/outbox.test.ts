import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertOperators, type OperatorAlert } from '../../src/app/shared/alert-operators.js';
import { OUTBOX_MAX_ATTEMPTS, sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';
import { smtpReceiver } from '../support/smtp-receiver.js';

const SYSTEM = { role: 'system' as const, tenantId: null };
const METRICS_TOKEN = 'outbox-metrics-token-0123456789';
const START = Date.parse('2026-11-25T10:00:00Z');

/** A webhook receiver: `/ok` answers 204, `/flaky` 503 for the first `failFirst` deliveries, `/down` always 500. */
async function webhookReceiver() {
  const deliveries: { path: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  const state = { failFirst: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      deliveries.push({ path: req.url ?? '', headers: req.headers, body });
      res.statusCode = req.url === '/down' ? 500 : req.url === '/flaky' && state.failFirst-- > 0 ? 503 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, deliveries, state, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(BACKENDS)('the durable outbox on %s', (backend) => {
  let t: TestApp;
  let now = new Date(START);
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
  const secret = 'outbox-webhook-secret-0123';
  let seq = 0;
  const alert = (over: Partial<OperatorAlert> = {}): OperatorAlert => ({ event: 'test.alert', key: `test:${++seq}`, subject: `Kopa: pārbaude ${seq}`, lines: ['Pārbaude', 'Test'], body: { n: seq }, at: now, ...over });
  const record = (a: OperatorAlert) => t.deps.store.run(SYSTEM, (tx) => alertOperators(t.deps, tx, a));
  const rows = async (key: string) =>
    (await t.database.ownerQuery('SELECT id::text AS id, channel, recipient, status, attempts, last_error, sent_at FROM outbox WHERE event_key = $1 ORDER BY channel, recipient', [key])) as {
      id: string; channel: string; recipient: string; status: string; attempts: number; last_error: string | null; sent_at: Date | null;
    }[];
  const webhooks = (path: string) => [{ url: `${hooks.base}${path}`, secret }];

  beforeAll(async () => {
    smtp = await smtpReceiver();
    hooks = await webhookReceiver();
    t = await startTestApp(backend, { now: () => now, server: { metricsToken: METRICS_TOKEN } });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: webhooks('/ok'), publicUrl: 'https://kopa.example.lv' };
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await new Promise<void>((resolve) => hooks.server.close(() => resolve()));
  });

  it('records a notice only when the change it reports commits, and once per recipient however often it is recorded', async () => {
    const rolledBack = alert();
    await expect(t.deps.store.run(SYSTEM, async (tx) => {
      await alertOperators(t.deps, tx, rolledBack);
      throw new Error('the business change fails');
    })).rejects.toThrow('the business change fails');
    expect(await rows(rolledBack.key)).toEqual([]);

    const a = alert();
    await Promise.all([record(a), record(a), record({ ...a, subject: 'recorded again' })]);
    // operators@rda.lv is the demo's only operator; one e-mail to them and one webhook.
    expect((await rows(a.key)).map((r) => [r.channel, r.recipient, r.status])).toEqual([['email', 'operators@rda.lv', 'queued'], ['webhook', `${hooks.base}/ok`, 'queued']]);

    const before = smtp.mails.length;
    const pass = await sendOutbox(t.deps);
    expect(pass.failures).toEqual([]);
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['operators@rda.lv']]);
    expect((await rows(a.key)).map((r) => r.status)).toEqual(['sent', 'sent']);
    // A pass an hour later, long after any claim would have expired, finds nothing due.
    now = new Date(now.getTime() + 3_600_000);
    expect(await sendOutbox(t.deps)).toEqual({ sent: 0, failures: [] });
    expect(smtp.mails).toHaveLength(before + 1);
  });

  it('two senders at once never send the same notice twice', async () => {
    const keys = [1, 2, 3, 4, 5].map((n) => alert({ subject: `Kopa: concurrent ${n}` }));
    for (const a of keys) await record(a);
    const before = smtp.mails.length;
    const passes = await Promise.all([sendOutbox(t.deps, { limit: 3 }), sendOutbox(t.deps, { limit: 3 }), sendOutbox(t.deps, { limit: 3 }), sendOutbox(t.deps, { limit: 3 })]);
    expect(passes.reduce((n, p) => n + p.sent, 0)).toBe(10);
    const subjects = smtp.mails.slice(before).map((m) => /Subject: (.*)/.exec(m.raw)?.[1]?.trim()).sort();
    expect(subjects).toEqual(keys.map((a) => a.subject).sort());
    // Every mail is marked automatic and carries a Message-ID of ours, so one that comes back to the
    // inbound listener is recognised as a loop (src/domain/desk/inbound-mail.ts).
    for (const mail of smtp.mails.slice(before)) {
      expect(mail.raw).toMatch(/^Auto-Submitted: auto-generated\r?$/im);
      expect(mail.raw).toMatch(/^Message-ID: <kopa\.[0-9a-f-]{36}@rda\.lv>\r?$/im);
    }
  });

  it('retries with back-off after receivers that fail first, keeping the reason and the delivery id', async () => {
    t.deps.notifications = { mailEnabled: true, webhooks: webhooks('/flaky'), publicUrl: null };
    smtp.state.refuse = 1;
    hooks.state.failFirst = 1;
    const a = alert();
    await record(a);
    const mailsBefore = smtp.mails.length;
    const hooksBefore = hooks.deliveries.length;

    const first = await sendOutbox(t.deps);
    expect(first.failures.map((f) => [f.channel, f.final])).toEqual([['email', false], ['webhook', false]]);
    const failed = await rows(a.key);
    expect(failed.map((r) => [r.status, r.attempts])).toEqual([['queued', 1], ['queued', 1]]);
    expect(failed[0]!.last_error).toContain('451');
    expect(failed[1]!.last_error).toContain('503');

    // Not due before the back-off (30 s after the first attempt) is over.
    now = new Date(now.getTime() + 29_000);
    expect((await sendOutbox(t.deps)).sent).toBe(0);
    now = new Date(now.getTime() + 2_000);
    expect((await sendOutbox(t.deps)).sent).toBe(2);
    expect(smtp.mails.slice(mailsBefore).map((m) => m.to)).toEqual([['operators@rda.lv']]);
    const tries = hooks.deliveries.slice(hooksBefore);
    expect(tries).toHaveLength(2);
    expect(tries[1]!.headers['x-kopa-delivery']).toBe(tries[0]!.headers['x-kopa-delivery']);
    expect(tries[1]!.headers['x-kopa-event']).toBe('test.alert');
    expect((await rows(a.key)).map((r) => [r.status, r.attempts, r.last_error])).toEqual([['sent', 2, null], ['sent', 2, null]]);
  });

  it('gives up after the last attempt: failed, listed for operators with why, and sent again on retry', async () => {
    t.deps.notifications = { mailEnabled: false, webhooks: webhooks('/down'), publicUrl: null };
    const a = alert({ event: 'backup.failed' });
    await record(a);
    const delays: number[] = [];
    let last = now.getTime();
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      const pass = await sendOutbox(t.deps);
      expect(pass.failures.map((f) => [f.attempts, f.final]), `attempt ${attempt}`).toEqual([[attempt, attempt === OUTBOX_MAX_ATTEMPTS]]);
      const [row] = (await t.database.ownerQuery('SELECT next_attempt_at FROM outbox WHERE event_key = $1', [a.key])) as { next_attempt_at: Date }[];
      delays.push((new Date(row!.next_attempt_at).getTime() - now.getTime()) / 1000);
      last = new Date(row!.next_attempt_at).getTime();
      now = new Date(last);
    }
    // 30 s, then doubling; the last attempt leaves no next one (the row keeps its last due time).
    expect(delays.slice(0, -1)).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    const [failed] = await rows(a.key);
    expect(failed).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS, last_error: expect.stringContaining('answered 500') });
    now = new Date(now.getTime() + 86_400_000);
    expect((await sendOutbox(t.deps)).failures).toEqual([]); // a failed notice is not tried again by itself

    const operator = await signIn(t.app, 'operators@rda.lv');
    const list = await operator.get('/api/v1/outbox?status=failed');
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((n: { eventKey: string }) => n.eventKey === a.key);
    expect(item).toMatchObject({ id: failed!.id, event: 'backup.failed', channel: 'webhook', recipient: `${hooks.base}/down`, status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS, lastError: expect.stringContaining('answered 500'), sentAt: null, nextAttemptAt: null });
    expect(list.json().items.every((n: { status: string }) => n.status === 'failed')).toBe(true);
    expect((await operator.get('/api/v1/outbox?channel=email')).json().items.every((n: { channel: string }) => n.channel === 'email')).toBe(true);

    const metrics = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.body).toMatch(/^kopa_outbox_notices\{status="failed"\} 1$/m);

    // A municipality's admin sees none of it and retries nothing.
    const admin = await signIn(t.app, 'admin@cesis.lv');
    expect((await admin.get('/api/v1/outbox?status=failed')).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/outbox/${failed!.id}/retry`)).statusCode).toBe(403);
    expect((await operator.get('/api/v1/outbox?status=lost')).json().errors[0].field).toContain('status');
    expect((await operator.post('/api/v1/outbox/999999999/retry')).statusCode).toBe(404);

    // Once the cause is mended, the operator sends it again: queued now, with fresh attempts.
    const retried = await operator.post(`/api/v1/outbox/${failed!.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await operator.post(`/api/v1/outbox/${failed!.id}/retry`)).statusCode).toBe(409); // only a failed one
    const audit = (await operator.get('/api/v1/audit-events?action=outbox.retried')).json().items;
    expect(audit.map((e: { entityId: string }) => e.entityId)).toContain(failed!.id);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body).toMatch(/^kopa_outbox_notices\{status="queued"\} 1$/m);
  });

  it('fails at once, saying why, a webhook whose receiver was removed from the configuration', async () => {
    t.deps.notifications = { mailEnabled: false, webhooks: webhooks('/ok'), publicUrl: null };
    const a = alert();
    await record(a);
    t.deps.notifications = { mailEnabled: false, webhooks: [], publicUrl: null };
    await sendOutbox(t.deps);
    expect((await rows(a.key)).map((r) => [r.status, r.attempts, r.last_error])).toEqual([['failed', 1, `The webhook receiver ${hooks.base}/ok is no longer configured`]]);
  });

  it('posts Teams and Slack messages as they were recorded', async () => {
    const at = now;
    await t.deps.store.run(SYSTEM, (tx) =>
      t.deps.store.outbox.record(tx, [
        { eventKey: 'chat:1', event: 'test.chat', channel: 'slack', recipient: `${hooks.base}/ok`, tenantId: null, subject: null, payload: { text: 'Sveiki no Kopas' }, language: 'lv' },
        { eventKey: 'chat:1', event: 'test.chat', channel: 'teams', recipient: `${hooks.base}/ok?teams`, tenantId: null, subject: null, payload: { text: 'Hello from Kopa' }, language: 'en' },
      ], at),
    );
    const before = hooks.deliveries.length;
    expect((await sendOutbox(t.deps)).sent).toBe(2);
    const posted = hooks.deliveries.slice(before);
    expect(posted.map((d) => JSON.parse(d.body)).sort((x, y) => String(x.text).localeCompare(String(y.text)))).toEqual([{ text: 'Hello from Kopa' }, { text: 'Sveiki no Kopas' }]);
    expect(posted.every((d) => d.headers['x-kopa-signature'] === undefined)).toBe(true);
  });
});
