import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, NothingToAllocateOver, type AllocationParty } from './allocation.js';

const party = (tenantId: string, driver: number, registrationNumber = `9000000000${tenantId.slice(-1)}`): AllocationParty => ({ tenantId, registrationNumber, driverUnits: BigInt(driver) });

describe('cost pool allocation', () => {
  it('splits 100.00 by 1:1:1 as 33.34, 33.33, 33.33 — the tie goes to the lower registration number', () => {
    const shares = allocate(10_000n, [party('c', 5, '90000000003'), party('a', 5, '90000000001'), party('b', 5, '90000000002')]);
    expect(Object.fromEntries(shares.map((s) => [s.tenantId, s.cents]))).toEqual({ a: 3334n, b: 3333n, c: 3333n });
  });

  it('breaks equal remainders towards the larger driver before the registration number', () => {
    // 1.00 over drivers 1 and 3 of 4 → 0.25 and 0.75 exactly: no leftover.
    expect(allocate(100n, [party('a', 1), party('b', 3)]).map((s) => s.cents)).toEqual([25n, 75n]);
    // 0.10 over 3 and 6 of 9 → 0.0333… and 0.0666…: floors 3 and 6, one cent left; remainders 3 and 6 (of 9) → b.
    expect(allocate(10n, [party('a', 3), party('b', 6)]).map((s) => s.cents)).toEqual([3n, 7n]);
    // 0.05 over 2 and 2 with 1 (of 5): floors 2, 2, 1 → exact. 0.04 over 1,1,2 → 1,1,2 exact.
    // 0.01 over 412 and 412 → remainders tie, drivers tie: the lower registration number gets it.
    expect(allocate(1n, [party('b', 412, '90000000009'), party('a', 412, '90000000001')]).map((s) => s.cents)).toEqual([0n, 1n]);
  });

  it('explains "412 of 2,310 users" for a 5,000.00 pool by hand', () => {
    // 500000 × 412 / 2310 = 89177.48… → 89177 floor; the others: 1898 of 2310 → 410822.51… → 410822; leftover 1.
    const shares = allocate(500_000n, [party('x', 412), party('y', 1898)]);
    expect(shares.map((s) => s.cents)).toEqual([89_177n, 410_823n]);
  });

  it('refuses a pool with a zero driver total, and splits a zero pool into zeros', () => {
    expect(() => allocate(100n, [party('a', 0)])).toThrow(NothingToAllocateOver);
    expect(allocate(0n, [party('a', 0)])).toEqual([{ tenantId: 'a', cents: 0n }]);
  });

  const parties = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000 })), { minLength: 1, maxLength: 40, selector: ([reg]) => reg })
    .filter((list) => list.some(([, d]) => d > 0))
    .map((list) => list.map(([reg, d], i) => ({ tenantId: `t${i}`, registrationNumber: String(90000000000 + reg), driverUnits: BigInt(d) })));
  const pool = fc.bigInt({ min: 0n, max: 100_000_000_00n });

  it('always adds up to the pool exactly (property)', () => {
    fc.assert(fc.property(pool, parties, (p, list) => allocate(p, list).reduce((s, x) => s + x.cents, 0n) === p));
  });

  it('gives each share its exact proportion floored, or one cent more (property)', () => {
    fc.assert(
      fc.property(pool, parties, (p, list) => {
        const total = list.reduce((s, x) => s + x.driverUnits, 0n);
        return allocate(p, list).every((share, i) => {
          const floor = (p * list[i]!.driverUnits) / total;
          return share.cents === floor || share.cents === floor + 1n;
        });
      }),
    );
  });

  it('does not depend on the order tenants are listed in (property)', () => {
    fc.assert(
      fc.property(pool, parties, (p, list) => {
        const canonical = (shares: { tenantId: string; cents: bigint }[]) =>
          shares.map((s) => `${s.tenantId}=${s.cents}`).sort().join(',');
        return canonical(allocate(p, list)) === canonical(allocate(p, [...list].reverse()));
      }),
    );
  });
});
