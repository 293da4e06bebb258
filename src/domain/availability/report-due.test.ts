import { describe, expect, it } from 'vitest';
import { usedServiceIn } from './report-due.js';

describe('a month is reported for a municipality that used a service in it', () => {
  it('counts a subscription that began on the last day or ended on the first', () => {
    expect(usedServiceIn({ from: '2026-10-31', to: null }, '2026-10')).toBe(true);
    expect(usedServiceIn({ from: '2025-01-01', to: '2026-10-01' }, '2026-10')).toBe(true);
  });
  it('leaves out one that began after the month or ended before it', () => {
    expect(usedServiceIn({ from: '2026-11-01', to: null }, '2026-10')).toBe(false);
    expect(usedServiceIn({ from: '2025-01-01', to: '2026-09-30' }, '2026-10')).toBe(false);
  });
});
