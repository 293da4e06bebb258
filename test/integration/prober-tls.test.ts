import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCheckContext, createCheckContext, runCheck, type CheckOutcome, type ProbeTarget } from '../../src/jobs/prober/checks.js';
import { createDnsCache } from '../../src/jobs/prober/dns-cache.js';
import { createTestCa, type TestCa } from '../support/certificates.js';

/*
 * Certificate checks against HTTPS servers the test starts, with certificates from a private CA made
 * here: one valid for 90 days, one expiring in five days, one expired yesterday.
 *
 * The prober trusts what Node trusts: the public roots plus NODE_EXTRA_CA_CERTS, which Node reads
 * when a process starts (there is no per-monitor CA setting). So the trusted cases run the real
 * checks in a child process started with NODE_EXTRA_CA_CERTS, as an operator would start Kopa for a
 * service behind a private CA; the same certificate is refused in this process, which does not trust it.
 */
const DAY = 86_400_000;
const RUN_CHECKS = fileURLToPath(new URL('../support/run-checks.ts', import.meta.url));

function checksTrusting(caFile: string, targets: ProbeTarget[]): Promise<CheckOutcome[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', RUN_CHECKS, JSON.stringify(targets)], { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as CheckOutcome[]);
    });
  });
}

describe('certificate checks against a local HTTPS server', () => {
  let ca: TestCa;
  const servers: Server[] = [];
  const port: Record<'valid' | 'expiring' | 'expired', number> = { valid: 0, expiring: 0, expired: 0 };
  let expiredOn: string;

  beforeAll(async () => {
    ca = createTestCa();
    const now = Date.now();
    const periods: Record<keyof typeof port, [number, number]> = {
      valid: [now - DAY, now + 90 * DAY],
      expiring: [now - DAY, now + 5 * DAY + 3_600_000], // 5 days and an hour left
      expired: [now - 30 * DAY, now - DAY],
    };
    expiredOn = new Date(periods.expired[1]).toISOString().slice(0, 10);
    for (const name of Object.keys(port) as (keyof typeof port)[]) {
      const [from, to] = periods[name];
      const server = createServer(ca.issue(name, new Date(from), new Date(to)), (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('Dokumentu vadības sistēma'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port[name] = (server.address() as AddressInfo).port;
      servers.push(server);
    }
  });
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    ca?.remove();
  });

  const tls = (name: keyof typeof port, config: Record<string, unknown> = {}): ProbeTarget => ({ type: 'tls', target: `127.0.0.1:${port[name]}`, config, timeoutMs: 5000 });
  const https = (name: keyof typeof port, config: Record<string, unknown> = {}): ProbeTarget => ({ type: 'http', target: `https://127.0.0.1:${port[name]}/`, config: { keyword: 'Dokumentu', ...config }, timeoutMs: 5000 });

  it('trusting the CA: a valid certificate passes; one expiring within certExpiryDays fails a TLS monitor and warns an HTTPS one', async () => {
    const [valid, validHttps, expiring, expiringLenient, expiringHttps, expiringHttpsStrict] = await checksTrusting(ca.caFile, [
      tls('valid'),
      https('valid'),
      tls('expiring'), // default warning period: 14 days
      tls('expiring', { certExpiryDays: 3 }),
      https('expiring'),
      https('expiring', { certExpiryDays: 30 }),
    ]);
    expect(valid).toMatchObject({ ok: true, error: null, warning: null });
    expect(validHttps).toMatchObject({ ok: true, error: null, warning: null });
    expect(expiring).toMatchObject({ ok: false, error: 'certificate expires in 5 days' });
    expect(expiringLenient).toMatchObject({ ok: true, error: null, warning: null });
    expect(expiringHttps).toMatchObject({ ok: true, error: null, warning: 'certificate expires in 5 days' });
    expect(expiringHttpsStrict).toMatchObject({ ok: true, warning: 'certificate expires in 5 days' });
  }, 90_000);

  it('trusting the CA: an expired certificate fails, whether or not invalid certificates are allowed', async () => {
    const [strict, allowed, httpsStrict, httpsAllowed] = await checksTrusting(ca.caFile, [
      tls('expired'),
      tls('expired', { allowInvalidCertificate: true }),
      https('expired'),
      https('expired', { allowInvalidCertificate: true }),
    ]);
    expect(strict).toMatchObject({ ok: false, error: 'certificate has expired' });
    expect(allowed).toMatchObject({ ok: false, error: `certificate expired on ${expiredOn}` });
    expect(httpsStrict).toMatchObject({ ok: false, error: 'certificate has expired' });
    expect(httpsAllowed).toMatchObject({ ok: false, error: `certificate expired on ${expiredOn}` });
  }, 90_000);

  it('not trusting the CA: the same valid certificate is refused, unless the monitor allows invalid certificates', async () => {
    const context = createCheckContext(createDnsCache());
    try {
      const refused = await runCheck(tls('valid'), context);
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/unable to (verify|get local issuer)/);
      expect((await runCheck(https('valid'), context)).ok).toBe(false);
      expect(await runCheck(tls('valid', { allowInvalidCertificate: true }), context)).toMatchObject({ ok: true, error: null });
      expect(await runCheck(https('valid', { allowInvalidCertificate: true }), context)).toMatchObject({ ok: true, warning: null });
    } finally {
      closeCheckContext(context);
    }
  });
});
