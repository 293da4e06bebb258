import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installValidation } from './validation.js';

// Every schema the server's Ajv compiles goes through this module's compileSchema.
const ajvCompile = createRequire(import.meta.url)('ajv/dist/compile') as { compileSchema: (...args: unknown[]) => unknown };

const Shared = Type.Object({ name: Type.String({ minLength: 1 }) }, { $id: 'Named' });

async function appValidating(atStart?: (method: string, url: string) => boolean) {
  const app = Fastify();
  app.addSchema(Shared);
  installValidation(app, [Shared], atStart);
  app.post('/things', { schema: { body: Type.Ref('Named'), querystring: Type.Object({ limit: Type.Optional(Type.Integer()) }) } }, (request) => ({ body: request.body, query: request.query }));
  await app.ready();
  return app;
}

// Validators are compiled on first use (ADR 0025, "2026-12-06, night"): what they refuse and convert must not change.
describe('installValidation', () => {
  it('refuses a wrong body with its errors on the first request and on later ones', async () => {
    const app = await appValidating();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const wrong = await app.inject({ method: 'POST', url: '/things', payload: { name: 7 } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json<{ message: string }>().message).toContain('body/name must be string');
    }
    await app.close();
  });

  it('takes a right body as sent and converts the query string', async () => {
    const app = await appValidating();
    const right = await app.inject({ method: 'POST', url: '/things?limit=5', payload: { name: 'Rīga' } });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toEqual({ body: { name: 'Rīga' }, query: { limit: 5 } });
    const text = await app.inject({ method: 'POST', url: '/things', payload: { name: '' } });
    expect(text.statusCode).toBe(400);
    await app.close();
  });

  it('compiles the routes named for the start as they are registered, the others on their first request', async () => {
    const compiles = vi.spyOn(ajvCompile, 'compileSchema');
    const lazy = await appValidating();
    const lazyAtReady = compiles.mock.calls.length;
    await lazy.inject({ method: 'POST', url: '/things', payload: { name: 'Rīga' } });
    expect(compiles.mock.calls.length).toBeGreaterThan(lazyAtReady);
    await lazy.close();
    compiles.mockClear();
    const atStart = await appValidating((method, url) => method === 'POST' && url === '/things');
    const atReady = compiles.mock.calls.length;
    // The body's and the query string's validators, beyond what the lazy server compiled at its start.
    expect(atReady).toBeGreaterThanOrEqual(lazyAtReady + 2);
    const wrong = await atStart.inject({ method: 'POST', url: '/things?limit=x', payload: { name: 7 } });
    expect(wrong.statusCode).toBe(400);
    expect(compiles.mock.calls.length).toBe(atReady);
    await atStart.close();
  });

  afterEach(() => vi.restoreAllMocks());
});
