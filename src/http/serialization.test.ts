import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedSerializers } from './serialization.js';

// The Ajv that fast-json-stringify builds its union validators with: every schema it compiles goes through this module's compileSchema.
const ajvCompile = createRequire(createRequire(import.meta.url).resolve('fast-json-stringify'))('ajv/dist/compile') as { compileSchema: (...args: unknown[]) => unknown };

const Problem = Type.Object(
  { title: Type.String(), reason: Type.Optional(Type.Union([Type.Literal('busy'), Type.Literal('locked')])) },
  { $id: 'Problem' },
);
// A nullable field is an anyOf: its serializer carries an Ajv instance of its own.
const Note = () => Type.Object({ id: Type.String(), note: Type.Union([Type.String(), Type.Null()]) });
const Count = Type.Object({ count: Type.Integer() });

/** Four routes (and their HEAD twins): three declare the same, freshly built, schema; all four the same problem. */
async function appCountingCompiles(atStart?: (method: string, url: string) => boolean) {
  let compiled = 0;
  const counting: ReturnType<typeof SerializerSelector> = (externalSchemas, options) => {
    const compile = SerializerSelector()(externalSchemas, options);
    return (route) => {
      compiled += 1;
      return compile(route);
    };
  };
  const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: sharedSerializers(counting, atStart) } } });
  app.addSchema(Problem);
  const problem = Type.Ref('Problem');
  app.get('/a', { schema: { response: { 200: Note(), 409: problem } } }, () => ({ id: 'a', note: null, secret: 'dropped' }));
  app.get('/b', { schema: { response: { 200: Note(), 409: problem } } }, async (_request, reply) =>
    reply.code(409).send({ title: 'Busy', reason: 'busy', stack: 'dropped' }),
  );
  app.get('/c', { schema: { response: { 200: Count, 409: problem } } }, () => ({ count: 3 }));
  app.get('/d', { schema: { response: { 200: Note(), 409: problem } } }, () => ({ id: 'd', note: 'same schema as /a' }));
  await app.ready();
  return { app, compiled: () => compiled };
}

describe('sharedSerializers', () => {
  afterEach(() => vi.restoreAllMocks());

  it('compiles nothing at start, then one serializer per distinct response schema as responses need them', async () => {
    const { app, compiled } = await appCountingCompiles();
    expect(compiled()).toBe(0);
    // /a and /d answer the same note schema: one compilation for both, and none again for a repeat.
    for (const url of ['/a', '/d', '/a']) await app.inject(url);
    expect(compiled()).toBe(1);
    await app.inject('/b'); // the problem
    await app.inject('/c'); // the count
    expect(compiled()).toBe(3);
    await app.close();
  });

  it('serializes each route by its schema, unions and shared schemas included', async () => {
    const { app } = await appCountingCompiles();
    const a = await app.inject('/a');
    expect(a.json()).toEqual({ id: 'a', note: null });
    const b = await app.inject('/b');
    expect([b.statusCode, b.json()]).toEqual([409, { title: 'Busy', reason: 'busy' }]);
    expect((await app.inject('/c')).json()).toEqual({ count: 3 });
    expect((await app.inject('/d')).json()).toEqual({ id: 'd', note: 'same schema as /a' });
    await app.close();
  });

  it('compiles the 200 answers of the routes named for the start at once, their union validators included, and nothing for their first answers', async () => {
    const validators = vi.spyOn(ajvCompile, 'compileSchema');
    const { app, compiled } = await appCountingCompiles((method, url) => method === 'GET' && url === '/a');
    expect(compiled()).toBe(1);
    const atReady = validators.mock.calls.length;
    expect(atReady).toBeGreaterThan(0);
    expect((await app.inject('/a')).json()).toEqual({ id: 'a', note: null });
    expect([compiled(), validators.mock.calls.length]).toEqual([1, atReady]);
    // /d has /a's schema but is not named: its serializer waits for its first answer, as do /a's problems.
    expect((await app.inject('/d')).json()).toEqual({ id: 'd', note: 'same schema as /a' });
    expect(compiled()).toBe(2);
    await app.close();
  });
});
