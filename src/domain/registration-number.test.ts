import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegistrationNumber, checkVatNumber, completeRegistrationNumber, isValidRegistrationNumber } from './registration-number.js';

describe('Latvian registration numbers', () => {
  it('accepts published numbers of real municipalities', () => {
    // Rīgas valstspilsētas pašvaldība and Jelgavas valstspilsētas pašvaldība (public registry).
    expect(isValidRegistrationNumber('90011524360')).toBe(true);
    expect(isValidRegistrationNumber('90000042516')).toBe(true);
  });

  it('computes the weighted sum by hand: 90011524360 sums to 223 ≡ 3 (mod 11)', () => {
    // 9·9 + 0·1 + 0·4 + 1·8 + 1·3 + 5·10 + 2·2 + 4·5 + 3·7 + 6·6 + 0·1 = 223
    expect(223 % 11).toBe(3);
    expect(checkRegistrationNumber('90011524361')).toBe('checksum');
  });

  it('tells format problems from checksum problems', () => {
    expect(checkRegistrationNumber('9001152436')).toBe('format');
    expect(checkRegistrationNumber('900115243600')).toBe('format');
    expect(checkRegistrationNumber('9001152436a')).toBe('format');
    expect(checkRegistrationNumber('10011524360')).toBe('format'); // personal codes are not legal persons
    expect(checkVatNumber('LV90011524360')).toBeNull();
    expect(checkVatNumber('90011524360')).toBe('format');
    expect(checkVatNumber('LV90011524361')).toBe('checksum');
  });

  const tenDigits = fc.tuple(fc.integer({ min: 4, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })).map(([first, rest]) => `${first}${rest.join('')}`);

  it('completed numbers are valid (property)', () => {
    fc.assert(
      fc.property(tenDigits, (prefix) => {
        const full = completeRegistrationNumber(prefix);
        return full === null || isValidRegistrationNumber(full);
      }),
    );
  });

  it('detects every single-digit typo (property: 11 is prime and no weight is 0 mod 11)', () => {
    fc.assert(
      fc.property(tenDigits, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 9 }), (prefix, position, delta) => {
        const full = completeRegistrationNumber(prefix);
        fc.pre(full !== null);
        const digits = [...full!];
        digits[position] = String((Number(digits[position]) + delta) % 10);
        return !isValidRegistrationNumber(digits.join(''));
      }),
    );
  });
});
