/**
 * Splits a cost pool over tenants by a driver (DESIGN.md): floor every share to the cent,
 * then hand out the leftover cents one each by largest remainder; ties go to the larger
 * driver value, then to the lower registration number. The shares always add up to the pool.
 */
export interface AllocationParty {
  tenantId: string;
  registrationNumber: string;
  /** Driver value as an exact non-negative decimal: units at `scale` decimals. */
  driverUnits: bigint;
}

export interface AllocationShare {
  tenantId: string;
  cents: bigint;
}

export class NothingToAllocateOver extends Error {
  constructor() {
    super('The driver adds up to zero, so the pool has nothing to be split by');
  }
}

export function allocate(poolCents: bigint, parties: AllocationParty[]): AllocationShare[] {
  if (poolCents < 0n) throw new Error('A pool is not negative');
  if (parties.some((p) => p.driverUnits < 0n)) throw new Error('Driver values are not negative');
  const total = parties.reduce((sum, p) => sum + p.driverUnits, 0n);
  if (total === 0n) {
    if (poolCents === 0n) return parties.map((p) => ({ tenantId: p.tenantId, cents: 0n }));
    throw new NothingToAllocateOver();
  }
  // share_i = pool × driver_i / total, exactly as a fraction; floor it, keep the remainder.
  const rows = parties.map((p) => {
    const numerator = poolCents * p.driverUnits;
    return { party: p, cents: numerator / total, remainder: numerator % total };
  });
  let leftover = poolCents - rows.reduce((sum, r) => sum + r.cents, 0n);
  const order = [...rows].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.party.driverUnits !== b.party.driverUnits) return a.party.driverUnits > b.party.driverUnits ? -1 : 1;
    return a.party.registrationNumber < b.party.registrationNumber ? -1 : a.party.registrationNumber > b.party.registrationNumber ? 1 : 0;
  });
  for (const row of order) {
    if (leftover === 0n) break;
    row.cents += 1n;
    leftover -= 1n;
  }
  return rows.map((r) => ({ tenantId: r.party.tenantId, cents: r.cents }));
}
