import { FieldErrors } from './errors.js';
import { checkRegistrationNumber, checkVatNumber, REGISTRATION_NUMBER_PROBLEMS } from './registration-number.js';

export const TENANT_STATUSES = ['onboarding', 'active', 'suspended', 'offboarded'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export interface PostalAddress {
  street: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface Tenant {
  id: string;
  name: string;
  registrationNumber: string;
  vatNumber: string | null;
  address: PostalAddress | null;
  email: string | null;
  peppolScheme: string;
  peppolId: string;
  status: TenantStatus;
  createdAt: string;
  updatedAt: string;
}

export interface TenantInput {
  name: string;
  registrationNumber: string;
  vatNumber?: string | null;
  address?: PostalAddress | null;
  email?: string | null;
  peppolScheme?: string;
  peppolId?: string;
  status?: TenantStatus;
}

/** Peppol participant identifier schemes accepted for Latvian buyers. */
export const PEPPOL_SCHEMES = ['0218', '9939'] as const;

/**
 * Which status changes make sense. Offboarded is final: a municipality that
 * returns is onboarded again as a new tenant, so its history stays intact.
 */
const TRANSITIONS: Record<TenantStatus, readonly TenantStatus[]> = {
  onboarding: ['active', 'offboarded'],
  active: ['suspended', 'offboarded'],
  suspended: ['active', 'offboarded'],
  offboarded: [],
};

export function canChangeStatus(from: TenantStatus, to: TenantStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

const POSTAL_CODE = /^LV-\d{4}$/;

/** Business rules the request schema cannot express; reports every problem at once. */
export function validateTenant(input: Partial<TenantInput>, errors = new FieldErrors()): FieldErrors {
  if (input.name !== undefined && input.name.trim().length < 2) errors.add('name', 'too_short', 'must have at least 2 characters', { min: 2 });
  if (input.registrationNumber !== undefined) {
    const problem = checkRegistrationNumber(input.registrationNumber);
    if (problem) errors.addProblem('registrationNumber', REGISTRATION_NUMBER_PROBLEMS[problem]);
  }
  if (input.vatNumber) {
    const problem = checkVatNumber(input.vatNumber);
    if (problem === 'format') errors.add('vatNumber', 'vat_number_format', 'must be LV followed by 11 digits');
    else if (problem) errors.addProblem('vatNumber', REGISTRATION_NUMBER_PROBLEMS[problem]);
    else if (input.registrationNumber && input.vatNumber.slice(2) !== input.registrationNumber) {
      errors.add('vatNumber', 'vat_number_format', 'must be LV followed by the registration number');
    }
  }
  if (input.address) {
    const a = input.address;
    if (!a.street.trim()) errors.add('address.street', 'required', 'must not be empty');
    if (!a.city.trim()) errors.add('address.city', 'required', 'must not be empty');
    if (!/^[A-Z]{2}$/.test(a.country)) errors.add('address.country', 'invalid_country', 'must be an ISO 3166-1 alpha-2 code such as LV');
    else if (a.country === 'LV' && !POSTAL_CODE.test(a.postalCode)) {
      errors.add('address.postalCode', 'invalid_postal_code', 'must look like LV-1050');
    }
  }
  if (input.peppolScheme !== undefined && !(PEPPOL_SCHEMES as readonly string[]).includes(input.peppolScheme)) {
    errors.add('peppolScheme', 'not_one_of', `must be one of ${PEPPOL_SCHEMES.join(', ')}`, { allowed: PEPPOL_SCHEMES.join(', ') });
  }
  return errors;
}

/** The Peppol endpoint defaults to scheme 0218 with the registration number. */
export function defaultPeppolEndpoint(registrationNumber: string): { scheme: string; id: string } {
  return { scheme: '0218', id: registrationNumber };
}
