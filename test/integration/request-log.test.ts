import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

/** Every line the server logs, as parsed JSON and as raw text. */
function logCapture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

describe.each(BACKENDS)('the request log on %s', (backend) => {
  let t: TestApp;
  const log = logCapture();

  beforeAll(async () => {
    t = await startTestApp(backend, { server: { logLevel: 'info', logStream: log.stream } });
  });
  afterAll(() => t.close());

  it('never writes a push monitor’s secret, only a masked path', async () => {
    const operator = await signIn(t.app, 'operators@rda.lv');
    const services = (await operator.get('/api/v1/services')).json().items as { id: string; code: string }[];
    const monitor = await createMonitor(t.deps, systemActor('test'), {
      serviceId: services[0]!.id, tenantId: null, name: 'Nakts kopija', type: 'push', target: null, config: {},
      intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['local'], active: true,
    });
    const issued = await operator.post(`/api/v1/monitors/${monitor.id}/push-token`);
    expect(issued.statusCode).toBe(201);
    const secret = issued.json().token as string;
    expect(secret).toMatch(/^kopa_push_/);
    const unknown = 'kopa_push_not-a-real-secret-but-still-secret';

    log.lines.length = 0;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/push/${secret}` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/push/${secret}?status=down&msg=disks` })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/push/${secret}?status=sideways` })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/push/${unknown}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/push/${secret}` })).statusCode).toBe(401);

    const text = log.lines.join('\n');
    const requests = log.lines.map((l) => JSON.parse(l) as { msg: string; req?: { url: string } }).filter((l) => l.msg === 'incoming request');
    expect(requests).toHaveLength(5);
    expect(text).not.toContain(secret.slice('kopa_push_'.length));
    expect(text).not.toContain(unknown.slice('kopa_push_'.length));
    expect(requests.map((l) => l.req!.url)).toEqual([
      '/api/v1/push/[redacted]',
      '/api/v1/push/[redacted]?status=down&msg=disks',
      '/api/v1/push/[redacted]?status=sideways',
      '/api/v1/push/[redacted]',
      '/api/v1/push/[redacted]',
    ]);
  });

  it('keeps other paths as they are, so the log still tells what was asked', async () => {
    log.lines.length = 0;
    await t.app.inject({ method: 'GET', url: '/api/v1/status?x=1' });
    const urls = log.lines.map((l) => JSON.parse(l) as { req?: { url: string } }).filter((l) => l.req).map((l) => l.req!.url);
    expect(urls).toEqual(['/api/v1/status?x=1']);
  });
});
