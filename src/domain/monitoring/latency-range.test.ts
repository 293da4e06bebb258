import { describe, expect, it } from 'vitest';
import { latencyRangeBuckets } from './latency-range.js';

const at = (iso: string) => Date.parse(iso);
const isos = (xs: number[]) => xs.map((x) => new Date(x).toISOString());

describe('latency buckets', () => {
  it('draws a day in five-minute steps from the last whole five minutes', () => {
    const b = latencyRangeBuckets('24h', at('2026-12-15T12:03:00Z'), 'Europe/Riga');
    expect(b.bucket).toBe('5min');
    expect(new Date(b.from).toISOString()).toBe('2026-12-14T12:00:00.000Z');
    expect(b.starts).toHaveLength(289); // 12:00 yesterday … 12:00 today, the last still filling
    expect(new Date(b.starts.at(-1)!).toISOString()).toBe('2026-12-15T12:00:00.000Z');
  });

  it('draws a week per hour', () => {
    const b = latencyRangeBuckets('7d', at('2026-12-15T12:30:00Z'), 'Europe/Riga');
    expect(b.bucket).toBe('hour');
    expect(b.starts).toHaveLength(169);
    expect(new Date(b.from).toISOString()).toBe('2026-12-08T12:00:00.000Z');
  });

  it('draws 30 days per Riga day, from the midnight the range starts in', () => {
    const b = latencyRangeBuckets('30d', at('2026-12-15T12:00:00Z'), 'Europe/Riga');
    expect(b.bucket).toBe('day');
    // 15 Nov 14:00 in Riga → the day starts 15 Nov 00:00 EET = 14 Nov 22:00Z; 31 days to 15 Dec.
    expect(isos(b.starts.slice(0, 2))).toEqual(['2026-11-14T22:00:00.000Z', '2026-11-15T22:00:00.000Z']);
    expect(b.starts).toHaveLength(31);
  });

  it('lets a day be 25 hours when the clocks go back', () => {
    const b = latencyRangeBuckets('90d', at('2026-11-01T12:00:00Z'), 'Europe/Riga');
    const i = isos(b.starts).indexOf('2026-10-24T21:00:00.000Z'); // 25 Oct 00:00 EEST
    expect(isos(b.starts.slice(i, i + 2))).toEqual(['2026-10-24T21:00:00.000Z', '2026-10-25T22:00:00.000Z']);
    expect(b.starts).toHaveLength(91);
  });
});
