import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';

/**
 * Runs one of the standing functions (migrations 033 and 034) as fixed text, autocommitted:
 * nothing to build or compile on the request path, and the function states the system scope
 * itself, so no transaction is needed around it (ADR 0019).
 */
export async function standingRow<Row>(db: Kysely<Database>, lookup: string, tokenHash: string): Promise<Row | undefined> {
  try {
    return (await db.executeQuery<Row>(CompiledQuery.raw(lookup, [tokenHash]))).rows[0];
  } catch (error) {
    // As in runScoped: a database that is not there is a 503 the caller may retry.
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw error;
  }
}
