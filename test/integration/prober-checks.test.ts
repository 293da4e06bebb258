import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCheckContext, createCheckContext, runCheck, type CheckContext, type ProbeTarget } from '../../src/jobs/prober/checks.js';
import { createDnsCache } from '../../src/jobs/prober/dns-cache.js';
import { ProbeScheduler, phaseOf, type ProbeResult } from '../../src/jobs/prober/scheduler.js';
import { startDnsServer } from '../support/dns-server.js';

// The prober's checks against real sockets the test opens: an HTTP server with a few
// behaviours, a closed port, and a small DNS server.
describe('probe checks', () => {
  let server: Server;
  let base: string;
  let closedPort: number;
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  let context: CheckContext;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const delay = Number(new URL(req.url!, 'http://x').searchParams.get('delay') ?? 0);
      setTimeout(() => {
        if (req.url!.startsWith('/health')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: { database: 'up', queue: 'down' } }));
        } else if (req.url!.startsWith('/broken')) res.writeHead(503).end('Service Unavailable');
        else if (req.url!.startsWith('/login')) res.writeHead(401).end('who are you');
        else res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Dokumentu vadības sistēma</h1>');
      }, delay);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const spare = createServer();
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
    closedPort = (spare.address() as AddressInfo).port;
    await new Promise((resolve) => spare.close(resolve));
    dns = await startDnsServer({ 'dvs.kopa.test': { A: ['10.20.30.40'], TXT: ['v=spf1 -all'] } });
    context = createCheckContext(createDnsCache());
  });
  afterAll(async () => {
    closeCheckContext(context);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await dns.close();
  });

  const http = (path: string, config: Record<string, unknown> = {}, timeoutMs = 2000): ProbeTarget => ({ type: 'http', target: `${base}${path}`, config, timeoutMs });

  it('passes a page that answers 200 with the keyword, and fails one without it', async () => {
    expect(await runCheck(http('/', { keyword: 'Dokumentu vadības' }), context)).toMatchObject({ ok: true, error: null });
    expect(await runCheck(http('/', { keyword: 'Pieteikties' }), context)).toMatchObject({ ok: false, error: 'keyword "Pieteikties" not found' });
  });

  it('fails on an unexpected status and passes on an expected one', async () => {
    expect(await runCheck(http('/broken'), context)).toMatchObject({ ok: false, error: 'HTTP status 503' });
    expect(await runCheck(http('/login'), context)).toMatchObject({ ok: false, error: 'HTTP status 401' });
    expect(await runCheck(http('/login', { expectedStatus: [401, 403] }), context)).toMatchObject({ ok: true });
  });

  it('reads a JSON path and compares it with the expected value', async () => {
    expect(await runCheck(http('/health', { jsonPath: '$.status.database', jsonExpected: 'up' }), context)).toMatchObject({ ok: true });
    expect(await runCheck(http('/health', { jsonPath: 'status.queue', jsonExpected: 'up' }), context)).toMatchObject({ ok: false, error: 'status.queue is "down"' });
    expect(await runCheck(http('/health', { jsonPath: 'status.cache' }), context)).toMatchObject({ ok: false, error: 'status.cache is undefined' });
    expect(await runCheck(http('/', { jsonPath: 'status' }), context)).toMatchObject({ ok: false, error: 'response is not JSON' });
  });

  it('fails a check that times out or answers slower than its latency limit', async () => {
    const timedOut = await runCheck(http('/?delay=600', {}, 150), context);
    expect(timedOut).toMatchObject({ ok: false, latencyMs: null });
    expect(timedOut.error).toMatch(/timed out after 150 ms/);
    const slow = await runCheck(http('/?delay=200', { maxLatencyMs: 50 }), context);
    expect(slow.ok).toBe(false);
    expect(slow.error).toMatch(/^slow: \d+ ms over the 50 ms limit$/);
    expect(slow.latencyMs).toBeGreaterThanOrEqual(200);
  });

  it('connects over TCP, and fails on a closed port', async () => {
    expect(await runCheck({ type: 'tcp', target: `127.0.0.1:${new URL(base).port}`, config: {}, timeoutMs: 1000 }, context)).toMatchObject({ ok: true });
    const refused = await runCheck({ type: 'tcp', target: `127.0.0.1:${closedPort}`, config: {}, timeoutMs: 1000 }, context);
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/ECONNREFUSED/);
  });

  it('fails a certificate check against a port that does not speak TLS', async () => {
    const result = await runCheck({ type: 'tls', target: `127.0.0.1:${new URL(base).port}`, config: {}, timeoutMs: 1000 }, context);
    expect(result.ok).toBe(false);
    expect(result.error).not.toBeNull();
  });

  it('resolves DNS records and compares them with the expected value', async () => {
    const dnsCheck = (config: Record<string, unknown>): ProbeTarget => ({ type: 'dns', target: 'dvs.kopa.test', config: { servers: [dns.address], ...config }, timeoutMs: 1000 });
    expect(await runCheck(dnsCheck({ expected: '10.20.30.40' }), context)).toMatchObject({ ok: true });
    expect(await runCheck(dnsCheck({ expected: '10.20.30.41' }), context)).toMatchObject({ ok: false, error: 'A is 10.20.30.40, expected 10.20.30.41' });
    expect(await runCheck(dnsCheck({ recordType: 'TXT', expected: 'v=spf1 -all' }), context)).toMatchObject({ ok: true });
    const missing = await runCheck({ type: 'dns', target: 'nav.kopa.test', config: { servers: [dns.address] }, timeoutMs: 1000 }, context);
    expect(missing.ok).toBe(false);
  });

  it('schedules checks on their slots under a concurrency limit and delivers every result', async () => {
    const delivered: ProbeResult[] = [];
    let running = 0;
    let most = 0;
    const scheduler = new ProbeScheduler({
      check: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return { ok: true, latencyMs: 30, error: null, warning: null };
      },
      deliver: async (results) => void delivered.push(...results),
      concurrency: 3,
      flushMs: 100,
    });
    // Ten monitors every 200 ms (the scheduler takes any interval; monitors themselves need ≥ 10 s).
    const ids = Array.from({ length: 10 }, (_, i) => `m-${i}`);
    scheduler.assign(ids.map((id) => ({ id, type: 'http', target: base, config: {}, timeoutMs: 100, intervalSeconds: 0.2 })));
    scheduler.start();
    await new Promise((r) => setTimeout(r, 1_100));
    await scheduler.stop();
    expect(most).toBeLessThanOrEqual(3);
    for (const id of ids) {
      const mine = delivered.filter((r) => r.monitorId === id);
      // About 1.1 s / 0.2 s = 5 slots each, every one on the monitor's phase.
      expect(mine.length).toBeGreaterThanOrEqual(3);
      for (const r of mine) expect((Date.parse(r.at) - phaseOf(id, 200)) % 200).toBe(0);
      expect(new Set(mine.map((r) => r.at)).size).toBe(mine.length);
    }
    expect(scheduler.stats().checks).toBe(delivered.length);
  });

  it('holds checks beyond the concurrency limit in a queue instead of running them', async () => {
    let running = 0;
    let most = 0;
    const scheduler = new ProbeScheduler({
      check: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 150));
        running--;
        return { ok: true, latencyMs: 150, error: null, warning: null };
      },
      deliver: async () => {},
      concurrency: 2,
    });
    // Eight monitors × 150 ms of work every 200 ms is 6 s of work per second for 2 places.
    scheduler.assign(Array.from({ length: 8 }, (_, i) => ({ id: `busy-${i}`, type: 'http' as const, target: base, config: {}, timeoutMs: 100, intervalSeconds: 0.2 })));
    scheduler.start();
    await new Promise((r) => setTimeout(r, 600));
    const stats = scheduler.stats();
    await scheduler.stop();
    expect(most).toBe(2);
    expect(stats.queued).toBeGreaterThan(0);
    expect(stats.latenessMaxMs).toBeGreaterThan(100);
  });
});
