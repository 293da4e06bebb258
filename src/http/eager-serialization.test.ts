import { createRequire } from 'node:module';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eagerSerializers } from './eager-serialization.js';

// The Ajv that fast-json-stringify builds its union validators with: every schema it compiles goes through this module's compileSchema.
const fromSerializer = createRequire(createRequire(import.meta.url).resolve('fast-json-stringify'));
const ajvCompile = fromSerializer('ajv/dist/compile') as { compileSchema: (...args: unknown[]) => unknown };

const Problem = Type.Object({ title: Type.String() }, { $id: 'Problem' });
// Nullable fields and a union of literals: each an anyOf, which fast-json-stringify writes by validating the branches.
const Row = Type.Object({ id: Type.String(), state: Type.Union([Type.Literal('up'), Type.Literal('down')]), since: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.Object({ code: Type.String() }), Type.Null()]) });
const Page = Type.Object({ items: Type.Array(Row) });
const rows = { items: [{ id: 'a', state: 'up', since: null, reason: null }, { id: 'b', state: 'down', since: '2026-12-06T20:00:00.000Z', reason: { code: 'x', secret: 'dropped' } }] };

async function appWith(eager: boolean) {
  const app = Fastify();
  app.addSchema(Problem);
  await app.register(async (scoped) => {
    const serializerCompiler = eager ? eagerSerializers(scoped.getSchemas()) : undefined;
    scoped.get('/rows', { ...(serializerCompiler && { serializerCompiler }), schema: { response: { 200: Page, 409: Type.Ref('Problem') } } }, () => rows);
    scoped.get('/busy', { ...(serializerCompiler && { serializerCompiler }), schema: { response: { 200: Page, 409: Type.Ref('Problem') } } }, async (_request, reply) => reply.code(409).send({ title: 'Busy', stack: 'dropped' }));
  });
  return app;
}

describe('eagerSerializers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('compiles the 200 answer’s union validators as the server gets ready, none on the first answer', async () => {
    const compiles = vi.spyOn(ajvCompile, 'compileSchema');
    const app = await appWith(true);
    await app.ready();
    const atReady = compiles.mock.calls.length;
    expect(atReady).toBeGreaterThan(0);
    const res = await app.inject({ method: 'GET', url: '/rows' });
    expect(res.json()).toEqual({ items: [{ id: 'a', state: 'up', since: null, reason: null }, { id: 'b', state: 'down', since: '2026-12-06T20:00:00.000Z', reason: { code: 'x' } }] });
    expect(compiles.mock.calls.length).toBe(atReady);
    await app.close();
  });

  it('is what Fastify’s own compiler leaves to the first answer (the measure sees it)', async () => {
    const compiles = vi.spyOn(ajvCompile, 'compileSchema');
    const app = await appWith(false);
    await app.ready();
    const atReady = compiles.mock.calls.length;
    await app.inject({ method: 'GET', url: '/rows' });
    expect(compiles.mock.calls.length).toBeGreaterThan(atReady);
    await app.close();
  });

  it('writes the other statuses as Fastify’s own compiler does, built on their first use', async () => {
    const app = await appWith(true);
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/busy' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ title: 'Busy' });
    await app.close();
  });
});
