import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { createToken } from '../../src/app/identity/create-token.js';
import { seedDemoData } from '../../src/app/demo/seed-demo-data.js';
import { systemActor } from '../../src/domain/actor.js';
import { startAgent } from '../../src/jobs/prober/agent.js';
import { loadConfig } from '../../src/main/config.js';
import { openRuntime, serverFor, type Runtime } from '../../src/main/runtime.js';

const quiet = { info: () => {}, warn: () => {} };

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// A probe agent against the real server on a real port: it probes a real HTTP target, keeps
// results on disk while the server is down, and delivers every one of them after a restart.
describe('the probe agent across a server restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-agent-db-'));
  const bufferDir = mkdtempSync(join(tmpdir(), 'kopa-agent-buffer-'));
  let target: Server;
  let runtime: Runtime;
  let app: FastifyInstance;
  let port = 0;
  let monitorId: string;
  let token: string;

  async function startKopa(): Promise<void> {
    runtime = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '' }, { dataDir, port }));
    app = await serverFor(runtime);
    const address = await app.listen({ port, host: '127.0.0.1' });
    port = Number(new URL(address).port);
  }
  async function stopKopa(): Promise<void> {
    await app.close();
    await runtime.close();
  }
  const stored = async () =>
    (await runtime.db.kysely.selectFrom('probe_results').select(['at', 'ok']).where('monitor_id', '=', monitorId).orderBy('at').execute()).map((r) => r.at.getTime());

  beforeAll(async () => {
    target = createServer((_req, res) => res.writeHead(200).end('Dokumentu vadības sistēma darbojas'));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    await startKopa();
    await seedDemoData(runtime.deps);
    const dvs = (await runtime.deps.store.run({ role: 'system', tenantId: null }, (tx) => runtime.deps.store.services.list(tx))).find((s) => s.code === 'DVS')!;
    const monitor = await createMonitor(runtime.deps, systemActor('test'), {
      serviceId: dvs.id, tenantId: null, name: 'DVS no LVRTC', type: 'http', target: `http://127.0.0.1:${(target.address() as AddressInfo).port}/`,
      config: { keyword: 'darbojas' }, intervalSeconds: 10, timeoutMs: 2000, failuresToConfirm: 2, critical: true, locations: ['lvrtc'], active: true,
    });
    monitorId = monitor.id;
    token = (await createToken(runtime.deps, systemActor('test'), { name: 'LVRTC aģents', role: 'operator', tenantId: null, expiresAt: null })).token;
  });
  afterAll(async () => {
    await stopKopa().catch(() => {});
    target.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(bufferDir, { recursive: true, force: true });
  });

  it('loses nothing while the server is away', async () => {
    const agent = startAgent({ server: `http://127.0.0.1:${port}`, token, location: 'lvrtc', bufferDir, flushMs: 60_000, log: quiet });
    await agent.start();
    expect(agent.stats().monitors).toBe(1);
    await until('a first check', async () => agent.stats().checks >= 1);
    await agent.flush();
    const first = await stored();
    expect(first).toHaveLength(1);

    await stopKopa();
    const checksBefore = agent.stats().checks;
    await until('a check while the server is down', async () => agent.stats().checks > checksBefore);
    await agent.flush();
    const bufferFile = join(bufferDir, 'pending-lvrtc.jsonl');
    expect(existsSync(bufferFile)).toBe(true);
    expect(readFileSync(bufferFile, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(1);

    await startKopa();
    const checksAfter = agent.stats().checks;
    await until('a check after the restart', async () => agent.stats().checks > checksAfter);
    await agent.flush();
    await agent.stop();
    expect(existsSync(bufferFile)).toBe(false);
    const all = await stored();
    // Every slot from the first to the last, ten seconds apart, none missing or doubled.
    expect(all.length).toBe(agent.stats().checks);
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < all.length; i++) expect(all[i]! - all[i - 1]!).toBe(10_000);
  }, 90_000);
});
