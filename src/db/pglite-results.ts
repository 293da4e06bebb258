import { protocol } from '@electric-sql/pglite';

/** A value's parser by its type (PGlite's `parsers`, which Kopa's overrides are part of). */
type Parsers = Record<number | string, ((text: string, typeId?: number) => unknown) | undefined>;

export interface Column {
  name: string;
  type: number;
  parse: ((text: string, typeId?: number) => unknown) | undefined;
}

/** What PGlite's parseResults gives for one statement, less the fields no caller reads. */
export interface StatementResult<R> {
  rows: R[];
  /** Rows inserted, updated, deleted, copied or merged by this statement and the script's ones before it, as PGlite counts them. */
  affectedRows?: number;
}

// Backend message types (PostgreSQL protocol, "Message Formats").
const ROW_DESCRIPTION = 0x54; // T
const PARAMETER_DESCRIPTION = 0x74; // t
const DATA_ROW = 0x44; // D
const COMMAND_COMPLETE = 0x43; // C
const ERROR_RESPONSE = 0x45; // E
const COUNTING_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/**
 * The results of one call into PGlite's Postgres, read straight from the bytes it wrote: what
 * `parse.parseResults` makes of PGlite's parsed messages, row for row and value for value (the same
 * type parsers, called the same way), without building a message object for every one and copying
 * every field into an ArrayBuffer of its own first, which cost more than Postgres's own execution of
 * a small statement (ADR 0019, "Reading PGlite's answers ourselves"). Messages no caller reads
 * (ParameterStatus, notices, ReadyForQuery, the completions of Parse and Bind) are passed over; Kopa
 * listens to no channel, so there are no notifications to hand on. The first error is thrown, as
 * PGlite's `execProtocol` does, and nothing after it is read.
 *
 * `described`: the columns of a prepared statement, read when it was described, for rows that come
 * with no RowDescription of their own.
 */
export function readResults<R>(data: Buffer, parsers: Parsers, described?: Column[]): StatementResult<R>[] {
  const results: StatementResult<R>[] = [];
  let columns = described ?? [];
  let rows: R[] = [];
  let affectedRows = 0;
  for (let at = 0; at + 5 <= data.length; ) {
    const type = data[at]!;
    const end = at + 1 + data.readInt32BE(at + 1);
    const body = at + 5;
    if (type === DATA_ROW) rows.push(rowOf<R>(data, body, columns));
    else if (type === ROW_DESCRIPTION) columns = columnsOf(data, body, parsers);
    else if (type === COMMAND_COMPLETE) {
      const parts = data.toString('utf8', body, end - 1).split(' ');
      const command = parts[0]!;
      const rowCount = parseInt(parts[parts.length - 1]!, 10);
      if (COUNTING_COMMANDS.has(command)) affectedRows += rowCount;
      results.push({ rows, affectedRows });
      rows = [];
      columns = [];
    } else if (type === ERROR_RESPONSE) throw databaseError(data.subarray(at, end));
    at = end;
  }
  if (results.length === 0) results.push({ rows: [], affectedRows: 0 });
  return results;
}

/**
 * What a Describe of a statement answered: its result's columns (none when it returns no rows) and
 * its parameters' types, as PostgreSQL inferred them; its error, if it failed.
 */
export function describedStatement(data: Buffer, parsers: Parsers): { columns: Column[]; parameterTypes: number[] } {
  let columns: Column[] = [];
  const parameterTypes: number[] = [];
  for (let at = 0; at + 5 <= data.length; ) {
    const type = data[at]!;
    const end = at + 1 + data.readInt32BE(at + 1);
    if (type === ROW_DESCRIPTION) columns = columnsOf(data, at + 5, parsers);
    else if (type === PARAMETER_DESCRIPTION) for (let i = 0, count = data.readInt16BE(at + 5); i < count; i++) parameterTypes.push(data.readInt32BE(at + 7 + 4 * i));
    else if (type === ERROR_RESPONSE) throw databaseError(data.subarray(at, end));
    at = end;
  }
  return { columns, parameterTypes };
}

function columnsOf(data: Buffer, at: number, parsers: Parsers): Column[] {
  const count = data.readInt16BE(at);
  const columns = new Array<Column>(count);
  at += 2;
  for (let i = 0; i < count; i++) {
    const nameEnd = data.indexOf(0, at);
    const name = data.toString('utf8', at, nameEnd);
    // After the name: table oid (4), column number (2), type oid (4), size (2), modifier (4), format (2).
    const type = data.readInt32BE(nameEnd + 7);
    columns[i] = { name, type, parse: parsers[type] };
    at = nameEnd + 19;
  }
  return columns;
}

function rowOf<R>(data: Buffer, at: number, columns: Column[]): R {
  const count = data.readInt16BE(at);
  const row: Record<string, unknown> = {};
  at += 2;
  for (let i = 0; i < count; i++) {
    const length = data.readInt32BE(at);
    at += 4;
    const column = columns[i]!;
    if (length === -1) {
      row[column.name] = null;
      continue;
    }
    const text = data.toString('utf8', at, at + length);
    at += length;
    row[column.name] = column.parse ? column.parse(text, column.type) : text;
  }
  return row as R;
}

/** PGlite's own DatabaseError (code, detail, constraint …), made by its protocol parser from the one message. */
function databaseError(message: Buffer): Error {
  let error: Error | undefined;
  new protocol.Parser().parse(message, (parsed) => (error = parsed as unknown as Error));
  return error ?? new Error('PGlite answered with an unreadable error');
}
