import { KopaError } from '../domain/errors.js';

/** How long a caller is told to wait: about what a PostgreSQL restart or a fail-over takes. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors of the connection to PostgreSQL (the code sits on the error itself, as node-postgres raises it). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that say the server, not the statement, is the trouble: class 08 (connection
 * exception), 57P01–57P03 (terminated by an administrator or a crash, starting up or shutting
 * down), 53300 (too many connections).
 */
const SERVER_STATES = /^(08...|57P0[1-3]|53300)$/;

/** node-postgres and pg-pool raise these without a code when the connection is gone or never came. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Query read timeout',
];

/**
 * True when an error means "the database is not there right now" rather than "this statement is
 * wrong": the request may succeed as it is once PostgreSQL is back, so it is a 503, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof KopaError) return error.code === 'database_unavailable';
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_STATES.test(code))) return true;
  // Connecting to a host with several addresses fails with an AggregateError of socket errors.
  if (error instanceof AggregateError && error.errors.length > 0 && error.errors.every(isDatabaseUnavailable)) return true;
  return DRIVER_MESSAGES.some((m) => error.message.startsWith(m));
}

/** The 503 a request gets; `cause` keeps the driver's own error for the log line. */
export function databaseUnavailable(cause?: unknown): KopaError {
  const error = new KopaError('database_unavailable', 'The database cannot be reached right now; try again shortly', [], DATABASE_RETRY_AFTER_SECONDS);
  if (cause !== undefined) error.cause = cause;
  return error;
}
