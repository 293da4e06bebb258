import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';

/**
 * One statement sent to PGlite in one call into its WebAssembly Postgres (ADR 0019, "PGlite: one
 * call per statement"). `pglite.query` makes six calls per statement (Parse, Describe statement,
 * Bind, Describe portal, Execute, Sync, each a pass through Postgres's main loop) and `exec` two;
 * on the embedded database every one of them runs on the server's own event loop.
 *
 * - No parameters: one simple-protocol Query message. It also takes scripts of several statements
 *   (migrations); the last statement's result is the answer.
 * - Parameters that are all strings or null: Parse, Bind, Describe, Execute and Sync in one buffer.
 *   PGlite's `query` describes the statement first only to pick a serialiser by each parameter's
 *   type, and every one of its serialisers passes a string through as it is, so sending the text
 *   unchanged binds exactly what `query` would.
 * - Anything else (dates, numbers, arrays, objects): `pglite.query`, whose serialisers convert them.
 * The Sync ends the pipeline whether a message failed or not, so an error leaves no half-parsed
 * statement behind; PGlite raises the first error, as `query` does.
 */
export async function runStatement<R>(pglite: PGlite, text: string, parameters: readonly unknown[]): Promise<Results<R>> {
  if (parameters.length === 0) {
    const results = parse.parseResults(await exclusive(pglite, protocol.serialize.query(text)), pglite.parsers);
    return results[results.length - 1] as Results<R>;
  }
  if (!parameters.every(isTextOrNull)) return pglite.query<R>(text, parameters as unknown[]);
  const pipeline = concat([
    protocol.serialize.parse({ text }),
    protocol.serialize.bind({ values: parameters as (string | null)[] }),
    protocol.serialize.describe({ type: 'P' }),
    protocol.serialize.execute({}),
    protocol.serialize.sync(),
  ]);
  return parse.parseResults(await exclusive(pglite, pipeline), pglite.parsers)[0] as Results<R>;
}

const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

// PGlite's own lock for protocol-level calls: nothing else it runs (a dump, a close) interleaves.
// No sync to the file system after it: the data folder is NodeFS and tests run in memory, whose
// syncToFs does nothing (only the browser's IndexedDB copies files there).
const exclusive = (pglite: PGlite, message: Uint8Array) => pglite.runExclusive(() => pglite.execProtocolStream(message, { syncToFs: false }));

function concat(parts: Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
