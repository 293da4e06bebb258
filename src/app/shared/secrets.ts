import { createHash, randomBytes } from 'node:crypto';
import { TOKEN_PREFIX } from '../../domain/auth-policy.js';

/** High-entropy secrets (tokens, session ids) are stored as SHA-256; passwords use argon2id. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function newApiToken(): { token: string; prefix: string } {
  const token = TOKEN_PREFIX + newSecret(32);
  return { token, prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** Readable one-time password for new accounts: 4 groups of 5 characters. */
export function newTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
