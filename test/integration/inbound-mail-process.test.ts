import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo/seed-demo-data.js';
import { BACKENDS, createEmptyPostgresDatabase, type BackendName } from '../support/database.js';
import { kopaCommand } from '../support/kopa-command.js';
import { serverEnv, spawnServer, type ServerProcess } from '../support/server-process.js';

const DESK = 'atbalsts@kopa.rda.lv';

/** A port free a moment ago (the listener's port is a setting, 0 is not one). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function until<T>(look: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await look();
    if (found !== undefined || Date.now() > end) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The listener as users run it: `kopa serve` in its own process, configured by the environment only,
// a municipality and its person made through the HTTP API, mail sent over TCP, the result read
// through the API. (An empty database, not `kopa demo`: seeding the demo's history took minutes.)
describe.each(BACKENDS)('the inbound mail listener of a running server (%s)', (backend: BackendName) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-inbound-'));
  let pgDatabase: { url: string; drop(): Promise<void> } | null = null;
  let server: ServerProcess | null = null;

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await pgDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('turns a mail to the desk into an e-mail ticket and a reply into its comment', async () => {
    if (backend === 'postgres') pgDatabase = await createEmptyPostgresDatabase();
    const smtpPort = await freePort();
    const bootstrap = randomBytes(24).toString('base64url');
    const env = serverEnv({
      KOPA_INBOUND_SMTP_PORT: String(smtpPort),
      KOPA_DESK_ADDRESS: DESK,
      KOPA_PROBER: 'false',
      KOPA_BOOTSTRAP_TOKEN: bootstrap,
      ...(pgDatabase ? { DATABASE_URL: pgDatabase.url, KOPA_SECRET_KEY: randomBytes(32).toString('base64') } : {}),
    });
    server = await spawnServer(kopaCommand('serve', '--port', '0', '--data-dir', dataDir), env, { timeoutMs: 120_000 });
    expect(server.output()).toContain(`SMTP on port ${smtpPort} for ${DESK}`);

    const asAgency = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${server!.url}${path}`, { method, headers: { authorization: `Bearer ${bootstrap}`, ...(body !== undefined && { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
      expect(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`).toBe(true);
      return response.json();
    };
    const tenant = await asAgency('POST', '/api/v1/tenants', { name: 'Cēsu novads', registrationNumber: '90000031828', status: 'active' });
    await asAgency('POST', `/api/v1/tenants/${tenant.id}/users`, { email: 'lietotajs@cesis.lv', name: 'Jānis Bērziņš', role: 'tenant_user', password: DEMO_PASSWORD });

    const login = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lietotajs@cesis.lv', password: DEMO_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = /kopa_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const get = async (path: string) => (await fetch(`${server!.url}${path}`, { headers: { cookie } })).json();

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    try {
      const subject = `Pa pastu ${randomBytes(4).toString('hex')}`;
      const sent = await transport.sendMail({ from: 'Jānis <lietotajs@cesis.lv>', to: DESK, subject, text: 'Nevar atvērt DVS.' });
      expect(sent.accepted).toEqual([DESK]);
      // The listener answers 250 once the mail is applied, so the ticket is there already.
      const ticket = await until(async () => ((await get('/api/v1/tickets?channel=email&limit=100')).items as { id: string; number: string; subject: string }[]).find((i) => i.subject === subject), 5_000);
      expect(ticket, server.output()).toBeDefined();
      expect(await get(`/api/v1/tickets/${ticket!.id}`)).toMatchObject({ channel: 'email', reporterLabel: 'lietotajs@cesis.lv', description: 'Nevar atvērt DVS.' });

      await transport.sendMail({ from: 'lietotajs@cesis.lv', to: `atbalsts+${ticket!.number}@kopa.rda.lv`, subject: `Re: ${subject}`, text: 'Joprojām nevar.\n\n> Nevar atvērt DVS.\n' });
      const comment = await until(async () => ((await get(`/api/v1/tickets/${ticket!.id}`)).events as { kind: string; body: string; actorLabel: string }[]).find((e) => e.kind === 'comment'), 5_000);
      expect(comment).toMatchObject({ body: 'Joprojām nevar.', actorLabel: 'lietotajs@cesis.lv' });
    } finally {
      transport.close();
    }
  }, 300_000);
});
