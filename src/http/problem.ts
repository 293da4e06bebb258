import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KopaError, type ErrorCode, type ErrorParams, type FieldError, type FieldErrorCode, type ProblemReason } from '../domain/errors.js';

/** Status codes live here and nowhere else. */
const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  throttled: 429,
  tenant_suspended: 403,
  tenant_offboarded: 401,
  mfa_required: 401,
  mfa_enrolment_required: 403,
  database_unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  reason?: { reason: ProblemReason; params: ErrorParams },
) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `/problems/${code}`,
      // The same code on its own, so a client chooses its words from a stable key, not a sentence.
      code,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      instance: request.url,
      requestId: request.id,
      // What exactly is in the way, so a client writes `detail` in its reader's language.
      ...(reason && { reason: reason.reason, params: reason.params }),
      ...(errors && errors.length > 0 && { errors }),
    });
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const AJV_TYPE_CODES: Record<string, FieldErrorCode> = { 'date': 'invalid_date', 'date-time': 'invalid_instant', email: 'invalid_email', uri: 'invalid_url', uuid: 'invalid_id' };

/** An ajv keyword as one of our field-error codes, with the numbers a sentence needs. */
function codeOf(e: AjvError): { code: FieldErrorCode; params: ErrorParams } {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { code: 'required', params: {} };
    case 'additionalProperties':
      return { code: 'unknown_field', params: {} };
    case 'minProperties':
      return { code: 'required', params: {} };
    case 'maxLength':
      return { code: 'too_long', params: { max: Number(p.limit) } };
    case 'minLength':
      // "at least one character" is how a schema says "not empty".
      return Number(p.limit) <= 1 ? { code: 'required', params: {} } : { code: 'too_short', params: { min: Number(p.limit) } };
    case 'maxItems':
      return { code: 'too_many', params: { max: Number(p.limit) } };
    case 'minItems':
      return { code: 'too_few', params: { min: Number(p.limit) } };
    case 'uniqueItems':
      return { code: 'duplicate', params: {} };
    case 'minimum':
      return { code: 'too_small', params: { min: Number(p.limit) } };
    case 'exclusiveMinimum':
      return { code: 'too_small', params: { min: Number(p.limit), exclusive: 'true' } };
    case 'maximum':
      return { code: 'too_large', params: { max: Number(p.limit) } };
    case 'exclusiveMaximum':
      return { code: 'too_large', params: { max: Number(p.limit), exclusive: 'true' } };
    case 'enum':
      return { code: 'not_one_of', params: { allowed: (p.allowedValues as unknown[]).join(', ') } };
    case 'const':
      return { code: 'not_one_of', params: { allowed: String(p.allowedValue) } };
    case 'type':
      return { code: 'wrong_type', params: { type: String(p.type) } };
    case 'format':
      return { code: AJV_TYPE_CODES[String(p.format)] ?? 'invalid_format', params: { format: String(p.format) } };
    default:
      // pattern and anything rarer: the value does not have the expected shape.
      return { code: 'invalid_format', params: {} };
  }
}

/** `/address/city` → `address.city`; a missing property names itself. */
function toFieldError(e: AjvError, context: string | undefined): FieldError {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const child = (e.params.missingProperty ?? e.params.additionalProperty) as string | undefined;
  const field = [path, child].filter(Boolean).join('.') || (context === 'body' ? 'body' : context ?? 'request');
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'required') message = 'is required';
  else if (e.keyword === 'additionalProperties') message = 'is not a known field';
  else if (e.keyword === 'format') message = `must be a valid ${String(e.params.format)}`;
  else if (e.keyword === 'enum') message = `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  else if (e.keyword === 'minProperties') message = 'must contain at least one field';
  const { code, params } = codeOf(e);
  return { field, code, params, message };
}

/** Deduplicates the many branch errors ajv reports for unions, keeping one per field. */
function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const byField = new Map<string, FieldError>();
  for (const e of validation) {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    const fe = toFieldError(e, context);
    if (!byField.has(fe.field)) byField.set(fe.field, fe);
  }
  // A nullable object fails both branches; "address must be null" beside
  // "address.city is required" only misleads, so the deeper problem wins.
  const all = [...byField.values()];
  return all.filter((e) => !all.some((other) => other.field.startsWith(`${e.field}.`)));
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { validation?: AjvError[]; validationContext?: string }, request, reply) => {
    if (error instanceof KopaError) {
      if (error.code === 'database_unavailable') {
        // Not a bug to chase, but an operator wants to see the driver's reason beside the request.
        const cause = error.cause instanceof Error ? error.cause.message || (error.cause as { code?: string }).code : undefined;
        request.log.warn({ cause }, 'database unavailable');
      }
      if (error.retryAfterSeconds) reply.header('Retry-After', String(error.retryAfterSeconds));
      const reason = error.reason ? { reason: error.reason, params: error.params ?? {} } : undefined;
      return sendProblem(reply, request, STATUS[error.code], error.code, error.detail, error.errors, reason);
    }
    if (error.validation) {
      const errors = fieldErrors(error.validation, error.validationContext);
      const summary = errors.map((e) => `${e.field} ${e.message}`).join('; ');
      return sendProblem(reply, request, 400, 'validation', summary || 'The request is not valid', errors);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large.
      const mediaType = error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE';
      const code: FieldErrorCode = mediaType ? 'unsupported_media_type' : status === 413 ? 'body_too_large' : 'malformed_body';
      return sendProblem(reply, request, status, 'bad_request', error.message, [{ field: mediaType ? 'content-type' : 'body', code, params: {}, message: error.message }]);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, 500, 'internal', 'Something went wrong on our side; the request id helps us find it');
  });
}
