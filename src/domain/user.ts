import type { FieldProblem } from './errors.js';
import type { Role } from './roles.js';
import type { TokenAccessLevel, TokenAccessReason } from './token-access.js';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
  active: boolean;
  locale: 'lv' | 'en';
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  tenantId: string | null;
  prefix: string;
  createdAt: string;
  /** Who made it, as they were called then (an e-mail, `token:<name>` or a system label). */
  createdBy: string | null;
  /** The person who made it, directly or through one of their tokens; null when no person did. */
  createdByUserId: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface TokenCreator {
  id: string;
  name: string;
  email: string;
}

/** A token as listed: who made it, for which municipality, and whether it works now (and why not). */
export interface ApiTokenView extends ApiToken {
  tenantName: string | null;
  creator: TokenCreator | null;
  access: TokenAccessLevel;
  accessReason: TokenAccessReason | null;
}

export const MIN_PASSWORD_LENGTH = 12;

/** Long passphrases beat composition rules (NIST SP 800-63B); we only refuse the obviously weak. */
export function passwordProblem(password: string, email: string): FieldProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { code: 'too_short', message: `must have at least ${MIN_PASSWORD_LENGTH} characters`, params: { min: MIN_PASSWORD_LENGTH } };
  if (password.length > 256) return { code: 'too_long', message: 'must have at most 256 characters', params: { max: 256 } };
  if (password.toLowerCase().includes(email.split('@')[0]!.toLowerCase()) && email.split('@')[0]!.length >= 4) {
    return { code: 'password_contains_email', message: 'must not contain the e-mail name' };
  }
  if (/^(.)\1+$/.test(password)) return { code: 'password_repeated_character', message: 'must not repeat one character' };
  return null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
