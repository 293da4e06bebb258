import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installValidation } from './validation.js';

const Shared = Type.Object({ name: Type.String({ minLength: 1 }) }, { $id: 'Named' });

async function appValidating() {
  const app = Fastify();
  app.addSchema(Shared);
  installValidation(app, [Shared]);
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
});
