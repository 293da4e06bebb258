import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

// Every Ajv schema compile, the request validators' and fast-json-stringify's union validators, goes through this module (one ajv, deduplicated).
const ajvCompile = createRequire(createRequire(import.meta.url).resolve('fast-json-stringify'))('ajv/dist/compile') as { compileSchema: (...args: unknown[]) => unknown };

/**
 * The first screen's answers and the public status page's after a start compile nothing: their
 * request validators and their answers' serializers, union validators included, were compiled
 * before the server listened (src/http/compiled-at-start.ts; ADR 0026, "2026-12-06, night"; ADR 0022,
 * "2026-12-07, later").
 */
describe.each(BACKENDS)('the first screen’s first answers on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
    const serviceId = ((await (await signIn(t.app, 'operators@rda.lv')).get('/api/v1/services')).json().items as { id: string }[])[0]!.id;
    // One never probed (its state unknown, its reason a union's branch), one paused.
    for (const active of [true, false]) await createMonitor(t.deps, systemActor('test'), { serviceId, tenantId: null, name: `first answer ${active}`, type: 'http', target: 'https://x.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['a'], active });
  });
  afterAll(() => t.close());

  it('are written without compiling a validator', async () => {
    const operator = await signIn(t.app, 'operators@rda.lv');
    const compiles = vi.spyOn(ajvCompile, 'compileSchema');
    try {
      const answers = await Promise.all(['/api/v1/session', '/api/v1/monitors?limit=50', '/api/v1/monitors/counts', '/api/v1/services?limit=100', '/api/v1/tenants?limit=100'].map((url) => operator.get(url)));
      expect(answers.map((res) => res.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect((answers[1]!.json() as { items: { health: { state: string } }[] }).items.map((row) => row.health.state)).toEqual(['unknown', 'unknown']);
      expect(compiles).not.toHaveBeenCalled();
      const status = await t.app.inject({ method: 'GET', url: '/api/v1/status' });
      expect(status.statusCode).toBe(200);
      expect((status.json() as { services: unknown[] }).services.length).toBeGreaterThan(0);
      expect(compiles).not.toHaveBeenCalled();
      // Another route's are compiled on its first use, which the spy sees.
      expect((await operator.get('/api/v1/incidents')).statusCode).toBe(200);
      expect(compiles).toHaveBeenCalled();
    } finally {
      compiles.mockRestore();
    }
  });
});

/**
 * The session's and the token's standing lookups are asked once before the server listens, for a
 * hash no one holds: on the embedded database the first call of a PL/pgSQL function loads the
 * language and compiles the function, which the first signed-in request after a restart waited for
 * (src/app/identity/authenticate.ts, `readyStandingLookups`).
 */
describe.each(BACKENDS)('the standing lookups at the start on %s', (backend) => {
  const asked: { kind: 'session' | 'token'; found: boolean }[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend, {
      store: (store) => ({
        ...store,
        sessionStanding: async (hash) => {
          const found = await store.sessionStanding(hash);
          asked.push({ kind: 'session', found: found !== null });
          return found;
        },
        tokenStanding: async (hash) => {
          const found = await store.tokenStanding(hash);
          asked.push({ kind: 'token', found: found !== null });
          return found;
        },
      }),
    });
  });
  afterAll(() => t.close());

  it('are each asked once before the first request, and find no one', async () => {
    expect(asked).toEqual([{ kind: 'session', found: false }, { kind: 'token', found: false }]);
    const operator = await signIn(t.app, 'operators@rda.lv');
    expect((await operator.get('/api/v1/session')).statusCode).toBe(200);
    expect(asked.at(-1)).toEqual({ kind: 'session', found: true });
  });
});
