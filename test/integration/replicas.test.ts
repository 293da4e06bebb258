import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Agent, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/app/demo/seed-demo-data.js';
import { openTicket } from '../../src/app/desk/open-ticket.js';
import { ensureBootstrapToken } from '../../src/app/identity/ensure-bootstrap-token.js';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import type { Deps } from '../../src/app/ports.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { systemActor } from '../../src/domain/actor.js';
import { argon2Hasher } from '../../src/main/runtime.js';
import { createTestCa, type TestCa } from '../support/certificates.js';
import { createEmptyPostgresDatabase, ownerPool } from '../support/database.js';
import { kopaCommand } from '../support/kopa-command.js';
import { HAVE_NGINX, startNginx, templateKopaConf, type RunningNginx } from '../support/nginx.js';
import { NO_POSTGRES_REASON, POSTGRES_URL } from '../support/parallel.js';
import { serverEnv, spawnServer, type ServerProcess } from '../support/server-process.js';

/*
 * Two `kopa serve` processes on one fresh PostgreSQL database behind the real nginx of
 * deploy/nginx/kopa.conf with TLS, a probe target that counts requests and a webhook receiver.
 * Proves: each monitor probed once per interval across both replicas; one escalation per ticket;
 * `kill -9` of one replica under traffic costs the client nothing beyond the requests in flight,
 * and the other takes over its monitors within one lease period.
 */
const INTERVAL_S = 10; // the shortest interval a monitor may have
const LEASE_S = 3; // KOPA_PROBE_LEASE_SECONDS: the shortest allowed, to keep the test short
const MONITORS = 16;
const TICKETS = 2;
const TOKEN = `kopa_replicas_${randomBytes(12).toString('hex')}`;
const SECRET_KEY = randomBytes(32).toString('base64');
const WEBHOOK_SECRET = 'replicas-webhook-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * Requests of one monitor grouped by interval, counted from its first request: each group must
 * hold exactly one. Slot times are fixed per monitor, so a request is `first + k × interval` plus
 * a few milliseconds of lateness; a second probe in the same interval lands in the same group.
 */
/**
 * Probed once per interval between `from` and `to`: no probe twice (a gap near 0, as two replicas
 * probing one monitor would give) and no slot skipped (a gap near two intervals). Judged by the gaps,
 * not by counts per window: a probe delayed by a busy machine at the window's start lets one more
 * slot fit in the window without anything being probed twice.
 */
function expectOncePerInterval(times: number[], from: number, to: number, intervals: number, label: string): void {
  // A check due just before `to` reaches the target a little after it (its own latency, a busy
  // machine): the window is judged half an interval longer, and the gaps say none ran twice or was skipped.
  const inWindow = times.filter((t) => t >= from && t < to + INTERVAL_S * 500);
  const gaps = inWindow.slice(1).map((t, i) => t - inWindow[i]!);
  expect(inWindow.length, `${label}: probes in ${intervals} intervals`).toBeGreaterThanOrEqual(intervals);
  expect(gaps.every((gap) => gap > INTERVAL_S * 500 && gap < INTERVAL_S * 1500), `${label}: gaps between probes ${gaps.join(', ')} ms`).toBe(true);
}

if (!POSTGRES_URL) console.warn(`\n  ⚠ replica test skipped: ${NO_POSTGRES_REASON}\n`);

describe.runIf(POSTGRES_URL && HAVE_NGINX)('two replicas behind nginx on one PostgreSQL (skipped without TEST_DATABASE_URL — PGlite serves one process — or without /usr/sbin/nginx)', () => {
  let database: { url: string; drop(): Promise<void> };
  let owner: pg.Pool;
  let ca: TestCa;
  let nginx: RunningNginx | null = null;
  const replicas: ServerProcess[] = [];
  let nginxPort = 0;
  let agent: Agent;
  const probes = new Map<string, number[]>(); // monitor path → arrival times
  const hooks: { event: string; ticketId: string; deliveryId: string }[] = [];
  const servers: Server[] = [];
  const ticketIds: string[] = [];

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    owner = ownerPool(database.url, 2);

    // The probe target: counts every request by path and answers at once.
    const target = createServer((req, res) => {
      const list = probes.get(req.url ?? '') ?? [];
      list.push(Date.now());
      probes.set(req.url ?? '', list);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    const targetPort = await listen(target);
    // The webhook receiver: records each escalation delivered.
    const receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { event: string; deliveryId: string; ticket: { id: string } };
        hooks.push({ event: parsed.event, ticketId: parsed.ticket.id, deliveryId: parsed.deliveryId });
        res.writeHead(204).end();
      });
    });
    const receiverPort = await listen(receiver);
    servers.push(target, receiver);

    // The data both replicas find: municipalities, monitors on the probe target, overdue tickets, a token.
    const db = await openDatabase({ url: database.url, poolSize: 2 });
    try {
      await migrate(db.kysely);
      const deps: Deps = { store: createStore(db.kysely), clock: { now: () => new Date() }, passwords: argon2Hasher };
      await seedDemoData(deps);
      await ensureBootstrapToken(deps, TOKEN);
      const [service] = await deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.services.list(tx));
      for (let i = 0; i < MONITORS; i++) {
        await createMonitor(deps, systemActor('test'), {
          serviceId: service!.id, tenantId: null, name: `Replica target ${i}`, type: 'http', target: `http://127.0.0.1:${targetPort}/m/${i}`,
          config: {}, intervalSeconds: INTERVAL_S, timeoutMs: 2_000, failuresToConfirm: 3, critical: false, locations: ['local'], active: true,
        });
      }
      // P1 tickets opened three weeks ago: both their clocks are past warning and breach.
      const weeksAgo: Deps = { ...deps, clock: { now: () => new Date(Date.now() - 21 * 86_400_000) } };
      const tenants = await deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.tenants.list(tx, null));
      for (let i = 0; i < TICKETS; i++) {
        const ticket = await openTicket(weeksAgo, systemActor('desk-test'), { tenantId: tenants[i]!.id, priority: 'P1', subject: `Replika ${i}`, description: 'Nestrādā' });
        ticketIds.push(ticket.id);
      }
    } finally {
      await db.close();
    }

    // TLS in front, with a certificate of a CA made for this test; the client trusts only that CA.
    ca = createTestCa();
    const issued = ca.issue('nginx', new Date(Date.now() - 3_600_000), new Date(Date.now() + 86_400_000));
    const certFile = join(ca.caFile, '..', 'nginx-cert.pem');
    const keyFile = join(ca.caFile, '..', 'nginx-key.pem');
    writeFileSync(certFile, issued.cert);
    writeFileSync(keyFile, issued.key);
    agent = new Agent({ keepAlive: true, maxSockets: 8, ca: readFileSync(ca.caFile) });

    const ports: [number, number] = [await freePort(), await freePort()];
    const env = (port: number) =>
      serverEnv({
        DATABASE_URL: database.url,
        KOPA_SECRET_KEY: SECRET_KEY,
        PORT: String(port),
        KOPA_PROBE_LEASE_SECONDS: String(LEASE_S),
        KOPA_WEBHOOK_URL: `http://127.0.0.1:${receiverPort}/hook`,
        KOPA_WEBHOOK_SECRET: WEBHOOK_SECRET,
        KOPA_TRUST_PROXY: '127.0.0.1',
        LOG_LEVEL: 'info',
      });
    // Both at the same moment, as after a deployment.
    replicas.push(...(await Promise.all(ports.map((port) => spawnServer(kopaCommand('serve'), env(port))))));
    nginxPort = await freePort();
    nginx = await startNginx(templateKopaConf({ https: nginxPort, http: await freePort(), replicas: ports }, { certFile, keyFile }), nginxPort);
  }, 300_000);

  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    await nginx?.stop();
    agent?.destroy();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    ca?.remove();
    await owner?.end();
    await database?.drop();
  });

  /** One request through nginx over TLS with the operator token; status 0 when the connection failed. */
  function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { host: '127.0.0.1', port: nginxPort, method, path, agent, servername: 'localhost', timeout: 30_000, headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json', ...(data && { 'content-type': 'application/json' }), ...extra } },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', () => resolve({ status: 0, body: '' }));
        },
      );
      req.on('error', (error) => resolve({ status: 0, body: error.message }));
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(data);
    });
  }

  async function shardHolders(): Promise<Map<string, number>> {
    const { rows } = await owner.query<{ holder: string | null; n: string }>("SELECT holder, count(*) AS n FROM leases WHERE name LIKE 'probe-shard:%' AND expires_at > now() GROUP BY holder");
    return new Map(rows.map((r) => [r.holder ?? '(free)', Number(r.n)]));
  }

  it('serves through nginx over TLS from both replicas, and believes nginx’s X-Forwarded-For', async () => {
    const ready = await call('GET', '/readyz');
    expect(ready.status).toBe(200);
    const monitors = await call('GET', '/api/v1/monitors?limit=200');
    expect(monitors.status).toBe(200);
    expect((JSON.parse(monitors.body) as { items: unknown[] }).items).toHaveLength(MONITORS);
    // A forged X-Forwarded-For from the client is replaced by nginx: the audit log records 127.0.0.1.
    const created = await call('POST', '/api/v1/tokens', { name: 'replica-check', role: 'auditor' }, { 'x-forwarded-for': '203.0.113.9' });
    expect(created.status, created.body).toBe(201);
    const { rows } = await owner.query<{ ip: string | null }>("SELECT client_address AS ip FROM audit_events WHERE action = 'token.created' ORDER BY seq DESC LIMIT 1");
    expect(rows[0]?.ip).toBe('127.0.0.1');
  });

  it('divides the monitors: both replicas hold half the shards, and each monitor is probed once per interval, not once per replica', async () => {
    // Wait for the shards to settle at 32 and 32.
    const settled = Date.now();
    for (;;) {
      const holders = await shardHolders();
      if (holders.size === 2 && [...holders.values()].every((n) => n === 32)) break;
      expect(Date.now() - settled, JSON.stringify([...holders])).toBeLessThan(6 * LEASE_S * 1000);
      await sleep(200);
    }
    // Exactly three intervals: each monitor has exactly three slots in it, whatever its phase.
    const from = Date.now();
    const to = from + 3 * INTERVAL_S * 1000;
    await sleep(to - Date.now() + 500);
    expect(probes.size).toBe(MONITORS);
    for (const [path, times] of probes) expectOncePerInterval(times, from, to, 3, path);
    // Every replica did some of the probing: both still hold shards.
    expect([...(await shardHolders()).values()]).toEqual([32, 32]);
  }, 120_000);

  it('kill -9 of one replica under traffic: the client sees no failure beyond requests in flight, the other takes its monitors within one lease period', async () => {
    const outcomes: { status: number; at: number }[] = [];
    let inFlight = 0;
    let stop = false;
    const clients = Array.from({ length: 4 }, async (_, n) => {
      for (let i = 0; !stop; i++) {
        inFlight++;
        const result = i % 3 === 2 ? await call('POST', `/api/v1/tokens`, { name: `traffic-${n}-${i}`, role: 'auditor' }) : await call('GET', '/api/v1/monitors?limit=20');
        inFlight--;
        outcomes.push({ status: result.status, at: Date.now() });
      }
    });
    await sleep(2_000);
    const victim = replicas[0]!;
    const survivor = replicas[1]!;
    const inFlightAtKill = inFlight;
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await victim.exited;

    // The survivor holds every shard within one lease period of the kill (plus 1 s for timers and a busy machine).
    let takeoverMs = 0;
    for (;;) {
      const holders = await shardHolders();
      if (holders.size === 1 && [...holders.values()][0] === 64) {
        takeoverMs = Date.now() - killedAt;
        break;
      }
      expect(Date.now() - killedAt, JSON.stringify([...holders])).toBeLessThan(4 * LEASE_S * 1000);
      await sleep(50);
    }
    console.log(`  takeover of the killed replica's shards: ${takeoverMs} ms after kill -9 (lease ${LEASE_S * 1000} ms)`);
    expect(takeoverMs).toBeLessThanOrEqual(LEASE_S * 1000 + 1_000);

    // Two more intervals of traffic and probing on the survivor alone.
    const takenAt = killedAt + takeoverMs;
    const from = Date.now();
    const to = from + 2 * INTERVAL_S * 1000;
    await sleep(to - Date.now() + 500);
    stop = true;
    await Promise.all(clients);

    const failed = outcomes.filter((o) => o.status === 0 || o.status >= 500);
    console.log(`  client requests through nginx: ${outcomes.length}, failed: ${failed.length}, in flight at the kill: ${inFlightAtKill}`);
    expect(outcomes.length).toBeGreaterThan(20);
    expect(failed.length).toBeLessThanOrEqual(inFlightAtKill);
    expect(outcomes.filter((o) => o.status !== 0 && o.status < 500).every((o) => o.status === 200 || o.status === 201)).toBe(true);

    for (const [path, times] of probes) {
      // Probed once per interval after the takeover — the killed replica's monitors too.
      expectOncePerInterval(times, from, to, 2, `${path} after the takeover`);
      // The killed replica's monitors resume at their first slot after the takeover: only slots
      // that fell between the kill and the takeover (at most one lease period) went unprobed.
      const firstAfter = times.find((t) => t > takenAt);
      expect(firstAfter, `${path}: probed after the takeover`).toBeDefined();
      expect(firstAfter! - takenAt, `${path}: first probe after the takeover`).toBeLessThanOrEqual(INTERVAL_S * 1000 + 500);
    }
    // The target answered every request that reached it: no stored result may be a failure. A check
    // sent on a kept-alive connection the target had just closed (its 5 s keep-alive timeout ending as
    // a slot began) used to fail here — and, phases being whole seconds, at the same slots every interval.
    const { rows: failures } = await owner.query<{ target: string; at: Date; error: string | null }>('SELECT m.target, r.at, r.error FROM probe_results r JOIN monitors m ON m.id = r.monitor_id WHERE NOT r.ok ORDER BY r.at');
    expect(failures.map((f) => `${new URL(f.target).pathname} at ${f.at.toISOString()}: ${f.error}`)).toEqual([]);
    expect(survivor.child.exitCode).toBeNull();
  }, 120_000);

  it('raised each escalation once and delivered each webhook once, across both replicas and several escalation runs', async () => {
    // The escalation job runs once a minute: wait for a second run (at most one more minute) so that
    // "once" is shown across several runs, not assumed from how long the earlier tests happened to take.
    const escalationRuns = async () => Number((await owner.query<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE kind = 'ticket-escalation' AND status = 'done'")).rows[0]!.n);
    const waitUntil = Date.now() + 75_000;
    while ((await escalationRuns()) < 2 && Date.now() < waitUntil) await sleep(500);
    expect(await escalationRuns()).toBeGreaterThanOrEqual(2);
    for (const ticketId of ticketIds) {
      const events = hooks.filter((h) => h.ticketId === ticketId).map((h) => h.event).sort();
      expect(events, `webhooks of ticket ${ticketId}`).toEqual(['ticket.reaction_breach', 'ticket.reaction_warning', 'ticket.resolution_breach', 'ticket.resolution_warning']);
    }
    expect(new Set(hooks.map((h) => h.deliveryId)).size).toBe(hooks.length);
    const escalations = await owner.query<{ n: string }>("SELECT count(*) AS n FROM ticket_events WHERE kind = 'escalation'");
    expect(Number(escalations.rows[0]!.n)).toBe(4 * TICKETS);
  }, 90_000);

  it('SIGTERM of the last replica: it exits 0 and leaves every shard free and no heartbeat behind', async () => {
    const survivor = replicas[1]!;
    survivor.child.kill('SIGTERM');
    const exit = await survivor.exited;
    expect(exit, survivor.output().slice(-2000)).toEqual({ code: 0, signal: null });
    expect(survivor.output()).toContain('probe leases handed back');
    const { rows } = await owner.query<{ name: string }>("SELECT name FROM leases WHERE holder IS NOT NULL AND expires_at > now() AND name NOT LIKE 'replica:%' ORDER BY name");
    expect(rows).toEqual([]);
    // The killed replica's heartbeat is still there (it could not say goodbye) but expired; the survivor's is gone.
    const live = await owner.query<{ n: string }>("SELECT count(*) AS n FROM leases WHERE name LIKE 'replica:%' AND expires_at > now()");
    expect(Number(live.rows[0]!.n)).toBe(0);
    const all = await owner.query<{ n: string }>("SELECT count(*) AS n FROM leases WHERE name LIKE 'replica:%'");
    expect(Number(all.rows[0]!.n)).toBe(1);
  });
});
