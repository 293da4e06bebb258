import { protocol, type PGlite } from '@electric-sql/pglite';
import { describedStatement, readResults, type Column, type StatementResult } from './pglite-results.js';

export type { StatementResult } from './pglite-results.js';

/**
 * One statement sent to PGlite in one call into its WebAssembly Postgres, each parameterised
 * statement parsed and planned once per database, and the answer read straight from the bytes
 * Postgres wrote (ADR 0019, "The embedded database's second of waiting" and "Reading PGlite's answers
 * ourselves"). `pglite.query` makes six calls per statement (Parse, Describe statement, Bind,
 * Describe portal, Execute, Sync, each a pass through Postgres's main loop) and parses and plans it
 * anew every time; on the embedded database all of it runs on the server's own event loop.
 *
 * - No parameters: one simple-protocol Query message. It also takes scripts of several statements
 *   (migrations); the last statement's result is the answer.
 * - Parameters: a named prepared statement, then Bind, Execute and Sync in one buffer. Each value is
 *   sent as `pglite.query` would send it: PGlite's serialiser for the type PostgreSQL inferred for
 *   that parameter (read once, with the statement's columns, from the Describe of the statement),
 *   `toString` for a type it has none for, and a string or null as it is (every one of its
 *   serialisers passes a string through). So a Date, a number or an array binds exactly what
 *   `query` binds, without `query`'s parse, plan and describe of the statement on every call: a
 *   `limit` or a kept-row count as a number had sent the monitors list's and counts' statements
 *   that way, ~4 ms of each counts request (ADR 0019, "2026-12-07, evening").
 * - A statement that is not kept prepared (past `MOST_PREPARED` texts, or of more than
 *   `MOST_PARAMETERS_KEPT` parameters) is sent unnamed with text values, or through `pglite.query`
 *   with any others.
 *
 * A prepared plan is PostgreSQL's own, with its own invalidation: a table's or policy's change, or
 * another role, plans it again, and row-level security reads the scope's settings when it runs, not
 * when it was planned. The one change it refuses is a different row shape after DDL (`select *` of a
 * table a migration altered, a column renamed or retyped): that statement is dropped and sent
 * unprepared, so the columns kept with a name are always the ones Postgres sends. The Sync ends
 * every pipeline whether a message failed or not, so an error leaves nothing half-done behind; the
 * first error is raised, as `query` does.
 */
export async function runStatement<R>(pglite: PGlite, text: string, parameters: readonly unknown[]): Promise<StatementResult<R>> {
  if (parameters.length === 0) {
    const results = await exchange<R>(pglite, protocol.serialize.query(text));
    return results[results.length - 1]!;
  }
  const prepared = await preparedStatement(pglite, text, parameters.length);
  if (prepared === null) return parameters.every(isTextOrNull) ? unprepared<R>(pglite, text, [...parameters]) : pglite.query<R>(text, parameters as unknown[]);
  const values = parameters.map((value, i) => serialized(pglite, value, prepared.parameterTypes[i]));
  try {
    return (await exchange<R>(pglite, join(bound(values, prepared.name)), prepared.columns))[0]!;
  } catch (error) {
    if ((error as { code?: unknown }).code !== ROW_SHAPE_CHANGED) throw error;
    await forget(pglite, text, prepared.name);
    // Inside a transaction the failure has aborted it: the caller sees the error and rolls back.
    if (pglite.isInTransaction()) throw error;
    return unprepared<R>(pglite, text, values);
  }
}

/** "cached plan must not change result type". */
const ROW_SHAPE_CHANGED = '0A000';
/** Distinct statement texts kept prepared; past it (long `in (…)` lists of varying length) a statement is parsed each time. */
const MOST_PREPARED = 200;
/**
 * A statement with more parameters is not kept: a write of many rows or a list of many values, whose
 * text changes with their number (the outbox's notices, one per subscriber); kept, such texts would
 * take the places of the statements sent all day.
 */
const MOST_PARAMETERS_KEPT = 64;

interface Prepared {
  name: string;
  /** Its result's columns, from Describe of the statement: what every execution's rows carry. */
  columns: Column[];
  /** Its parameters' types as PostgreSQL inferred them, from the same Describe: how each value is serialised. */
  parameterTypes: number[];
}
const preparedByDatabase = new WeakMap<PGlite, Map<string, Prepared>>();
let nextName = 0;

/** The statement prepared, parsing and describing it on its first use; null when it cannot or should not be kept. */
async function preparedStatement(pglite: PGlite, text: string, parameterCount: number): Promise<Prepared | null> {
  if (parameterCount > MOST_PARAMETERS_KEPT) return null;
  let prepared = preparedByDatabase.get(pglite);
  if (!prepared) preparedByDatabase.set(pglite, (prepared = new Map()));
  const known = prepared.get(text);
  if (known !== undefined) return known;
  if (prepared.size >= MOST_PREPARED) return null;
  const name = `kopa_${nextName++}`;
  let described: { columns: Column[]; parameterTypes: number[] };
  try {
    // On its own, so a statement is remembered only once PostgreSQL has accepted it (a Parse fails
    // in an aborted transaction, for one); the failing statement then runs unprepared and raises there.
    described = describedStatement(await call(pglite, join([protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()])), pglite.parsers);
  } catch {
    return null;
  }
  const statement = { name, ...described };
  prepared.set(text, statement);
  return statement;
}

async function forget(pglite: PGlite, text: string, name: string): Promise<void> {
  preparedByDatabase.get(pglite)?.delete(text);
  readResults(await call(pglite, join([protocol.serialize.close({ type: 'S', name }), protocol.serialize.sync()])), pglite.parsers);
}

/** Parse of the unnamed statement, then Bind, Describe of the portal (its columns), Execute and Sync: one call. */
const unprepared = async <R>(pglite: PGlite, text: string, values: (string | null)[]) =>
  (await exchange<R>(pglite, join([protocol.serialize.parse({ text }), ...bound(values), protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()])))[0]!;

/** Bind with the values: of a prepared statement followed by Execute and Sync, or of the unnamed one, the caller adding the rest. */
function bound(values: (string | null)[], statement?: string): Uint8Array[] {
  if (statement === undefined) return [protocol.serialize.bind({ values })];
  return [protocol.serialize.bind({ statement, values }), protocol.serialize.execute({}), protocol.serialize.sync()];
}

const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** A value as `pglite.query` binds it to a parameter of the given type (its `runQuery`: null and undefined are NULL). */
function serialized(pglite: PGlite, value: unknown, type: number | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  const serialize = type === undefined ? undefined : pglite.serializers[type];
  return serialize ? serialize(value) : (value as { toString(): string }).toString();
}

/**
 * One call into Postgres; its answer's bytes, which readResults reads. Not under PGlite's query lock: every
 * statement Kopa sends reaches this instance through the Kysely driver (src/db/pglite-dialect.ts),
 * which lets one holder at a time use the session, and the call itself runs to its end without
 * yielding (execProtocolRawStream awaits nothing when it does not sync the file system). The lock
 * alone cost 20–50 µs a call, about half of what Postgres spends on the token lookup (ADR 0019). No sync to the file
 * system after it: the data folder is NodeFS and tests run in memory, whose syncToFs does nothing
 * (only the browser's IndexedDB copies files there).
 */
async function call(pglite: PGlite, message: Uint8Array): Promise<Buffer> {
  // What pglite.query says of a closed (or closing) database, instead of a call into a stopped Postgres.
  if (!pglite.ready) throw new Error('PGlite is closed');
  const chunks: Buffer[] = [];
  // The bytes are a view of Postgres's memory, valid only during the callback: copied.
  await pglite.execProtocolRawStream(message, { syncToFs: false, onRawData: (bytes) => void chunks.push(Buffer.from(bytes)) });
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

async function exchange<R>(pglite: PGlite, message: Uint8Array, columns?: Column[]): Promise<StatementResult<R>[]> {
  return readResults<R>(await call(pglite, message), pglite.parsers, columns);
}

function join(parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
