import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/main/config.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/app.js';

const REAL_CLIENT = '198.51.100.7';
const PROXY = '127.0.0.1';
// One address may fail 20 sign-ins in 15 minutes, whatever the accounts (docs/operations.md).
const MAX_FAILURES_PER_ADDRESS = 20;
const ATTEMPTS = MAX_FAILURES_PER_ADDRESS + 10;

/**
 * A reverse proxy at 127.0.0.1 appends the address it saw to whatever X-Forwarded-For the
 * client sent; the client forges entries to the left, one of them loopback.
 */
const forwardedFor = (i: number) => `10.9.${i}.1, 127.0.0.1, ${REAL_CLIENT}`;

describe.each(BACKENDS)('the client address behind a reverse proxy on %s', (backend) => {
  for (const [setting, value] of [
    ['KOPA_TRUST_PROXY=true (one hop)', 'true'],
    ['KOPA_TRUST_PROXY=1', '1'],
    ['KOPA_TRUST_PROXY=127.0.0.1/32,::1', '127.0.0.1/32,::1'],
  ] as const) {
    describe(setting, () => {
      let t: TestApp;
      beforeAll(async () => {
        t = await startTestApp(backend, { server: { trustProxy: loadConfig({ KOPA_TRUST_PROXY: value }).trustProxy } });
      });
      afterAll(() => t.close());

      it('throttles failed sign-ins by the real client and audits the real address, whatever is forged to the left', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < ATTEMPTS; i++) {
          const res = await t.app.inject({
            method: 'POST',
            url: '/api/v1/session',
            remoteAddress: PROXY,
            headers: { 'x-forwarded-for': forwardedFor(i) },
            payload: { email: `sprayed${i}@example.lv`, password: 'wrong-password-123' },
          });
          statuses.push(res.statusCode);
        }
        expect(statuses.slice(0, MAX_FAILURES_PER_ADDRESS).every((s) => s === 401)).toBe(true);
        expect(statuses.slice(MAX_FAILURES_PER_ADDRESS).every((s) => s === 429)).toBe(true);

        const attempts = (await t.database.ownerQuery("SELECT DISTINCT client_address FROM login_attempts WHERE email LIKE 'sprayed%'")) as { client_address: string }[];
        expect(attempts.map((r) => r.client_address)).toEqual([REAL_CLIENT]);
        const audited = (await t.database.ownerQuery("SELECT DISTINCT client_address FROM audit_events WHERE action = 'session.login_failed' AND after->>'email' LIKE 'sprayed%'")) as { client_address: string }[];
        expect(audited.map((r) => r.client_address)).toEqual([REAL_CLIENT]);
      });

      it('takes https from the proxy for Secure cookies, and the same header from anyone else is ignored', async () => {
        const viaProxy = await t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: PROXY, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.20' }, payload: { email: 'dienests@rda.lv', password: DEMO_PASSWORD } });
        expect(viaProxy.statusCode).toBe(200);
        expect(viaProxy.cookies.find((c) => c.name === 'kopa_session')).toMatchObject({ secure: true });
        if (value.includes('.')) {
          // Listed proxies only: a client reaching the server directly cannot claim https or an address.
          const direct = await t.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.9.0.1, 127.0.0.1' }, payload: { email: 'dienests@rda.lv', password: DEMO_PASSWORD } });
          expect(direct.statusCode).toBe(200);
          expect(direct.cookies.find((c) => c.name === 'kopa_session')?.secure).toBeFalsy();
          const [row] = (await t.database.ownerQuery("SELECT client_address FROM sessions ORDER BY created_at DESC, client_address LIMIT 1")) as { client_address: string }[];
          expect(row!.client_address).toBe('203.0.113.9');
        }
      });
    });
  }
});
