import { Ajv, type ErrorObject, type Options } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import type { CompiledAtStart } from './compiled-at-start.js';

// ajv-formats is CommonJS; under ESM its function arrives as the default export.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = (ajvFormats as unknown as { default: AddFormats }).default;

const common: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false };

/**
 * JSON bodies are validated as sent: `"97"` is not a number and `123` is not a name, so a
 * client's mistake is reported instead of silently converted. Query strings and path
 * parameters arrive as text and are converted to the declared types. The routes `atStart` names are
 * compiled as they are registered, every other on its first request.
 */
export function installValidation(app: FastifyInstance, sharedSchemas: object[], atStart: CompiledAtStart = () => false): void {
  const strict = new Ajv({ ...common, coerceTypes: false });
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  for (const ajv of [strict, coercing]) {
    addFormats(ajv);
    for (const schema of sharedSchemas) ajv.addSchema(schema);
  }
  app.setValidatorCompiler(({ schema, httpPart, method, url }) => {
    const compile = (): Validate => (httpPart === 'body' ? strict : coercing).compile(schema);
    return atStart(method, url) ? compile() : compiledOnFirstUse(compile);
  });
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * Compiled when a request first needs it, not when the route is registered, like the response
 * serializers (src/http/serialization.ts): Ajv's code for every route's schemas at start is memory
 * at the process's peak (ADR 0025, "2026-12-06, night"). Fastify reads the failures from the
 * function's `errors`, so they are handed on.
 */
function compiledOnFirstUse(compile: () => Validate): Validate {
  let compiled: Validate | null = null;
  const validate: Validate = (data) => {
    compiled ??= compile();
    const valid = compiled(data);
    validate.errors = compiled.errors;
    return valid;
  };
  return validate;
}
