/**
 * Five-year cost forecast for the agency's planning. From a base month's statements it projects,
 * year by year, every municipality's hosting (its volume grows with its users, priced with the
 * tariff change) and its share of the administration pools (split by users, largest remainder),
 * with new municipalities joining each year — so each one's share is seen to fall as others join.
 * Projections are rounded at each step: users to whole people, money to the cent.
 */
import { allocate } from './allocation.js';

export interface ForecastMunicipality {
  id: string;
  name: string;
  registrationNumber: string;
  users: number;
  /** Hosting in the base month. */
  monthlyHostingCents: bigint;
}

export interface ForecastScenario {
  years: number;
  newMunicipalitiesPerYear: number;
  /** Users of each joining municipality; default the median of today's. */
  newMunicipalityUsers?: number | undefined;
  /** Yearly growth of every municipality's users, percent (may be negative). */
  userGrowthPercent: number;
  /** Yearly change of the providers' tariffs, percent (may be negative). */
  tariffChangePercent: number;
  /** Yearly change of the administration pools, percent. */
  poolChangePercent: number;
}

export interface ForecastLine {
  id: string | null;
  name: string;
  /** For a municipality the scenario expects to join: the year and its number among that year's newcomers. */
  joining: { year: number; number: number } | null;
  users: number;
  hostingCents: bigint;
  administrationCents: bigint;
  totalCents: bigint;
}

export interface ForecastYear {
  year: number;
  municipalities: number;
  totalUsers: number;
  administrationPoolCents: bigint;
  lines: ForecastLine[];
}

/** n × (100 + percent) / 100, rounded half up (away from zero); exact for whole-cent and whole-user inputs. */
function grow(n: bigint, percent: number): bigint {
  const basisPoints = BigInt(Math.round(percent * 100)); // percent with two decimals, exact
  const numerator = n * (10_000n + basisPoints);
  const q = numerator / 10_000n;
  const r = numerator % 10_000n;
  return r * 2n >= 10_000n ? q + 1n : q;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function forecast(base: { year: number; municipalities: ForecastMunicipality[]; monthlyPoolCents: bigint }, scenario: ForecastScenario): ForecastYear[] {
  const totalUsers = base.municipalities.reduce((s, m) => s + m.users, 0);
  const totalHosting = base.municipalities.reduce((s, m) => s + m.monthlyHostingCents, 0n);
  // A joining municipality hosts like today's average user does: Σ hosting × 12 × users / Σ users, half up.
  const yearlyHostingFor = (users: bigint) => (totalUsers > 0 ? (totalHosting * 12n * users * 2n + BigInt(totalUsers)) / (2n * BigInt(totalUsers)) : 0n);
  const joiningUsers = scenario.newMunicipalityUsers ?? median(base.municipalities.map((m) => m.users));

  let members = base.municipalities.map((m) => ({ id: m.id as string | null, name: m.name, joining: null as ForecastLine['joining'], registrationNumber: m.registrationNumber, users: BigInt(m.users), yearlyHosting: m.monthlyHostingCents * 12n }));
  let pool = base.monthlyPoolCents * 12n;
  const years: ForecastYear[] = [];
  for (let y = 1; y <= scenario.years; y++) {
    members = members.map((m) => ({ ...m, users: grow(m.users, scenario.userGrowthPercent), yearlyHosting: grow(grow(m.yearlyHosting, scenario.userGrowthPercent), scenario.tariffChangePercent) }));
    for (let k = 1; k <= scenario.newMunicipalitiesPerYear; k++) {
      const users = BigInt(joiningUsers);
      let hosting = yearlyHostingFor(users);
      for (let t = 0; t < y; t++) hosting = grow(hosting, scenario.tariffChangePercent);
      members.push({ id: null, name: `Jauna pašvaldība ${base.year + y}-${k}`, joining: { year: base.year + y, number: k }, registrationNumber: `99999${String(y).padStart(3, '0')}${String(k).padStart(3, '0')}`, users, yearlyHosting: hosting });
    }
    pool = grow(pool, scenario.poolChangePercent);
    const shares = allocate(pool, members.map((m, i) => ({ tenantId: String(i), registrationNumber: m.registrationNumber, driverUnits: m.users })));
    years.push({
      year: base.year + y,
      municipalities: members.length,
      totalUsers: Number(members.reduce((s, m) => s + m.users, 0n)),
      administrationPoolCents: pool,
      lines: members.map((m, i) => ({ id: m.id, name: m.name, joining: m.joining, users: Number(m.users), hostingCents: m.yearlyHosting, administrationCents: shares[i]!.cents, totalCents: m.yearlyHosting + shares[i]!.cents })),
    });
  }
  return years;
}
