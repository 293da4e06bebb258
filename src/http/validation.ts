import { Ajv, type Options } from 'ajv';
import * as ajvFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

// ajv-formats is CommonJS; under ESM its function arrives as the default export.
type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = (ajvFormats as unknown as { default: AddFormats }).default;

const common: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false };

/**
 * JSON bodies are validated as sent: `"97"` is not a number and `123` is not a name, so a
 * client's mistake is reported instead of silently converted. Query strings and path
 * parameters arrive as text and are converted to the declared types.
 */
export function installValidation(app: FastifyInstance, sharedSchemas: object[]): void {
  const strict = new Ajv({ ...common, coerceTypes: false });
  const coercing = new Ajv({ ...common, coerceTypes: 'array' });
  for (const ajv of [strict, coercing]) {
    addFormats(ajv);
    for (const schema of sharedSchemas) ajv.addSchema(schema);
  }
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
