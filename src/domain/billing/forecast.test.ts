import { describe, expect, it } from 'vitest';
import { forecast } from './forecast.js';

const base = {
  year: 2026,
  monthlyPoolCents: 100_000n, // 1,000.00 a month → 12,000.00 a year
  municipalities: [
    { id: 'a', name: 'A', registrationNumber: '90000000001', users: 400, monthlyHostingCents: 10_000n },
    { id: 'b', name: 'B', registrationNumber: '90000000002', users: 600, monthlyHostingCents: 5_000n },
  ],
};

describe('five-year forecast', () => {
  it('shows each municipality’s administration share fall as others join (hand-computed)', () => {
    const years = forecast(base, { years: 2, newMunicipalitiesPerYear: 1, userGrowthPercent: 0, tariffChangePercent: 0, poolChangePercent: 0 });
    // 2027: A 400, B 600 and a newcomer with the median 500 users: 1,500 users share 12,000.00 →
    // A 3,200.00, B 4,800.00, new 4,000.00. The newcomer hosts like today's average user:
    // 150.00 a month over 1,000 users = 0.15 a user a month → 500 × 0.15 × 12 = 900.00 a year.
    expect(years[0]!.lines.map((l) => [l.name, l.users, l.hostingCents, l.administrationCents])).toEqual([
      ['A', 400, 120_000n, 320_000n],
      ['B', 600, 60_000n, 480_000n],
      ['Jauna pašvaldība 2027-1', 500, 90_000n, 400_000n],
    ]);
    // 2028: another 500 join; 2,000 users: A 2,400.00, B 3,600.00, each newcomer 3,000.00.
    expect(years[1]!.lines.map((l) => l.administrationCents)).toEqual([240_000n, 360_000n, 300_000n, 300_000n]);
    expect(years[1]).toMatchObject({ year: 2028, municipalities: 4, totalUsers: 2000, administrationPoolCents: 1_200_000n });
    expect(years[1]!.lines.map((l) => l.joining)).toEqual([null, null, { year: 2027, number: 1 }, { year: 2028, number: 1 }]);
  });

  it('grows users, tariffs and pools year by year, rounding each step', () => {
    const one = { ...base, municipalities: [{ id: 'a', name: 'A', registrationNumber: '90000000001', users: 333, monthlyHostingCents: 1_001n }] };
    const years = forecast(one, { years: 2, newMunicipalitiesPerYear: 0, userGrowthPercent: 10, tariffChangePercent: -5, poolChangePercent: 2.5 });
    // Users 333 → 366.3 → 366 → 402.6 → 403. Hosting 120.12 a year → ×1.10 = 132.132 → 132.13 → ×0.95 = 125.5235 → 125.52;
    // then ×1.10 = 138.072 → 138.07 → ×0.95 = 131.1665 → 131.17. Pool 12,000.00 → 12,300.00 → 12,607.50.
    expect(years.map((y) => [y.lines[0]!.users, y.lines[0]!.hostingCents, y.administrationPoolCents])).toEqual([
      [366, 12_552n, 1_230_000n],
      [403, 13_117n, 1_260_750n],
    ]);
    // Alone, A carries the whole pool.
    expect(years[1]!.lines[0]!.totalCents).toBe(13_117n + 1_260_750n);
  });
});
