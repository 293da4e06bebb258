import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';

/**
 * One statement sent to PGlite in one call into its WebAssembly Postgres, and each parameterised
 * statement parsed and planned once per database (ADR 0019, "The embedded database's second of waiting").
 * `pglite.query` makes six calls per statement (Parse, Describe statement, Bind, Describe portal,
 * Execute, Sync, each a pass through Postgres's main loop) and parses and plans it anew every time;
 * on the embedded database all of it runs on the server's own event loop.
 *
 * - No parameters: one simple-protocol Query message. It also takes scripts of several statements
 *   (migrations); the last statement's result is the answer.
 * - Parameters that are all strings or null: a named prepared statement, then Bind, Describe,
 *   Execute and Sync in one buffer. PGlite's `query` describes the statement first only to pick a
 *   serialiser by each parameter's type, and every one of its serialisers passes a string through
 *   as it is, so sending the text unchanged binds exactly what `query` would.
 * - Anything else (dates, numbers, arrays, objects): `pglite.query`, whose serialisers convert them.
 *
 * A prepared plan is PostgreSQL's own, with its own invalidation: a table's or policy's change, or
 * another role, plans it again, and row-level security reads the scope's settings when it runs, not
 * when it was planned. The one change it refuses is a different row shape after DDL (`select *` of a
 * table a migration altered): that statement is dropped and sent unprepared. The Sync ends every
 * pipeline whether a message failed or not, so an error leaves nothing half-done behind; PGlite
 * raises the first error, as `query` does.
 */
export async function runStatement<R>(pglite: PGlite, text: string, parameters: readonly unknown[]): Promise<Results<R>> {
  if (parameters.length === 0) {
    const results = parse.parseResults(await exclusive(pglite, protocol.serialize.query(text)), pglite.parsers);
    return results[results.length - 1] as Results<R>;
  }
  if (!parameters.every(isTextOrNull)) return pglite.query<R>(text, parameters as unknown[]);
  const values = parameters as (string | null)[];
  const name = await preparedName(pglite, text);
  if (name === null) return executeOnce<R>(pglite, [protocol.serialize.parse({ text }), ...boundAndExecuted(values)]);
  try {
    return await executeOnce<R>(pglite, boundAndExecuted(values, name));
  } catch (error) {
    if ((error as { code?: unknown }).code !== ROW_SHAPE_CHANGED) throw error;
    await forget(pglite, text, name);
    // Inside a transaction the failure has aborted it: the caller sees the error and rolls back.
    if (pglite.isInTransaction()) throw error;
    return executeOnce<R>(pglite, [protocol.serialize.parse({ text }), ...boundAndExecuted(values)]);
  }
}

/** "cached plan must not change result type". */
const ROW_SHAPE_CHANGED = '0A000';
/** Distinct statement texts kept prepared; past it (long `in (…)` lists of varying length) a statement is parsed each time. */
const MOST_PREPARED = 200;
const preparedByDatabase = new WeakMap<PGlite, Map<string, string>>();
let nextName = 0;

/** The statement's prepared name, parsing it on its first use; null when it cannot or should not be kept. */
async function preparedName(pglite: PGlite, text: string): Promise<string | null> {
  let prepared = preparedByDatabase.get(pglite);
  if (!prepared) preparedByDatabase.set(pglite, (prepared = new Map()));
  const known = prepared.get(text);
  if (known !== undefined) return known;
  if (prepared.size >= MOST_PREPARED) return null;
  const name = `kopa_${nextName++}`;
  try {
    // On its own, so a statement is remembered only once PostgreSQL has accepted it (a Parse fails
    // in an aborted transaction, for one); the failing statement then runs unprepared and raises there.
    await exclusive(pglite, join([protocol.serialize.parse({ name, text }), protocol.serialize.sync()]));
  } catch {
    return null;
  }
  prepared.set(text, name);
  return name;
}

async function forget(pglite: PGlite, text: string, name: string): Promise<void> {
  preparedByDatabase.get(pglite)?.delete(text);
  await exclusive(pglite, join([protocol.serialize.close({ type: 'S', name }), protocol.serialize.sync()]));
}

const boundAndExecuted = (values: (string | null)[], statement?: string) => [
  protocol.serialize.bind({ ...(statement !== undefined && { statement }), values }),
  protocol.serialize.describe({ type: 'P' }),
  protocol.serialize.execute({}),
  protocol.serialize.sync(),
];

async function executeOnce<R>(pglite: PGlite, messages: Uint8Array[]): Promise<Results<R>> {
  return parse.parseResults(await exclusive(pglite, join(messages)), pglite.parsers)[0] as Results<R>;
}

const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

// PGlite's own lock for protocol-level calls: nothing else it runs (a dump, a close) interleaves.
// No sync to the file system after it: the data folder is NodeFS and tests run in memory, whose
// syncToFs does nothing (only the browser's IndexedDB copies files there).
const exclusive = (pglite: PGlite, message: Uint8Array) => pglite.runExclusive(() => pglite.execProtocolStream(message, { syncToFs: false }));

function join(parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
