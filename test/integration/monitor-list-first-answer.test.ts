import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

// Every Ajv schema compile, fast-json-stringify's union validators included, goes through this module.
const ajvCompile = createRequire(createRequire(import.meta.url).resolve('fast-json-stringify'))('ajv/dist/compile') as { compileSchema: (...args: unknown[]) => unknown };

/**
 * The monitors list's first answer after a start compiles nothing: its rows' union validators were
 * compiled before the server listened (src/http/eager-serialization.ts; ADR 0026, "2026-12-06, night").
 */
describe.each(BACKENDS)('the monitors list’s first answer on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
    const serviceId = ((await (await signIn(t.app, 'operators@rda.lv')).get('/api/v1/services')).json().items as { id: string }[])[0]!.id;
    // One never probed (its state unknown, its reason a union's branch), one paused.
    for (const active of [true, false]) await createMonitor(t.deps, systemActor('test'), { serviceId, tenantId: null, name: `first answer ${active}`, type: 'http', target: 'https://x.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['a'], active });
  });
  afterAll(() => t.close());

  it('writes its rows without compiling a validator', async () => {
    const operator = await signIn(t.app, 'operators@rda.lv');
    const compiles = vi.spyOn(ajvCompile, 'compileSchema');
    try {
      const res = await operator.get('/api/v1/monitors?limit=50');
      expect(res.statusCode).toBe(200);
      expect((res.json() as { items: { health: { state: string } }[] }).items.map((row) => row.health.state)).toEqual(['unknown', 'unknown']);
      expect(compiles).not.toHaveBeenCalled();
    } finally {
      compiles.mockRestore();
    }
  });
});
