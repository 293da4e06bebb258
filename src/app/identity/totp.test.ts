import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUrl, totpStep } from './totp.js';

// RFC 6238 Appendix B, SHA-1 rows: the seed is the ASCII string "12345678901234567890", 8 digits.
const SEED = Buffer.from('12345678901234567890', 'ascii');
const APPENDIX_B: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(APPENDIX_B)('at unix time %i gives %s (Appendix B)', (seconds, expected) => {
    expect(hotp(SEED, totpStep(new Date(seconds * 1000)), 8)).toBe(expected);
  });

  it('round-trips base32 as RFC 4648 writes it', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(SEED)).equals(SEED)).toBe(true);
  });

  it('accepts a code one step early or late, not two, and never a step already used', () => {
    const secret = base32Encode(SEED);
    const at = new Date(1_111_111_111_000);
    const step = totpStep(at);
    const code = (s: number) => hotp(SEED, s);
    expect(matchTotp(secret, code(step), at, null)).toBe(step);
    expect(matchTotp(secret, code(step - 1), at, null)).toBe(step - 1);
    expect(matchTotp(secret, code(step + 1), at, null)).toBe(step + 1);
    expect(matchTotp(secret, code(step + 2), at, null)).toBeNull();
    expect(matchTotp(secret, code(step - 2), at, null)).toBeNull();
    expect(matchTotp(secret, code(step), at, step)).toBeNull();
    expect(matchTotp(secret, code(step + 1), at, step)).toBe(step + 1);
    expect(matchTotp(secret, '12345', at, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('writes the otpauth:// address authenticator apps scan', () => {
    const url = new URL(otpauthUrl('JBSWY3DPEHPK3PXP', 'admin@cesis.lv'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname)).toBe('/Kopa:admin@cesis.lv');
    expect(Object.fromEntries(url.searchParams)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Kopa', algorithm: 'SHA1', digits: '6', period: '30' });
  });
});
