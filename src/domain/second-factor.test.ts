import { describe, expect, it } from 'vitest';
import { availableMethods, normalizeRecoveryCode, secondFactorRequired } from './second-factor.js';

describe('second factor rules', () => {
  it('offers recovery codes only beside a real factor', () => {
    expect(availableMethods({ totp: false, passkeys: 0, recoveryCodesLeft: 10 })).toEqual([]);
    expect(availableMethods({ totp: true, passkeys: 0, recoveryCodesLeft: 0 })).toEqual(['totp']);
    expect(availableMethods({ totp: true, passkeys: 2, recoveryCodesLeft: 3 })).toEqual(['totp', 'webauthn', 'recovery']);
  });

  it('reads a recovery code however it is typed, and refuses what cannot be one', () => {
    expect(normalizeRecoveryCode('abcde-fghjk')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode(' ABCDE FGHJK ')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode('abcde-fghj')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fgh1k')).toBeNull(); // 1 is not in the alphabet
  });

  it('requires a second factor of the listed roles only', () => {
    expect(secondFactorRequired('operator', ['operator', 'tenant_admin'])).toBe(true);
    expect(secondFactorRequired('tenant_user', ['operator', 'tenant_admin'])).toBe(false);
    expect(secondFactorRequired('operator', [])).toBe(false);
  });
});
