import type { Role } from './roles.js';

/** How a sign-in's second step can be completed. */
export const SECOND_FACTOR_METHODS = ['totp', 'webauthn', 'recovery'] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

export interface FactorInventory {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export function hasSecondFactor(f: FactorInventory): boolean {
  return f.totp || f.passkeys > 0;
}

/** The ways this person can finish signing in; recovery codes only alongside a real factor. */
export function availableMethods(f: FactorInventory): SecondFactorMethod[] {
  if (!hasSecondFactor(f)) return [];
  return [...(f.totp ? ['totp' as const] : []), ...(f.passkeys > 0 ? ['webauthn' as const] : []), ...(f.recoveryCodesLeft > 0 ? ['recovery' as const] : [])];
}

export function secondFactorRequired(role: Role, requiredRoles: readonly Role[]): boolean {
  return requiredRoles.includes(role);
}

export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: the codes are read off paper. 32 symbols, 10 of them: 50 bits a code. */
export const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `abcde-fghjk`; what a person types is compared without case, spaces or dashes. */
export function normalizeRecoveryCode(input: string): string | null {
  const clean = input.toLowerCase().replace(/[\s-]/g, '');
  if (clean.length !== 10 || [...clean].some((c) => !RECOVERY_ALPHABET.includes(c))) return null;
  return clean;
}

export function formatRecoveryCode(clean: string): string {
  return `${clean.slice(0, 5)}-${clean.slice(5)}`;
}

export const PASSKEY_NAME_MAX = 100;
