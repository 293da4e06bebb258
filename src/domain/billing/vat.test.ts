import { describe, expect, it } from 'vitest';
import { KopaError } from '../errors.js';
import { vatRateOn, type VatRule } from './vat.js';

describe('VAT rate on a day', () => {
  it('is 21 % under the rule in force since 1 July 2012', () => {
    expect(vatRateOn('2012-07-01')).toBe('21');
    expect(vatRateOn('2026-12-31')).toBe('21');
  });

  it('is unknown before the first rule, never a silent default', () => {
    expect(() => vatRateOn('2012-06-30')).toThrow(KopaError);
  });

  it('changes on the first day of a new rule and not a day earlier', () => {
    // A made-up change of the law, to show the table decides by the day, rules oldest first.
    const rules: VatRule[] = [{ from: '2012-07-01', ratePercent: '21' }, { from: '2027-01-01', ratePercent: '23.5' }];
    expect(vatRateOn('2026-12-31', rules)).toBe('21');
    expect(vatRateOn('2027-01-01', rules)).toBe('23.5');
    expect(vatRateOn('2030-05-05', rules)).toBe('23.5');
  });
});
