import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { databaseUnavailable, isDatabaseUnavailable } from './unavailable.js';

/** One of the standing functions' fixed text, made into a Kysely query once; each call binds its hash. */
export type StandingLookup = (tokenHash: string) => CompiledQuery;

export function standingLookup(text: string): StandingLookup {
  const query = CompiledQuery.raw(text, []);
  return (tokenHash) => ({ ...query, parameters: [tokenHash] });
}

/**
 * Runs one of the standing functions (migrations 033 and 034) as fixed text, autocommitted:
 * nothing to build or compile on the request path, and the function states the system scope
 * itself, so no transaction is needed around it (ADR 0019).
 */
export async function standingRow<Row>(db: Kysely<Database>, lookup: StandingLookup, tokenHash: string): Promise<Row | undefined> {
  try {
    return (await db.executeQuery<Row>(lookup(tokenHash))).rows[0];
  } catch (error) {
    // As in runScoped: a database that is not there is a 503 the caller may retry.
    if (isDatabaseUnavailable(error)) throw databaseUnavailable(error);
    throw error;
  }
}
