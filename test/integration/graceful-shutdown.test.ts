import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/app/identity/create-user.js';
import { systemActor } from '../../src/domain/actor.js';
import { openDatabase, type KopaDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { argon2Hasher } from '../../src/main/runtime.js';
import { BACKENDS, createEmptyPostgresDatabase, type BackendName } from '../support/database.js';
import { kopaCommand } from '../support/kopa-command.js';
import { serverEnv, spawnServer } from '../support/server-process.js';

const SYSTEM = { role: 'system' as const, tenantId: null };
const PASSWORD = 'graceful-shutdown-2026';
const WEBHOOK_SECRET = 'shutdown-webhook-secret';

/** A webhook receiver that holds each delivery until the test lets it go. */
async function slowReceiver(): Promise<{ url: string; received: Promise<void>; release(): void; server: Server }> {
  let onReceived!: () => void;
  const received = new Promise<void>((resolve) => (onReceived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((req, res) => {
    req.resume();
    onReceived();
    void released.then(() => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/hook`, received, release, server };
}

/** A sign-in whose body arrives in two halves: the request is in flight until `finish()`. */
function slowSignIn(base: string, email: string): { finish(): void; response: Promise<{ status: number; body: string; connection: string | undefined }> } {
  const body = JSON.stringify({ email, password: PASSWORD });
  const half = Math.floor(body.length / 2);
  const req = httpRequest(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
  const response = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    req.on('response', (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), response };
}

/**
 * A request already on the wire (headers begun, not finished) when the signal comes, finished
 * afterwards: what a load balancer's keep-alive connection does during a drain.
 */
function readyzStartedBefore(base: string): { finish(): void; response: Promise<string> } {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
  let text = '';
  socket.setEncoding('utf8').on('data', (c: string) => (text += c));
  const response = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(text)).on('close', () => resolve(text)).on('error', reject);
  });
  socket.write('GET /readyz HTTP/1.1\r\nHost: kopa\r\n');
  return { finish: () => socket.write('Accept: application/json\r\n\r\n'), response };
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return code === 'ECONNREFUSED';
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

interface Jobs { id: string; kind: string; status: string; locked_by: string | null; attempts: number }

describe.each(BACKENDS)('kopa serve stops gracefully on SIGTERM (%s)', (backend: BackendName) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-shutdown-'));
  let pgDatabase: { url: string; drop(): Promise<void> } | null = null;

  afterAll(async () => {
    await pgDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(): Promise<KopaDatabase> {
    return pgDatabase ? openDatabase({ url: pgDatabase.url, poolSize: 2 }) : openDatabase({ dataDir });
  }

  it('finishes the request and the job in flight, refuses new connections, hands back claimed jobs and exits 0', async () => {
    if (backend === 'postgres') pgDatabase = await createEmptyPostgresDatabase();
    const receiver = await slowReceiver();

    // A user to sign in, and two webhook deliveries due long ago: the worker claims both, runs the first.
    const db = await open();
    await migrate(db.kysely);
    const store = createStore(db.kysely);
    await createUser({ store, clock: { now: () => new Date() }, passwords: argon2Hasher }, systemActor('test'), { email: 'operator@shutdown.test', name: 'Operators', role: 'operator', tenantId: null, password: PASSWORD });
    for (const n of [1, 2]) {
      await store.run(SYSTEM, (tx) => store.jobs.enqueue(tx, 'webhook', { url: receiver.url, event: 'test', deliveryId: `delivery-${n}`, body: { n } }, new Date(`2020-01-0${n}T00:00:00Z`), `shutdown-${n}`));
    }
    await db.close();

    const env = serverEnv({
      KOPA_WEBHOOK_URL: receiver.url,
      KOPA_WEBHOOK_SECRET: WEBHOOK_SECRET,
      KOPA_PROBER: 'false',
      LOG_LEVEL: 'info',
      ...(pgDatabase ? { DATABASE_URL: pgDatabase.url, KOPA_SECRET_KEY: randomBytes(32).toString('base64') } : {}),
    });
    const server = await spawnServer(kopaCommand('serve', '--port', '0', '--data-dir', dataDir), env);
    try {
      await receiver.received; // the worker's first poll claimed both deliveries and is running the first
      const signIn = slowSignIn(server.url, 'operator@shutdown.test');
      const readyz = readyzStartedBefore(server.url);
      await new Promise((r) => setTimeout(r, 300)); // both requests reach the server

      server.child.kill('SIGTERM');
      expect(await until(() => refused(`${server.url}/healthz`), 10_000), 'new connections are refused while draining').toBe(true);

      readyz.finish();
      const readyzText = await readyz.response;
      expect(readyzText).toMatch(/^HTTP\/1\.1 503/);
      expect(readyzText).toContain('"status":"draining"');

      signIn.finish();
      const signedIn = await signIn.response;
      expect(signedIn.status).toBe(200);
      expect(signedIn.connection).toBe('close');

      receiver.release();
      const exit = await server.exited;
      expect(exit, server.output()).toEqual({ code: 0, signal: null });
      expect(server.output()).toContain('jobs handed back at shutdown');
      expect(server.output()).toContain('shut down cleanly');
    } finally {
      receiver.release();
      server.child.kill('SIGKILL');
      receiver.server.close();
    }

    // The delivery in flight was finished; the claimed one is queued again, and another worker takes it at once.
    const after = await open();
    try {
      const rows = (await sql<Jobs>`SELECT id::text, kind, status, locked_by, attempts FROM jobs WHERE dedupe_key IN ('shutdown-1', 'shutdown-2') ORDER BY dedupe_key`.execute(after.kysely)).rows;
      expect(rows.map((r) => [r.status, r.locked_by, r.attempts])).toEqual([['done', null, 1], ['queued', null, 0]]);
      const afterStore = createStore(after.kysely);
      const claimed = await afterStore.run(SYSTEM, (tx) => afterStore.jobs.claim(tx, 'another-replica', new Date(), 300, 50));
      expect(claimed.map((j) => j.id)).toContain(rows[1]!.id);
    } finally {
      await after.close();
    }
  }, 180_000);
});

/** A monitored system that holds every request until the test lets it go: a check stays under way. */
async function heldTarget(): Promise<{ url: string; requested: Promise<void>; release(): void; server: Server }> {
  let onRequested!: () => void;
  const requested = new Promise<void>((resolve) => (onRequested = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((req, res) => {
    req.resume();
    onRequested();
    void released.then(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, requested, release, server };
}

// The prober stores its results in batches (ADR 0025, "Set-based ingestion"): a result that
// changes nothing waits up to five seconds for its batch, so stopping must store what is gathered,
// and the check under way when the signal comes must finish and be stored with it.
describe.each(BACKENDS)('kopa serve stores the prober\'s last results on SIGTERM (%s)', (backend: BackendName) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-shutdown-prober-'));
  let pgDatabase: { url: string; drop(): Promise<void> } | null = null;

  afterAll(async () => {
    await pgDatabase?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the check under way and stores its result before exiting', async () => {
    if (backend === 'postgres') pgDatabase = await createEmptyPostgresDatabase();
    const target = await heldTarget();
    const open = () => (pgDatabase ? openDatabase({ url: pgDatabase.url, poolSize: 2 }) : openDatabase({ dataDir }));
    const db = await open();
    let monitorId: string;
    try {
      await migrate(db.kysely);
      const service = (await sql<{ id: string }>`INSERT INTO services (code, name_lv, name_en, critical) VALUES ('SHUTDOWN', 'Pakalpojums', 'Service', false) RETURNING id::text`.execute(db.kysely)).rows[0]!;
      monitorId = (
        await sql<{ id: string }>`INSERT INTO monitors (service_id, name, type, target, config, interval_seconds, failures_to_confirm, critical, locations)
          VALUES (${service.id}::uuid, 'held', 'http', ${target.url}, '{"method": "GET", "expectedStatus": 200}', 10, 2, false, '{local}') RETURNING id::text`.execute(db.kysely)
      ).rows[0]!.id;
    } finally {
      await db.close();
    }

    const env = serverEnv({ KOPA_JOBS: 'false', LOG_LEVEL: 'info', ...(pgDatabase ? { DATABASE_URL: pgDatabase.url, KOPA_SECRET_KEY: randomBytes(32).toString('base64') } : {}) });
    const server = await spawnServer(kopaCommand('serve', '--port', '0', '--data-dir', dataDir), env);
    try {
      await target.requested; // the prober's check is under way; its result, up, would wait for the batch
      server.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      target.release();
      const exit = await server.exited;
      expect(exit, server.output()).toEqual({ code: 0, signal: null });
    } finally {
      target.release();
      server.child.kill('SIGKILL');
      target.server.close();
    }

    const after = await open();
    try {
      const rows = (await sql<{ ok: boolean }>`SELECT ok FROM probe_results WHERE monitor_id = ${monitorId}::uuid`.execute(after.kysely)).rows;
      expect(rows).toEqual([{ ok: true }]);
    } finally {
      await after.close();
    }
  }, 240_000); // creating an embedded database and starting a server take minutes on a busy machine
});

describe('kopa serve gives up after KOPA_SHUTDOWN_TIMEOUT_SECONDS', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-shutdown-timeout-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 1 with a log line when a request never finishes', async () => {
    const server = await spawnServer(kopaCommand('serve', '--port', '0', '--data-dir', dataDir), serverEnv({ KOPA_SHUTDOWN_TIMEOUT_SECONDS: '2', KOPA_PROBER: 'false', KOPA_JOBS: 'false', LOG_LEVEL: 'info' }));
    try {
      const stuck = slowSignIn(server.url, 'nobody@shutdown.test');
      stuck.response.catch(() => undefined); // the server goes away under it
      await new Promise((r) => setTimeout(r, 300));
      const signalled = Date.now();
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      const seconds = (Date.now() - signalled) / 1000;
      expect(exit, server.output()).toEqual({ code: 1, signal: null });
      expect(seconds).toBeGreaterThanOrEqual(1.9);
      expect(seconds).toBeLessThan(10);
      expect(server.output()).toContain('shutdown did not finish within KOPA_SHUTDOWN_TIMEOUT_SECONDS (2 s)');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 120_000);
});
