import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, formatCents, formatDecimal, formatDecimalLv, multiply, parseCents, parseDecimal, roundHalfUp, toCents } from './money.js';

const d = (text: string) => parseDecimal(text)!;

describe('exact money', () => {
  it('rounds half up to the cent', () => {
    expect(formatDecimal(roundHalfUp(d('2.345'), 2))).toBe('2.35');
    expect(formatDecimal(roundHalfUp(d('2.3449999'), 2))).toBe('2.34');
    expect(formatDecimal(roundHalfUp(d('-2.345'), 2))).toBe('-2.35');
    expect(formatDecimal(roundHalfUp(d('7'), 2))).toBe('7.00');
  });

  it('prices quantity × unit price exactly: 0.1 × 3 is 0.3, not 0.30000000000000004', () => {
    expect(formatDecimal(multiply(d('0.1'), d('3')))).toBe('0.3');
    // 1234.567 vCPU-hours × 0.012345 EUR = 15.240729615 → 15.24
    expect(formatCents(toCents(multiply(d('1234.567'), d('0.012345'))))).toBe('15.24');
  });

  it('parses and formats wire amounts', () => {
    expect(parseCents('1234.50')).toBe(123_450n);
    expect(parseCents('0.5')).toBe(50n);
    expect(parseCents('1.005')).toBeNull();
    expect(parseCents('1e3')).toBeNull();
    expect(formatCents(-5n)).toBe('-0.05');
  });

  it('adds without losing digits (property)', () => {
    const dec = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 })).map(([units, scale]) => ({ units, scale }));
    fc.assert(fc.property(dec, dec, (a, b) => formatDecimal(add(a, b)) === formatDecimal(add(b, a))));
  });
});

describe('formatDecimalLv', () => {
  it('groups thousands with a no-break space and writes a decimal comma, digits untouched', () => {
    expect(formatDecimalLv('1234567.50')).toBe('1\u00a0234\u00a0567,50');
    expect(formatDecimalLv('412')).toBe('412');
    expect(formatDecimalLv('2310')).toBe('2\u00a0310');
    expect(formatDecimalLv('0.012345')).toBe('0,012345');
    expect(formatDecimalLv('-1000.5')).toBe('-1\u00a0000,5');
  });

  it('only adds separators: removing them gives the number back', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.nat({ max: 999_999 }), (whole, fraction) => {
      const text = `${whole}.${fraction}`;
      expect(formatDecimalLv(text).replaceAll('\u00a0', '').replace(',', '.')).toBe(text);
    }));
  });
});
