import type { ColumnType } from 'kysely';

/**
 * Column types that the schema generator (schema-codegen.ts) maps PostgreSQL types to where
 * kysely-codegen's defaults would not say what our drivers really do.
 */

/**
 * jsonb: both drivers parse it on the way out; the repositories check its shape. It goes in
 * as JSON text (JSON.stringify), because pg would turn a JavaScript array into a PostgreSQL
 * array literal rather than a JSON array.
 */
export type JsonText = ColumnType<unknown, string, string>;
