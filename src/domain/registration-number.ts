import type { FieldProblem } from './errors.js';
/**
 * Latvian registration numbers of legal persons: 11 digits whose weighted sum
 * (weights 9,1,4,8,3,10,2,5,7,6,1) is 3 modulo 11. Budget bodies (municipalities)
 * start with 9, companies with 4, other legal persons with 5.
 */
const WEIGHTS = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1] as const;

export type RegistrationNumberProblem = 'format' | 'checksum';

export function checkRegistrationNumber(value: string): RegistrationNumberProblem | null {
  if (!/^[4-9]\d{10}$/.test(value)) return 'format';
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += WEIGHTS[i]! * Number(value[i]);
  return sum % 11 === 3 ? null : 'checksum';
}

export function isValidRegistrationNumber(value: string): boolean {
  return checkRegistrationNumber(value) === null;
}

/** A Latvian VAT number is "LV" followed by the registration number. */
export function checkVatNumber(value: string): RegistrationNumberProblem | null {
  if (!/^LV\d{11}$/.test(value)) return 'format';
  return checkRegistrationNumber(value.slice(2));
}

/** Completes the first ten digits with the check digit; used by demo data and tests. */
export function completeRegistrationNumber(firstTen: string): string | null {
  if (!/^[4-9]\d{9}$/.test(firstTen)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += WEIGHTS[i]! * Number(firstTen[i]);
  for (let d = 0; d <= 9; d++) if ((sum + d) % 11 === 3) return firstTen + String(d);
  return null;
}

export const REGISTRATION_NUMBER_PROBLEMS: Record<RegistrationNumberProblem, FieldProblem> = {
  format: { code: 'registration_number_format', message: 'must be 11 digits of a Latvian legal person (starting with 4–9)' },
  checksum: { code: 'registration_number_check_digit', message: 'check digit does not match (not a valid Latvian registration number)' },
};
