import { describe, expect, it } from 'vitest';
import { changePercent, summarizeRun } from './run-summary.js';

const statement = (tenantId: string, hosting: bigint, administration: bigint, vat: bigint) => ({ tenantId, hostingCents: hosting, administrationCents: administration, netCents: hosting + administration, vatCents: vat, totalCents: hosting + administration + vat });

describe('billing run summary', () => {
  it('rounds the change in percent half away from zero to one decimal', () => {
    expect(changePercent(1n, 8n)).toBe('12.5'); // 12.5 exactly
    expect(changePercent(1n, 3n)).toBe('33.3');
    expect(changePercent(2n, 3n)).toBe('66.7');
    expect(changePercent(-1n, 16n)).toBe('-6.3'); // -6.25
    expect(changePercent(0n, 100n)).toBe('0.0');
    expect(changePercent(5n, 0n)).toBeNull();
  });

  it('sums every column into the grand total, comparing only what had a month before', () => {
    const { rows, total } = summarizeRun([
      { statement: statement('a', 1000n, 15203n, 3533n), previousTotalCents: 18000n },
      { statement: statement('b', 0n, 7401n, 1554n), previousTotalCents: null },
    ]);
    expect(rows.map((r) => [r.tenantId, r.totalCents, r.changeCents, r.changePercent])).toEqual([
      ['a', 19736n, 1736n, '9.6'],
      ['b', 8955n, null, null],
    ]);
    expect(total).toMatchObject({ hostingCents: 1000n, administrationCents: 22604n, netCents: 23604n, vatCents: 5087n, totalCents: 28691n, previousTotalCents: 18000n, changeCents: 10691n, changePercent: '59.4' });
  });
});
