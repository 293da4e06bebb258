/**
 * Usage records (DESIGN.md, Metering): `{id, tenantId, provider, resource, quantity, periodStart,
 * periodEnd}`, where `id` is the sender's idempotency key. Each record of a batch is checked on
 * its own, so a batch is accepted in part and every refusal names its field.
 */
import { fieldError, type ErrorParams, type FieldError, type FieldErrorCode } from '../errors.js';
import { isLocalDate } from '../local-date.js';
import { decimalFromNumber, formatDecimal, parseDecimal, rescale, type Decimal } from '../money.js';

export interface UsageRecord {
  id: string;
  tenantId: string;
  provider: string;
  resource: string;
  /** Exact non-negative decimal string. */
  quantity: string;
  /** ISO-8601 UTC instants; the period is [periodStart, periodEnd). */
  periodStart: string;
  periodEnd: string;
}

export interface KnownForUsage {
  tenants: ReadonlySet<string>;
  providers: ReadonlySet<string>;
  resources: ReadonlySet<string>;
}

export type UsageCheck = { ok: true; record: UsageRecord } | { ok: false; id: string | null; errors: FieldError[] };

export const MAX_USAGE_BATCH = 10_000;
const FIELDS = ['id', 'tenantId', 'provider', 'resource', 'quantity', 'periodStart', 'periodEnd'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A lone UTF-16 surrogate cannot be stored as text; refuse it as the field's problem. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The tenant ids a batch names, so the caller can look them up in one query. */
export function tenantIdsOf(raw: unknown[]): string[] {
  const ids = new Set<string>();
  for (const r of raw) {
    const t = (r as { tenantId?: unknown } | null)?.tenantId;
    if (typeof t === 'string' && UUID.test(t)) ids.add(t.toLowerCase());
  }
  return [...ids];
}

export function parseInstant(value: string): number | null {
  const m = INSTANT.exec(value);
  // Years before 1900 are typing mistakes, and PostgreSQL has no year 0.
  if (!m || !isLocalDate(m[1]!) || Number(m[1]!.slice(0, 4)) < 1900) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** A non-negative exact quantity from a JSON string or number; null when it is not one. */
export function parseQuantity(value: unknown): Decimal | null {
  let d: Decimal | null = null;
  if (typeof value === 'string') d = value.startsWith('-') ? null : parseDecimal(value);
  else if (typeof value === 'number') d = value < 0 || Object.is(value, -0) ? null : decimalFromNumber(value);
  return d && d.units >= 0n ? d : null;
}

export function checkUsageRecord(raw: unknown, known: KnownForUsage): UsageCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, id: null, errors: [fieldError('record', 'wrong_type', 'must be an object with id, tenantId, provider, resource, quantity, periodStart and periodEnd', { type: 'object' })] };
  }
  const r = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  const add = (field: string, code: FieldErrorCode, message: string, params?: ErrorParams) => errors.push(fieldError(field, code, message, params));
  for (const key of Object.keys(r)) if (!(FIELDS as readonly string[]).includes(key)) add(key, 'unknown_field', 'is not a known field');

  const id = typeof r.id === 'string' ? r.id : null;
  if (r.id === undefined) add('id', 'required', 'is required');
  else if (id === null) add('id', 'wrong_type', 'must be a string', { type: 'string' });
  else if (id.length < 1 || id.length > 200 || CONTROL.test(id) || LONE_SURROGATE.test(id)) add('id', 'length_between', 'must be 1–200 characters without control characters', { min: 1, max: 200 });

  const text = (field: 'tenantId' | 'provider' | 'resource'): string | null => {
    const v = r[field];
    if (v === undefined) add(field, 'required', 'is required');
    else if (typeof v !== 'string') add(field, 'wrong_type', 'must be a string', { type: 'string' });
    else return v;
    return null;
  };
  const tenantId = text('tenantId');
  if (tenantId !== null && !(UUID.test(tenantId) && known.tenants.has(tenantId.toLowerCase()))) add('tenantId', 'unknown_tenant', 'is not a known municipality');
  const provider = text('provider');
  if (provider !== null && !known.providers.has(provider)) add('provider', 'unknown_provider', 'is not a known provider');
  const resource = text('resource');
  if (resource !== null && !known.resources.has(resource)) add('resource', 'unknown_resource', 'is not a known resource');

  let quantity: Decimal | null = null;
  if (r.quantity === undefined) add('quantity', 'required', 'is required');
  else if ((quantity = parseQuantity(r.quantity)) === null) add('quantity', 'invalid_amount', 'must be a non-negative decimal (string or number, at most 12 decimals)', { decimals: 12 });

  const instant = (field: 'periodStart' | 'periodEnd'): number | null => {
    const v = r[field];
    if (v === undefined) add(field, 'required', 'is required');
    else if (typeof v !== 'string' || parseInstant(v) === null) add(field, 'invalid_instant', 'must be an ISO-8601 instant with a zone, e.g. 2026-10-01T00:00:00Z');
    else return parseInstant(v);
    return null;
  };
  const start = instant('periodStart');
  const end = instant('periodEnd');
  if (start !== null && end !== null && end <= start) add('periodEnd', 'must_be_after', 'must be after periodStart', { other: 'periodStart' });

  if (errors.length > 0) return { ok: false, id, errors };
  return {
    ok: true,
    record: {
      id: id!,
      tenantId: tenantId!.toLowerCase(),
      provider: provider!,
      resource: resource!,
      quantity: formatDecimal(quantity!),
      periodStart: new Date(start!).toISOString(),
      periodEnd: new Date(end!).toISOString(),
    },
  };
}

/** Whether two records with the same id say the same thing (quantities compared as numbers). */
export function sameUsage(a: UsageRecord, b: UsageRecord): boolean {
  return (
    a.tenantId === b.tenantId &&
    a.provider === b.provider &&
    a.resource === b.resource &&
    Date.parse(a.periodStart) === Date.parse(b.periodStart) &&
    Date.parse(a.periodEnd) === Date.parse(b.periodEnd) &&
    sameDecimal(a.quantity, b.quantity)
  );
}

function sameDecimal(a: string, b: string): boolean {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (!x || !y) return false;
  const scale = Math.max(x.scale, y.scale);
  return rescale(x, scale).units === rescale(y, scale).units;
}
