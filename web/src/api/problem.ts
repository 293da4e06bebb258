/**
 * What every way of calling the API shares: problem answers as ApiError, the session's CSRF
 * token and what happens on a 401. The generated client (client.ts) and uploads use it.
 */

/** Values a code's sentence needs (`{max: 100}`). */
export type ErrorParams = Record<string, string | number>;

/**
 * One problem with one request field (`address.city`, `deskTargets.P1.reactionMinutes`). From the
 * API it has a `code` with `params`, which the UI words itself; the UI's own checks write `message` only.
 */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: ErrorParams;
}

/** An RFC 9457 problem answer (or a network failure, status 0) as an Error. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Seconds to wait, from Retry-After on a 429. */
  readonly retryAfter: number | null;
  /** The problem's type ("/problems/invalid_state"), when the server sent one. */
  readonly type: string;
  /** What exactly is in the way ("month_not_ended"), with the values its sentence needs. */
  readonly reason: { reason: string; params: ErrorParams } | null;

  constructor(
    status: number,
    title: string,
    detail: string,
    errors: FieldError[] = [],
    retryAfter: number | null = null,
    type = '',
    reason: { reason: string; params: ErrorParams } | null = null,
  ) {
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.retryAfter = retryAfter;
    this.type = type;
    this.reason = reason;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The problem's stable code ("tenant_suspended"), or null for anything that is not a problem answer. */
export function problemCode(error: unknown): string | null {
  return isApiError(error) && error.type.startsWith('/problems/') ? error.type.slice('/problems/'.length) : null;
}

let csrfToken: string | null = null;
let onUnauthorized: ((error?: ApiError) => void) | null = null;

/** The session's CSRF token; sent as X-CSRF-Token with every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The headers a write needs besides its body (the CSRF token), for requests not sent through `request`. */
export function writeHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/** Tells the session a request answered 401 (for requests not sent through `request`). */
export function reportUnauthorized(error?: ApiError): void {
  onUnauthorized?.(error);
}

/** Called when a signed-in call answers 401 (the session has ended). */
export function setUnauthorizedHandler(handler: ((error?: ApiError) => void) | null): void {
  onUnauthorized = handler;
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Reads a failed response as an ApiError (also used for uploads sent with XMLHttpRequest). */
export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<{ type: string; title: string; detail: string; errors: FieldError[]; reason: string; params: ErrorParams }>;
      const errors = Array.isArray(body.errors)
        ? body.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string')
        : [];
      const reason = typeof body.reason === 'string' ? { reason: body.reason, params: body.params ?? {} } : null;
      return new ApiError(response.status, body.title ?? response.statusText, body.detail ?? '', errors, retryAfter, typeof body.type === 'string' ? body.type : '', reason);
    } catch {
      // fall through to a plain error
    }
  }
  return new ApiError(response.status, response.statusText, '', [], retryAfter);
}

