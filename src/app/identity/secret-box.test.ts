import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseSecretKey } from './secret-box.js';

describe('the secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('opens what it sealed, and never writes the plain text', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:a');
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'totp:a')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'totp:a')).not.toBe(sealed); // a fresh nonce each time
  });

  it('refuses another context, another key, and any edited byte', () => {
    const sealed = box.seal('secret', 'totp:a');
    expect(() => box.open(sealed, 'totp:b')).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'totp:a')).toThrow();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, flipped.toString('base64url'), tag].join('.'), 'totp:a')).toThrow();
    expect(() => box.open('not sealed', 'totp:a')).toThrow();
  });

  it('reads KOPA_SECRET_KEY as base64, base64url or hex of exactly 32 bytes', () => {
    expect(parseSecretKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseSecretKey(key.toString('base64url'))?.equals(key)).toBe(true);
    expect(parseSecretKey(`${key.toString('hex')}\n`)?.equals(key)).toBe(true);
    expect(parseSecretKey(randomBytes(31).toString('base64'))).toBeNull();
    expect(parseSecretKey('correct horse battery staple')).toBeNull();
  });
});
