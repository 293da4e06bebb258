import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateTickets } from '../../src/app/desk/escalate-tickets.js';
import { openTicket } from '../../src/app/desk/open-ticket.js';
import { jobHandlers, outboxSender } from '../../src/jobs/handlers.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { startWorker } from '../../src/jobs/worker.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { smtpReceiver, type ReceivedMail, type SmtpReceiver } from '../support/smtp-receiver.js';

const SECRET = 'webhook-secret-for-tests';
const START = new Date('2026-11-25T14:00:00Z'); // Wed 16:00 in Riga
let now = START;

type Mail = ReceivedMail;
interface Hook { headers: Record<string, string | string[] | undefined>; body: string }

describe.each(BACKENDS)('escalation notifications on %s', (backend) => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let hooks: Server;
  const mails: Mail[] = [];
  const deliveries: Hook[] = [];
  let failNext = 1; // the receiver is down for the first delivery

  beforeAll(async () => {
    now = START;
    smtp = await smtpReceiver({ into: mails });
    hooks = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        deliveries.push({ headers: req.headers, body });
        res.statusCode = failNext-- > 0 ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));

    t = await startTestApp(backend, { now: () => now });
        const hookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/kopa`;
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [{ url: hookUrl, secret: SECRET }], publicUrl: 'https://kopa.example.lv' };
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await new Promise<void>((resolve) => hooks.close(() => resolve()));
  });

  it('e-mails the desk and posts a signed webhook, retrying a failed delivery', async () => {
    const cesis = (await t.deps.store.run({ role: 'system', tenantId: null }, (tx) => t.deps.store.tenants.list(tx, null))).find((x) => x.name.startsWith('Cēsu'))!;
    const reporter = { kind: 'user' as const, id: null, label: 'lietotajs@cesis.lv', role: 'tenant_user' as const, tenantId: cesis.id, requestId: null, clientAddress: null };
    const ticket = await openTicket(t.deps, reporter, { priority: 'P1', subject: 'Portāls nestrādā', description: 'Kļūda 500' });

    now = new Date('2026-11-25T14:50:00Z'); // 50 of 60 reaction minutes used
    expect((await escalateTickets(t.deps)).map((e) => `${e.clock}:${e.level}`)).toEqual(['reaction:warning']);
    const log = { info() {}, warn() {}, error() {} };
    const worker = startWorker({ deps: t.deps, handlers: jobHandlers(t.deps), periodic: [], pollMs: 3_600_000, afterJobs: outboxSender(t.deps, log), log });
    await worker.tick();

    // One mail per person (each is its own outbox row), to the desk agents and operators of the demo.
    expect(mails.map((m) => m.to.join(',')).sort()).toEqual(['dienests@rda.lv', 'operators@rda.lv']);
    expect(mails.every((m) => m.raw.includes(`#${ticket.number}`))).toBe(true);
    expect(deliveries).toHaveLength(1); // answered 503: queued again

    now = new Date('2026-11-25T14:50:31Z');
    await worker.tick();
    await worker.stop();
    expect(mails).toHaveLength(2); // the e-mails are not sent twice
    expect(deliveries).toHaveLength(2);
    const delivered = deliveries[1]!;
    expect(delivered.headers['x-kopa-event']).toBe('ticket.reaction_warning');
    const expected = `sha256=${createHmac('sha256', SECRET).update(delivered.body).digest('hex')}`;
    expect(delivered.headers['x-kopa-signature']).toBe(expected);
    expect(delivered.headers['x-kopa-delivery']).toBe(deliveries[0]!.headers['x-kopa-delivery']);
    expect(JSON.parse(delivered.body)).toMatchObject({ event: 'ticket.reaction_warning', ticket: { id: ticket.id, priority: 'P1' }, link: `https://kopa.example.lv/tickets/${ticket.id}` });
  });
});
