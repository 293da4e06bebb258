import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { sharedSerializers } from './serialization.js';

const Problem = Type.Object(
  { title: Type.String(), reason: Type.Optional(Type.Union([Type.Literal('busy'), Type.Literal('locked')])) },
  { $id: 'Problem' },
);
// A nullable field is an anyOf: its serializer carries an Ajv instance of its own.
const Note = () => Type.Object({ id: Type.String(), note: Type.Union([Type.String(), Type.Null()]) });
const Count = Type.Object({ count: Type.Integer() });

/** Three routes (and their HEAD twins): two answer the same, freshly built, schema; all three the same problem. */
async function appCountingCompiles() {
  let compiled = 0;
  const counting: ReturnType<typeof SerializerSelector> = (externalSchemas, options) => {
    const compile = SerializerSelector()(externalSchemas, options);
    return (route) => {
      compiled += 1;
      return compile(route);
    };
  };
  const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: sharedSerializers(counting) } } });
  app.addSchema(Problem);
  const problem = Type.Ref('Problem');
  app.get('/a', { schema: { response: { 200: Note(), 409: problem } } }, () => ({ id: 'a', note: null, secret: 'dropped' }));
  app.get('/b', { schema: { response: { 200: Note(), 409: problem } } }, async (_request, reply) =>
    reply.code(409).send({ title: 'Busy', reason: 'busy', stack: 'dropped' }),
  );
  app.get('/c', { schema: { response: { 200: Count, 409: problem } } }, () => ({ count: 3 }));
  await app.ready();
  return { app, compiled: () => compiled };
}

describe('sharedSerializers', () => {
  it('compiles one serializer per distinct response schema, not one per route and status', async () => {
    const { app, compiled } = await appCountingCompiles();
    // Six route-and-status pairs, three distinct schemas: the note, the count and the problem.
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
    await app.close();
  });
});
