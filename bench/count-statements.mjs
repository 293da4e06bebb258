// Preloaded into a benchmarked server (`node --import ./bench/count-statements.mjs …`): counts the
// statements it sends to the database, whichever driver (pg's query; PGlite's protocol messages), and on SIGUSR2 prints the count and the
// last statements to stderr, so a benchmark can see how many round trips one request costs; then, on
// a line of its own, how many of each kind (the statement's first 70 characters) were sent so far;
// then, on a third line, the last statements with when each was sent and answered (milliseconds on
// the server's clock, the answer's rows parsed by the driver included) and how many rows it
// returned — what `bench:status --phases` splits one computation by.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

let count = 0;
const recent = [];
const timed = [];
const byKind = new Map();
/** The statements each `PGlite.query` under way has sent (below). */
const inQuery = new Set();
function seen(text) {
  count += 1;
  const flat = String(text).replace(/\s+/g, ' ').trim();
  const kind = flat.slice(0, 70);
  byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  recent.push(flat.slice(0, 160));
  if (recent.length > 40) recent.shift();
  const entry = { kind: flat.slice(0, 110), sent: performance.now(), answered: null, rows: null };
  timed.push(entry);
  for (const statements of inQuery) statements.push(entry);
  if (timed.length > 100) timed.shift();
  return entry;
}
function timed_(entry, result, rowsOf) {
  if (result && typeof result.then === 'function') {
    result.then(
      (r) => {
        entry.answered = performance.now();
        entry.rows = rowsOf(r);
      },
      () => {
        entry.answered = performance.now();
      },
    );
  }
  return result;
}
const originalPgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (text, ...rest) {
  const entry = seen(typeof text === 'string' ? text : text?.text);
  return timed_(entry, originalPgQuery.call(this, text, ...rest), (r) => (Array.isArray(r) ? r.reduce((n, x) => n + (x?.rows?.length ?? 0), 0) : (r?.rows?.length ?? null)));
};
// PGlite: every way in passes the protocol messages through execProtocolStream (query, exec) or
// execProtocolRawStream (Kopa's own messages, src/db/pglite-statements.ts). A statement sent is a simple Query ('Q'), an
// unnamed Parse ('P', executed in the same call), or a Bind ('B') of a statement prepared earlier
// by a named Parse, whose text is remembered here; preparing one (a named Parse) executes nothing.
const decoder = new TextDecoder();
const preparedText = new Map();
const cString = (message, at) => {
  const end = message.indexOf(0, at);
  return { text: decoder.decode(message.subarray(at, end)), next: end + 1 };
};
function statementText(message) {
  const kind = message[0];
  if (kind === 0x51) return cString(message, 5).text;
  if (kind === 0x50) {
    const name = cString(message, 5);
    const text = cString(message, name.next).text;
    if (name.text === '') return text;
    preparedText.set(name.text, text);
    return null;
  }
  if (kind === 0x42) {
    const portal = cString(message, 5);
    return preparedText.get(cString(message, portal.next).text) ?? null;
  }
  return null;
}
const originalStream = PGlite.prototype.execProtocolStream;
PGlite.prototype.execProtocolStream = function (message, ...rest) {
  const text = statementText(message);
  // Seen before the call: PGlite runs the statement synchronously inside it, before it returns.
  const entry = text === null ? null : seen(text);
  const result = originalStream.call(this, message, ...rest);
  return entry === null ? result : timed_(entry, result, (messages) => messages.filter((m) => m.name === 'dataRow').length);
};
// PGlite's `query` (Kopa's statements with parameters that are not all text: arrays, numbers, dates)
// reads its rows from DataRow messages as they stream in and leaves none in the messages
// execProtocolStream answers, and it sends the statement in several calls (Parse and Describe,
// then Bind and Execute), of which the first alone carries the text. So those statements' rows,
// and when they were answered, are taken here from its result.
const originalQuery = PGlite.prototype.query;
PGlite.prototype.query = function (...args) {
  const statements = [];
  inQuery.add(statements);
  const result = originalQuery.apply(this, args);
  result.then(
    (r) => {
      inQuery.delete(statements);
      const last = statements.at(-1);
      if (last) {
        last.rows = r?.rows?.length ?? null;
        last.answered = performance.now();
      }
    },
    () => {
      inQuery.delete(statements);
      const last = statements.at(-1);
      if (last) last.answered = performance.now();
    },
  );
  return result;
};
// Kopa's own calls (src/db/pglite-statements.ts) take the raw bytes and read them itself: the rows
// are its DataRow messages ('D'), counted in the bytes once the call is over.
const originalRawStream = PGlite.prototype.execProtocolRawStream;
PGlite.prototype.execProtocolRawStream = function (message, options) {
  const text = statementText(message);
  if (text === null) return originalRawStream.call(this, message, options);
  const chunks = [];
  const entry = seen(text);
  const result = originalRawStream.call(this, message, { ...options, onRawData: (bytes) => (chunks.push(bytes.slice()), options.onRawData(bytes)) });
  return timed_(entry, result, () => dataRows(Buffer.concat(chunks)));
};
function dataRows(data) {
  let rows = 0;
  for (let at = 0; at + 5 <= data.length; at += 1 + data.readInt32BE(at + 1)) if (data[at] === 0x44) rows += 1;
  return rows;
}
process.on('SIGUSR2', () =>
  process.stderr.write(
    `statements-sent ${count} ${JSON.stringify(recent)}\nstatements-by-kind ${JSON.stringify(Object.fromEntries(byKind))}\nstatements-timed ${performance.now()} ${JSON.stringify(timed)}\n`,
  ),
);
// For bench/memory-trace.mjs: the kinds of the statements sent in the last `ms` milliseconds.
globalThis.__kopaRecentStatements = (ms) => {
  const since = performance.now() - ms;
  return [...new Set(timed.filter((t) => t.sent >= since).map((t) => t.kind.slice(0, 60)))];
};
