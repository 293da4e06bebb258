import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Compiler = ReturnType<ReturnType<typeof SerializerSelector>>;
type RouteDefinition = Parameters<Compiler>[0];
type Serializer = ReturnType<Compiler>;

/**
 * A route's serializer compiler whose 200 answer is ready to write as the server gets ready.
 * fast-json-stringify writes a union (`anyOf`: every nullable field, a state's literals) by
 * validating the value against each branch with Ajv, and compiles those validators on the first
 * answer that reaches them: on the monitors list's first answer after a restart, ~130 ms of the
 * one thread while the page's other first requests waited (ADR 0026, "2026-12-06, night"). Here
 * they are compiled with the serializer, before the server listens. Other statuses (problems,
 * rare) are compiled on their first use, so that the route holds no serializer of its own for
 * them unless one is sent; the 200 serializer is built once per schema (a GET's HEAD twin shares it).
 */
export function eagerSerializers(sharedSchemas: Record<string, unknown>): (route: Omit<RouteDefinition, 'httpStatus'> & { httpStatus?: string | undefined }) => Serializer {
  const eager = SerializerSelector()(sharedSchemas, { compileValidators: true });
  const lazy = SerializerSelector()(sharedSchemas, {});
  const built = new Map<string, Serializer>();
  return ({ httpStatus = '', ...rest }) => {
    const route: RouteDefinition = { ...rest, httpStatus };
    if (httpStatus !== '200') {
      let serializer: Serializer | undefined;
      return (doc) => (serializer ??= lazy(route))(doc);
    }
    const key = JSON.stringify(route.schema);
    let serializer = built.get(key);
    if (!serializer) built.set(key, (serializer = eager(route)));
    return serializer;
  };
}
