import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { CompiledAtStart } from './compiled-at-start.js';

type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Compiler = ReturnType<SerializerFactory>;
type Serializer = ReturnType<Compiler>;

/**
 * Fastify's own response serializer compiler (fast-json-stringify), with one serializer per
 * distinct schema instead of one per route and status. A serializer whose schema holds a union
 * (`anyOf`: a nullable field, the problem's `reason`) carries an Ajv instance of its own, with its
 * formats and every shared schema it refers to; every route declares the same six problem
 * responses, so the server held about 1,500 of them — some 60 MB of heap — for far fewer
 * distinct schemas.
 *
 * What a serializer writes depends only on its schema, the shared schemas it may refer to
 * (`externalSchemas`) and the server's serializer options, not on the route, method or status, so
 * equal schemas share one. Fastify calls the factory once per plugin context, and at the root
 * once per route once schemas were added there, so serializers are kept per text of the shared
 * schemas across those calls; schemas are compared by their JSON text, since TypeBox builds a
 * fresh object for each use. One factory serves one server, whose options do not change.
 *
 * Each is compiled on its first answer, except the 200 answers of the routes `atStart` names, which
 * are compiled at once with the Ajv validators fast-json-stringify writes their unions by
 * (`compileValidators`; otherwise those too wait for the first answer that reaches them).
 */
export function sharedSerializers(build: SerializerFactory = SerializerSelector(), atStart: CompiledAtStart = () => false): SerializerFactory {
  const byShared = new Map<string, Map<string, Serializer>>();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    let compileWithValidators: Compiler | null = null;
    const sharedKey = JSON.stringify(externalSchemas ?? null);
    let bySchema = byShared.get(sharedKey);
    if (!bySchema) {
      bySchema = new Map();
      byShared.set(sharedKey, bySchema);
    }
    const serializers = bySchema;
    return (route) => {
      const now = route.httpStatus === '200' && atStart(route.method, route.url);
      const key = `${now ? 'start' : 'use'} ${JSON.stringify(route.schema)}`;
      let serializer = serializers.get(key);
      if (!serializer) {
        serializer = now ? (compileWithValidators ??= build(externalSchemas, { ...options, compileValidators: true }))(route) : compiledOnFirstUse(() => compile(route));
        serializers.set(key, serializer);
      }
      return serializer;
    };
  };
}

/**
 * Compiled when a response first needs it, not when the route is registered: at start Fastify asks
 * for every route's serializers, and compiling them all (~300 routes) grew the heap by tens of MiB
 * at the very moment the process peaks (ADR 0025, "2026-12-06, night"). Most routes of a running
 * server are never called; the first response of the others pays its compilation once.
 */
function compiledOnFirstUse(compile: () => Serializer): Serializer {
  let compiled: Serializer | null = null;
  return (data) => {
    compiled ??= compile();
    return compiled(data);
  };
}
