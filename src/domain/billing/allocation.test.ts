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

  // The remainders are recomputed here from pool × driver mod total, not read from the code under test.
  it('gives the leftover cents by largest remainder: everyone given an extra cent has a remainder at least as large as everyone not given one (property)', () => {
    fc.assert(
      fc.property(pool, parties, (p, list) => {
        const total = list.reduce((s, x) => s + x.driverUnits, 0n);
        const rows = allocate(p, list).map((share, i) => {
          const party = list[i]!;
          return { party, remainder: (p * party.driverUnits) % total, extra: share.cents - (p * party.driverUnits) / total };
        });
        const given = rows.filter((r) => r.extra === 1n);
        const notGiven = rows.filter((r) => r.extra === 0n);
        return given.every((g) =>
          notGiven.every((n) => {
            if (g.remainder !== n.remainder) return g.remainder > n.remainder;
            // Ties: the larger driver, then the lower registration number.
            if (g.party.driverUnits !== n.party.driverUnits) return g.party.driverUnits > n.party.driverUnits;
            return g.party.registrationNumber < n.party.registrationNumber;
          }),
        );
      }),
    );
  });

  it('breaks ties by driver, then registration number, when many remainders are equal (property)', () => {
    // Equal drivers in pairs make equal remainders common, so the tie-breaks are exercised.
    const paired = fc
      .uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 30 })
      .chain((regs) => fc.tuple(fc.constant(regs), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: regs.length, maxLength: regs.length })))
      .map(([regs, drivers]) => regs.map((reg, i) => ({ tenantId: `t${i}`, registrationNumber: String(90000000000 + reg), driverUnits: BigInt(drivers[i]!) })));
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1_000n }), paired, (p, list) => {
        const total = list.reduce((s, x) => s + x.driverUnits, 0n);
        const key = (party: AllocationParty) => [(p * party.driverUnits) % total, party.driverUnits, -BigInt(party.registrationNumber)] as const;
        const shares = allocate(p, list);
        const extra = (i: number) => shares[i]!.cents - (p * list[i]!.driverUnits) / total;
        for (let i = 0; i < list.length; i++) {
          for (let j = 0; j < list.length; j++) {
            if (extra(i) !== 1n || extra(j) !== 0n) continue;
            const [a, b] = [key(list[i]!), key(list[j]!)];
            const before = a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] > b[2];
            if (!before) return false;
          }
        }
        return true;
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
