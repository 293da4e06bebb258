import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { stateProblem } from '../../domain/errors.js';
import type { SecretBox } from '../shared/ports.js';

const VERSION = 'v1';

/**
 * AES-256-GCM with a random 96-bit nonce per secret. The context (say `totp:<user id>`) is
 * authenticated too, so a sealed secret copied onto another person's row does not open.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, context) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || !iv || body === undefined || !tag) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** KOPA_SECRET_KEY: 32 bytes as base64 (`openssl rand -base64 32`), base64url or 64 hex digits. */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : null;
}

export function newSecretKey(): string {
  return randomBytes(32).toString('base64');
}

/** The secret box, or a clear refusal when the server was started without one. */
export function requireSecretBox(deps: { secretBox?: SecretBox | undefined }): SecretBox {
  if (!deps.secretBox) throw stateProblem('invalid_state', 'secret_key_missing', {}, 'Second factors need KOPA_SECRET_KEY, which this server was started without');
  return deps.secretBox;
}
