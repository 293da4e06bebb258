/**
 * Typed errors with stable string codes. The http layer maps codes to status codes;
 * nothing below http knows about HTTP. Field errors and problem reasons carry codes with
 * parameters too, so a client writes the sentence in its reader's language; the English
 * `message`/`detail` stays for scripts and logs.
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

/** Every problem `code` the API answers with: ours, plus the http layer's own for requests it cannot read. */
export const PROBLEM_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_state',
  'throttled',
  'tenant_suspended',
  'tenant_offboarded',
  'mfa_required',
  'mfa_enrolment_required',
  'database_unavailable',
  'bad_request',
  'uri_too_long',
  'internal',
] as const satisfies readonly string[];

/**
 * The closed list of field-error codes. A code names the rule that was broken, never the
 * field; the field travels beside it. Add a code here and its text to both locales (a test
 * enumerates this list against web/src/i18n).
 */
export const FIELD_ERROR_CODES = [
  // presence and shape
  'required',
  'required_with',
  /** Two parameters that each choose the same thing (`hours` and `range` of a latency series). */
  'excludes',
  'unknown_field',
  'wrong_type',
  'not_one_of',
  'invalid_format',
  'nul_character',
  'too_deep',
  'malformed_body',
  'unsupported_media_type',
  'body_too_large',
  // sizes
  'too_short',
  'too_long',
  'length_between',
  'too_few',
  'too_many',
  'too_small',
  'too_large',
  'out_of_range',
  'not_integer',
  'too_many_decimals',
  'percentage',
  'invalid_amount',
  // formats
  'invalid_date',
  'invalid_month',
  'invalid_time',
  'invalid_instant',
  'invalid_email',
  'invalid_url',
  'invalid_https_url',
  'url_with_extras',
  'invalid_host',
  'invalid_host_port',
  'invalid_domain',
  'invalid_country',
  'invalid_postal_code',
  'invalid_time_zone',
  'invalid_iban',
  'invalid_bic',
  'invalid_unit_code',
  'invalid_identifier',
  'invalid_claim_name',
  'invalid_id',
  'invalid_cursor',
  'registration_number_format',
  'registration_number_check_digit',
  'vat_number_format',
  // order and time
  'must_be_after',
  'not_before',
  'must_be_shorter_than',
  'not_shorter_than',
  'range_too_long_days',
  'range_too_long_months',
  'in_future',
  'must_be_future',
  'times_outside_day',
  'slots_overlap',
  'day_off_has_hours',
  // uniqueness and references
  'duplicate',
  'not_unique',
  'unknown_service',
  'unknown_tenant',
  'unknown_monitor',
  'unknown_resource',
  'unknown_provider',
  'unknown_location',
  'unknown_assignee',
  'unknown_watcher',
  'unknown_user',
  'unknown_ticket',
  /** A mail known to come from one municipality's person, handled onto another's. */
  'other_municipality',
  'not_priced',
  'status_transition',
  // identity
  'wrong_code',
  /** Enrolment: the code is not the one the authenticator app shows now (its clock or the secret typed in). */
  'code_not_current',
  'passkey_rejected',
  'password_contains_email',
  'password_repeated_character',
  'password_unchanged',
  'role_needs_tenant',
  'role_takes_no_tenant',
  'role_scope_change',
  'role_not_allowed',
  'self_demotion',
  'provider_tenant_roles_only',
  'provider_agency_roles_only',
  'operators_only',
  'agency_staff_only',
  'push_monitor_has_no_target',
  // files
  'file_too_large',
  'file_empty',
  'file_type',
  'file_content',
  'multipart_required',
  'csv_empty',
  'csv_unknown_columns',
  'csv_missing_columns',
  // against the stored data (inside conflicts and invalid states)
  'month_not_ended',
  'draft_run_exists',
  'finalized',
  'run_problem',
  'no_tariff',
  'usage_without_agreement',
  'pool_driver_zero',
  'no_agreement',
  'no_municipality_under_agreement',
  'no_active_users',
  'no_vat_rate',
  'overlaps',
  'already_done',
  'already_member',
  'not_allowed_now',
  'ticket_not_resolved',
  'incident_resolved',
  'not_push_monitor',
  'monitor_paused',
  'rate_limited',
  'unsupported_rule',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** Values a sentence needs (`{max: 100}`, `{other: 'from'}`); plain strings and numbers so any client can interpolate them. */
export type ErrorParams = Record<string, string | number>;

export interface FieldError {
  field: string;
  code: FieldErrorCode;
  params: ErrorParams;
  /** English, for scripts and logs; clients show the code's own text. */
  message: string;
}

/** What a check found, before it is pinned to a field. */
export interface FieldProblem {
  code: FieldErrorCode;
  message: string;
  params?: ErrorParams;
}

/**
 * The closed list of problem reasons: what exactly is in the way when a request meets a
 * conflict or an invalid state (or another problem the UI explains). `code` stays the coarse
 * contract; `reason` with `params` lets a client write `detail` in its reader's language.
 */
export const PROBLEM_REASONS = [
  'token_revoked',
  'own_access',
  'passkey_options_missing',
  'second_factor_needed',
  'account_exists',
  'recovery_codes_need_factor',
  'no_passkey',
  'totp_exists',
  'totp_not_started',
  'secret_key_missing',
  'email_not_configured',
  'already_member',
  'email_registered',
  'provider_registered',
  'incident_resolved',
  'not_push_monitor',
  'monitor_paused',
  'registration_number_taken',
  'agreement_number_taken',
  'run_finalized',
  'run_has_problems',
  'run_not_finalized',
  'no_agreement',
  'month_not_ended',
  'draft_run_exists',
  'no_municipality_under_agreement',
  'no_active_users',
  'code_taken',
  'tariff_overlap',
  'ticket_closed',
  'ticket_transition',
  'ticket_not_resolved',
  'ticket_rated',
  'service_subscribed',
  'subscription_overlap',
  'calendar_id_taken',
  'exception_exists',
  'no_working_time',
  'exclusion_withdrawn',
  'report_month_not_ended',
  'correction_needs_reason',
  'report_unchanged',
  'saved_meanwhile',
  'no_vat_rate',
  'comments_throttled',
  'sign_in_throttled',
  'notice_not_failed',
  'maintenance_ended',
  'maintenance_cancelled',
  'subscriptions_throttled',
  'mail_not_quarantined',
] as const;

export type ProblemReason = (typeof PROBLEM_REASONS)[number];

export class KopaError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  readonly detail: string;
  /** seconds a throttled caller should wait */
  readonly retryAfterSeconds: number | undefined;
  readonly reason: ProblemReason | undefined;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, detail: string, errors: FieldError[] = [], retryAfterSeconds?: number, reason?: { reason: ProblemReason; params?: ErrorParams }) {
    super(detail);
    this.name = 'KopaError';
    this.code = code;
    this.detail = detail;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
    this.reason = reason?.reason;
    this.params = reason ? (reason.params ?? {}) : undefined;
  }
}

export function fieldError(field: string, code: FieldErrorCode, message: string, params: ErrorParams = {}): FieldError {
  return { field, code, params, message };
}

/** A conflict or invalid state with its reason, for the detail a client words itself. */
export function stateProblem(
  code: 'conflict' | 'invalid_state',
  reason: ProblemReason,
  params: ErrorParams,
  detail: string,
  errors: FieldError[] = [],
): KopaError {
  return new KopaError(code, detail, errors, undefined, { reason, params });
}

export function validationError(field: string, code: FieldErrorCode, message: string, params: ErrorParams = {}): KopaError {
  return new KopaError('validation', `${field}: ${message}`, [fieldError(field, code, message, params)]);
}

/** Collects field problems so a caller can report all of them at once. */
export class FieldErrors {
  private readonly list: FieldError[] = [];

  add(field: string, code: FieldErrorCode, message: string, params: ErrorParams = {}): void {
    this.list.push(fieldError(field, code, message, params));
  }

  addProblem(field: string, problem: FieldProblem): void {
    this.add(field, problem.code, problem.message, problem.params);
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
