import fc from 'fast-check';

/** One operation of the OpenAPI document, as the isolation tests walk them. */
export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Declared `security: []`: open without credentials. */
  isPublic: boolean;
  /** Path parameters in order, each with the path segment before it (its collection). */
  params: { name: string; collection: string }[];
  bodySchema: Schema | null;
  /** Required query parameters. */
  query: { name: string; schema: Schema }[];
}

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  minProperties?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
};

interface Document {
  paths: Record<string, Record<string, { security?: unknown[]; parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(doc: Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => {
      const op = item[m]!;
      const segments = path.split('/');
      const params = segments.flatMap((s, i) => (s.startsWith('{') ? [{ name: s.slice(1, -1), collection: segments[i - 1]! }] : []));
      return {
        method: m.toUpperCase() as Operation['method'],
        path,
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        params,
        bodySchema: op.requestBody?.content?.['application/json']?.schema ?? null,
        query: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => ({ name: p.name, schema: p.schema })),
      };
    }),
  );
}

/**
 * The smallest body the schema accepts: required properties only, each the first enum value, a
 * value of its format, or a string matching its pattern — so that a request gets past validation to
 * the question being tested (who may see what), without a hand-written body per route.
 */
export function exampleOf(schema: Schema, doc: Document, hint = ''): unknown {
  if (schema.$ref) return exampleOf(doc.components!.schemas![schema.$ref.split('/').pop()!]!, doc, hint);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return exampleOf(options.find((o) => o.type !== 'null') ?? options[0]!, doc, hint);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      // A change (PATCH) needs at least one field: the first one it lists.
      const keys = schema.required?.length ? schema.required : (schema.minProperties ?? 0) > 0 ? Object.keys(schema.properties ?? {}).slice(0, 1) : [];
      return Object.fromEntries(keys.map((key) => [key, exampleOf(schema.properties?.[key] ?? {}, doc, key)]));
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(schema.items ?? {}, doc, hint));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string':
      return stringOf(schema, hint);
    default:
      return null;
  }
}

function stringOf(schema: Schema, hint: string): string {
  switch (schema.format) {
    case 'date':
      return '2026-10-01';
    case 'date-time':
      return '2026-10-01T08:00:00Z';
    case 'email':
      return 'parbaude@example.lv';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'uri':
      return 'https://example.lv/';
  }
  if (schema.pattern) {
    const [value] = fc.sample(fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' }).filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? 1000)), { numRuns: 1, seed: 13 });
    return value!;
  }
  const text = /reason|description|body|subject|title|name/i.test(hint) ? 'Pārbaudes teksts' : 'parbaude';
  return text.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? 1000);
}
