/**
 * What is metered and at what price: cloud providers, resources (sums or gauges, with the
 * UN/ECE Recommendation 20 unit code an invoice line needs), tariffs and monthly cost pools.
 */
import { FieldErrors } from '../errors.js';
import { isMonth } from '../calendar/month.js';
import { isLocalDate, type LocalDate } from '../local-date.js';
import { parseDecimal } from '../money.js';

export interface Provider {
  code: string;
  name: string;
  createdAt: string;
}

export type ResourceKind = 'sum' | 'gauge';

export interface Resource {
  code: string;
  name: string;
  /** English name shown to English readers; null when the Latvian one serves. */
  nameEn: string | null;
  /** Human unit shown on statements, e.g. "vCPU h". */
  unit: string;
  /** UN/ECE Recommendation 20 code, e.g. HUR (hour), E34 (gigabyte), IE (person). */
  unitCode: string;
  kind: ResourceKind;
  /** Priced by tariffs; a driver such as active_users is not. */
  billable: boolean;
  createdAt: string;
}

export interface Tariff {
  id: string;
  provider: string;
  resource: string;
  /** Exact decimal string with up to 6 decimals. */
  unitPrice: string;
  currency: 'EUR';
  /** First local day in force. */
  validFrom: LocalDate;
  /** First local day no longer in force (exclusive); null when open-ended. */
  validTo: LocalDate | null;
  createdAt: string;
  createdBy: string | null;
}

export const POOL_DRIVERS = ['active_users', 'even', 'hosting_cost'] as const;
export type PoolDriver = (typeof POOL_DRIVERS)[number];

export interface CostPool {
  id: string;
  /** YYYY-MM */
  month: string;
  /** Exact decimal string with two decimals. */
  amount: string;
  currency: 'EUR';
  description: string;
  /** English description shown to English readers; null when the Latvian one serves. */
  descriptionEn: string | null;
  driver: PoolDriver;
  createdAt: string;
  createdBy: string | null;
}

export const CURRENCY = 'EUR';
const PROVIDER_CODE = /^[A-Z][A-Z0-9_-]{1,19}$/;
const RESOURCE_CODE = /^[a-z][a-z0-9_]{1,39}$/;
const UNIT_CODE = /^[A-Z0-9]{2,3}$/;

export function validateProvider(p: Pick<Provider, 'code' | 'name'>, errors = new FieldErrors()): FieldErrors {
  if (!PROVIDER_CODE.test(p.code)) errors.add('code', 'invalid_identifier', 'must be 2–20 capital letters, digits, "_" or "-", starting with a letter (e.g. LVRTC)');
  if (!p.name.trim()) errors.add('name', 'required', 'must not be empty');
  return errors;
}

/** An optional English variant: blank means none; same length limit as the Latvian text. */
export function englishText(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}

export function validateEnglishText(field: string, text: string | null, max: number, errors: FieldErrors): FieldErrors {
  if (text !== null && text.length > max) errors.add(field, 'too_long', `must be at most ${max} characters`, { max });
  return errors;
}

export function validateResource(r: Pick<Resource, 'code' | 'name' | 'unit' | 'unitCode' | 'kind'> & { nameEn?: string | null }, errors = new FieldErrors()): FieldErrors {
  if (!RESOURCE_CODE.test(r.code)) errors.add('code', 'invalid_identifier', 'must be 2–40 lower-case letters, digits or "_", starting with a letter (e.g. vcpu_hour)');
  if (!r.name.trim()) errors.add('name', 'required', 'must not be empty');
  validateEnglishText('nameEn', r.nameEn ?? null, 200, errors);
  if (!r.unit.trim()) errors.add('unit', 'required', 'must not be empty');
  if (!UNIT_CODE.test(r.unitCode)) errors.add('unitCode', 'invalid_unit_code', 'must be a UN/ECE Recommendation 20 code of 2–3 capitals or digits (e.g. HUR, E34, C62)');
  if (r.kind !== 'sum' && r.kind !== 'gauge') errors.add('kind', 'not_one_of', 'must be sum or gauge', { allowed: 'sum, gauge' });
  return errors;
}

export interface TariffInput {
  provider: string;
  resource: string;
  unitPrice: string;
  currency: string;
  validFrom: string;
  validTo: string | null;
}

/** A non-negative decimal with at most `decimals` digits after the point, as sent; null when not. */
export function normalisedAmount(text: string, decimals: number): string | null {
  const d = parseDecimal(text);
  if (!d || text.startsWith('-') || d.scale > decimals || text.trim() !== text) return null;
  return text;
}

export function validateTariff(t: TariffInput, errors = new FieldErrors()): FieldErrors {
  if (normalisedAmount(t.unitPrice, 6) === null) errors.add('unitPrice', 'invalid_amount', 'must be a non-negative decimal with at most 6 decimals, as a string (e.g. "0.012500")', { decimals: 6 });
  if (t.currency !== CURRENCY) errors.add('currency', 'not_one_of', 'must be EUR', { allowed: 'EUR' });
  if (!isLocalDate(t.validFrom)) errors.add('validFrom', 'invalid_date', 'must be a date YYYY-MM-DD');
  if (t.validTo !== null) {
    if (!isLocalDate(t.validTo)) errors.add('validTo', 'invalid_date', 'must be a date YYYY-MM-DD');
    else if (isLocalDate(t.validFrom) && t.validTo <= t.validFrom) errors.add('validTo', 'must_be_after', 'must be after validFrom (validTo is the first day no longer in force)', { other: 'validFrom' });
  }
  return errors;
}

/** Half-open local-date periods [from, to); a null end is open. */
export function periodsOverlap(a: { validFrom: LocalDate; validTo: LocalDate | null }, b: { validFrom: LocalDate; validTo: LocalDate | null }): boolean {
  const aEndsAfterBStarts = a.validTo === null || a.validTo > b.validFrom;
  const bEndsAfterAStarts = b.validTo === null || b.validTo > a.validFrom;
  return aEndsAfterBStarts && bEndsAfterAStarts;
}

/**
 * Where a new tariff goes among the existing ones of its provider and resource: the
 * open-ended tariff that starts before it is closed on its start date; any other overlap
 * is a conflict the caller has to resolve.
 */
export function placeTariff(existing: Tariff[], next: { validFrom: LocalDate; validTo: LocalDate | null }): { close: Tariff | null; conflicts: Tariff[] } {
  const close = existing.find((t) => t.validTo === null && t.validFrom < next.validFrom) ?? null;
  const conflicts = existing.filter((t) => t !== close && periodsOverlap(t, next));
  return { close, conflicts };
}

export interface CostPoolInput {
  month: string;
  amount: string;
  currency: string;
  description: string;
  descriptionEn?: string | null;
  driver: string;
}

export function validateCostPool(p: CostPoolInput, errors = new FieldErrors()): FieldErrors {
  if (!isMonth(p.month)) errors.add('month', 'invalid_month', 'must be a month YYYY-MM');
  if (normalisedAmount(p.amount, 2) === null) errors.add('amount', 'invalid_amount', 'must be a non-negative amount with at most 2 decimals, as a string (e.g. "1200.00")', { decimals: 2 });
  if (p.currency !== CURRENCY) errors.add('currency', 'not_one_of', 'must be EUR', { allowed: 'EUR' });
  if (!p.description.trim()) errors.add('description', 'required', 'must not be empty');
  validateEnglishText('descriptionEn', p.descriptionEn ?? null, 500, errors);
  if (!(POOL_DRIVERS as readonly string[]).includes(p.driver)) errors.add('driver', 'not_one_of', `must be one of ${POOL_DRIVERS.join(', ')}`, { allowed: POOL_DRIVERS.join(', ') });
  return errors;
}

/**
 * Which tariff applied on a local day: the one of that provider and resource whose
 * [validFrom, validTo) holds the day, or none. Periods never overlap (placeTariff), so at most one
 * does. The SQL in src/db/repositories/tariff-on.ts says the same; tariff-on.test.ts holds it to this.
 */
export function tariffOn<T extends Pick<Tariff, 'provider' | 'resource' | 'validFrom' | 'validTo'>>(tariffs: readonly T[], provider: string, resource: string, day: LocalDate): T | null {
  return tariffs.find((t) => t.provider === provider && t.resource === resource && t.validFrom <= day && (t.validTo === null || t.validTo > day)) ?? null;
}
