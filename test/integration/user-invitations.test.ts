import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { startWorker } from '../../src/jobs/worker.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { smtpReceiver, type ReceivedMail, type SmtpReceiver } from '../support/smtp-receiver.js';

type Mail = ReceivedMail;

/** What a caller can tell apart in an answer: everything but the values it sent and the new id. */
function shapeOf(res: { statusCode: number; headers: Record<string, unknown>; body: string }): unknown {
  const body = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : null;
  return {
    status: res.statusCode,
    type: res.headers['content-type'],
    keys: body ? Object.keys(body).sort() : null,
    fixed: body ? { role: body.role, status: body.status, title: body.title, detail: body.detail, type: body.type, errors: body.errors } : null,
  };
}

describe.each(BACKENDS)('a municipality admin adding people on %s', (backend) => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  const mails: Mail[] = [];
  let admin: Client;
  let cesis: string;
  let now = new Date('2026-12-01T09:00:00Z');

  const runJobs = async () => {
    const worker = startWorker({ deps: t.deps, handlers: jobHandlers(t.deps), periodic: [], pollMs: 3_600_000, log: { info() {}, error() {} } });
    await worker.tick();
    await worker.stop();
  };
  /** The message text, quoted-printable decoded. */
  const textOf = (mail: Mail) => Buffer.from(mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const linkIn = (mail: Mail) => /https:\/\/kopa\.example\.lv\/invitation#([A-Za-z0-9_-]{40,})/.exec(textOf(mail))?.[1] ?? null;
  const accept = (token: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/invitations/accept', payload: { token, password } });
  const rows = (sql: string) => t.database.ownerQuery(sql) as Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    smtp = await smtpReceiver({ into: mails });
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' };
    admin = await signIn(t.app, 'admin@cesis.lv');
    cesis = (await admin.get('/api/v1/session')).json().user.tenantId;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('answers the same whether the e-mail belongs to another municipality or to no one', async () => {
    const invite = (email: string) => admin.post(`/api/v1/tenants/${cesis}/invitations`, { email, name: 'Jauna Persona', role: 'tenant_user' });
    const foreign = await invite('admin@sigulda.lv');
    const free = await invite('jauna.persona@cesis.lv');
    expect(foreign.statusCode).toBe(202);
    expect(shapeOf(foreign)).toEqual(shapeOf(free));
    expect(free.json()).toMatchObject({ email: 'jauna.persona@cesis.lv', role: 'tenant_user', status: 'pending', expiresAt: '2026-12-08T09:00:00.000Z' });

    // Creating directly is not how a municipality adds people, whatever the address.
    const direct = (email: string) => admin.post(`/api/v1/tenants/${cesis}/users`, { email, name: 'Jauna Persona', role: 'tenant_user', password: 'a-long-enough-passphrase' });
    const directForeign = await direct('admin@sigulda.lv');
    expect(directForeign.statusCode).toBe(403);
    expect(shapeOf(directForeign)).toEqual(shapeOf(await direct('cita.persona@cesis.lv')));

    // The admin's lists and audit log show the two alike; nothing was written to Sigulda's account.
    const pending = (await admin.get(`/api/v1/tenants/${cesis}/invitations`)).json().items as { email: string; status: string }[];
    expect(pending.map((i) => [i.email, i.status]).sort()).toEqual([['admin@sigulda.lv', 'pending'], ['jauna.persona@cesis.lv', 'pending']]);
    const audit = ((await admin.get('/api/v1/audit-events?action=user.invited')).json().items as { after: Record<string, unknown> }[]).map((e) => Object.keys(e.after).sort());
    expect(audit).toHaveLength(2);
    expect(audit[0]).toEqual(audit[1]);
    expect(await rows("SELECT email FROM users WHERE email IN ('jauna.persona@cesis.lv', 'cita.persona@cesis.lv')")).toEqual([]);
    expect(await rows("SELECT tenant_id::text FROM users WHERE email = 'admin@sigulda.lv'")).not.toEqual([{ tenant_id: cesis }]);
  });

  it('only the address holder learns the difference, by e-mail: a link for a new account, a notice for an existing one', async () => {
    await runJobs();
    const toFree = mails.filter((m) => m.to.includes('jauna.persona@cesis.lv'));
    const toForeign = mails.filter((m) => m.to.includes('admin@sigulda.lv'));
    expect(toFree).toHaveLength(1);
    expect(toForeign).toHaveLength(1);
    expect(linkIn(toFree[0]!)).not.toBeNull();
    expect(linkIn(toForeign[0]!)).toBeNull();
    expect(textOf(toForeign[0]!)).toContain('Cēsu novada pašvaldība');
    expect(textOf(toForeign[0]!)).toContain('already has a Kopa account');
    // No secret link sits in the database, only its hash.
    expect(JSON.stringify(await rows('SELECT * FROM user_invitations'))).not.toContain(linkIn(toFree[0]!)!);
    expect(JSON.stringify(await rows("SELECT payload FROM jobs WHERE kind = 'invitation'"))).not.toContain(linkIn(toFree[0]!)!);
  });

  it('the invited person sets a password and signs in to the municipality; the link works once', async () => {
    const token = linkIn(mails.find((m) => m.to.includes('jauna.persona@cesis.lv'))!)!;
    const weak = await accept(token, 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([{ field: 'password', code: 'too_short', params: { min: 12 }, message: expect.any(String) }]);
    const accepted = await accept(token, 'jauna-parole-cesis-2026');
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toEqual({ email: 'jauna.persona@cesis.lv' });
    const person = await signIn(t.app, 'jauna.persona@cesis.lv', 'jauna-parole-cesis-2026');
    expect((await person.get('/api/v1/session')).json().user).toMatchObject({ role: 'tenant_user', tenantId: cesis, name: 'Jauna Persona' });
    expect((await accept(token, 'jauna-parole-cesis-2026')).statusCode).toBe(404);
    const events = (await admin.get('/api/v1/audit-events?action=user.created')).json().items as { after: { email: string } }[];
    expect(events.map((e) => e.after.email)).toContain('jauna.persona@cesis.lv');
  });

  it('refuses an unknown or expired link the same way, and a second account for an address', async () => {
    expect((await accept('x'.repeat(43), 'jauna-parole-cesis-2026')).statusCode).toBe(404);
    await admin.post(`/api/v1/tenants/${cesis}/invitations`, { email: 'velak@cesis.lv', name: 'Vēlāk Nākošais', role: 'tenant_user' });
    await runJobs();
    const token = linkIn(mails.find((m) => m.to.includes('velak@cesis.lv'))!)!;
    now = new Date(now.getTime() + 8 * 24 * 3_600_000);
    expect((await accept(token, 'jauna-parole-cesis-2026')).statusCode).toBe(404);
    expect(await rows("SELECT 1 FROM users WHERE email = 'velak@cesis.lv'")).toEqual([]);
    admin = await signIn(t.app, 'admin@cesis.lv'); // the old session idled out over those days
  });

  it('a person already in the admin’s own municipality is a plain conflict (the admin sees them anyway)', async () => {
    const res = await admin.post(`/api/v1/tenants/${cesis}/invitations`, { email: 'Lietotajs@Cesis.lv', name: 'Jānis Bērziņš', role: 'tenant_user' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ field: 'email', code: 'already_member', params: {}, message: 'is already a user of this municipality' }]);
  });

  it('without e-mail delivery an invitation is refused, the same for every address', async () => {
    const saved = t.deps.notifications;
    t.deps.notifications = { mailEnabled: false, webhooks: [], publicUrl: null };
    try {
      const a = await admin.post(`/api/v1/tenants/${cesis}/invitations`, { email: 'admin@talsi.lv', name: 'Kāds Cits', role: 'tenant_user' });
      const b = await admin.post(`/api/v1/tenants/${cesis}/invitations`, { email: 'neviens@cesis.lv', name: 'Kāds Cits', role: 'tenant_user' });
      expect(a.statusCode).toBe(409);
      expect(shapeOf(a)).toEqual(shapeOf(b));
    } finally {
      t.deps.notifications = saved;
    }
  });

  it('an operator still adds people directly (operators see every account anyway)', async () => {
    const operator = await signIn(t.app, 'operators@rda.lv', DEMO_PASSWORD);
    const res = await operator.post(`/api/v1/tenants/${cesis}/users`, { email: 'tiesi@cesis.lv', name: 'Tieši Pievienots', role: 'tenant_user' });
    expect(res.statusCode).toBe(201);
  });
});
