/**
 * Typed errors with stable string codes. The http layer maps codes to status codes;
 * nothing below http knows about HTTP.
 */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'throttled'
  /** A suspended municipality's people and tokens may read but not write. */
  | 'tenant_suspended'
  /** An offboarded municipality's people and tokens are shut out. */
  | 'tenant_offboarded'
  /** A sign-in waits for its second factor: only that step may be taken. */
  | 'mfa_required'
  /** A sign-in waits for the person to enrol a second factor: only enrolment may be done. */
  | 'mfa_enrolment_required'
  /** The database cannot be reached (restarting, failed over, network): try again shortly. */
  | 'database_unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export class KopaError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  readonly detail: string;
  /** seconds a throttled caller should wait */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail: string, errors: FieldError[] = [], retryAfterSeconds?: number) {
    super(detail);
    this.name = 'KopaError';
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function validationError(field: string, message: string): KopaError {
  return new KopaError('validation', `${field}: ${message}`, [{ field, message }]);
}

/** Collects field problems so a caller can report all of them at once. */
export class FieldErrors {
  private readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  get all(): readonly FieldError[] {
    return this.list;
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (this.list.length > 0) {
      const summary = this.list.map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new KopaError('validation', summary, [...this.list]);
    }
  }
}

export function notFound(what: string): KopaError {
  return new KopaError('not_found', `${what} not found`);
}

export function forbidden(detail = 'You are not allowed to do this'): KopaError {
  return new KopaError('forbidden', detail);
}
