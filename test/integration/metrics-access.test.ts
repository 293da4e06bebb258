import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMetricsServer } from '../../src/http/metrics-server.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const METRICS_TOKEN = 'metrics-scrape-token-0123456789abcdef';

describe.each(BACKENDS)('who may read /metrics on %s', (backend) => {
  describe('with neither a metrics token nor a metrics address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(backend);
    });
    afterAll(() => t.close());

    it('the main port does not serve metrics, not even to an operator', async () => {
      const anonymous = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(anonymous.statusCode).toBe(404);
      expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(anonymous.body).not.toContain('kopa_http_requests_total');
      const operator = await signIn(t.app, 'operators@rda.lv');
      expect((await operator.get('/metrics')).body).not.toContain('kopa_http_requests_total');
    });
  });

  describe('with KOPA_METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(backend, { server: { metricsToken: METRICS_TOKEN } });
    });
    afterAll(() => t.close());

    it('answers 401 without the token, with a wrong one, and with an API token; 200 with it', async () => {
      const apiToken = (await (await signIn(t.app, 'operators@rda.lv')).post('/api/v1/tokens', { name: 'not for metrics', role: 'operator' })).json().token as string;
      for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${METRICS_TOKEN}x`, `Bearer ${apiToken}`, `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}`]) {
        const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
        expect({ authorization, status: res.statusCode }).toEqual({ authorization, status: 401 });
        expect(res.headers['www-authenticate']).toBe('Bearer realm="kopa-metrics"');
        expect(res.body).not.toContain('kopa_http_requests_total');
      }
      const ok = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toContain('text/plain');
      expect(ok.body).toContain('kopa_http_requests_total');
    });
  });

  describe('with KOPA_METRICS_ADDRESS (a separate listener)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(backend);
    });
    afterAll(() => t.close());

    it('serves metrics on its own port only, and nothing else there', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      const metrics = await buildMetricsServer(t.app, { token: null });
      try {
        const base = await metrics.listen({ host: '127.0.0.1', port: 0 });
        await t.app.inject({ method: 'GET', url: '/healthz' });
        const res = await fetch(`${base}/metrics`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('kopa_http_requests_total{method="GET",route="/healthz",status="200"}');
        for (const path of ['/api/v1/tenants', '/healthz', '/docs', '/']) expect((await fetch(`${base}${path}`)).status).toBe(404);
      } finally {
        await metrics.close();
      }
    });

    it('asks for the token there too when one is set', async () => {
      const metrics = await buildMetricsServer(t.app, { token: METRICS_TOKEN });
      try {
        const base = await metrics.listen({ host: '127.0.0.1', port: 0 });
        expect((await fetch(`${base}/metrics`)).status).toBe(401);
        expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
      } finally {
        await metrics.close();
      }
    });
  });
});
