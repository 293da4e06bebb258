/**
 * A month's statement per municipality, exactly as DESIGN.md defines it: hosting lines per
 * (provider, resource, unit price) at round_half_up(Σ quantity × price, 2); each cost pool split
 * over the municipalities by its driver (largest remainder, ties to the larger driver, then the
 * lower registration number); net = hosting + administration; VAT = round_half_up(net × 21 %, 2)
 * unless exempt; total = net + VAT.
 */
import { allocate, type AllocationParty } from './allocation.js';
import type { PoolDriver } from './catalogue.js';
import { vatCents } from './invoice.js';
import { formatDecimal, multiply, parseDecimal, rescale, roundHalfUp, type Decimal } from '../money.js';
import { fieldError, type FieldError } from '../errors.js';

export interface StatementTenant {
  id: string;
  name: string;
  registrationNumber: string;
  vatExempt: boolean;
  /** The month's `active_users` gauge (last value reported), if any. */
  activeUsers: string | null;
}

export interface HostingUsage {
  tenantId: string;
  provider: string;
  resource: string;
  resourceName: string;
  /** The resource's English name when it had one as the statement was computed (absent in statements computed before names had one). */
  resourceNameEn?: string | null;
  /** Human unit shown on the statement, e.g. "vCPU h". */
  unit: string;
  unitCode: string;
  /** The tariff's unit price, exact, up to 6 decimals. */
  unitPrice: string;
  /** Σ quantity of the month's records priced at this unit price. */
  quantity: string;
}

export interface PoolInput {
  id: string;
  description: string;
  descriptionEn?: string | null;
  amountCents: bigint;
  driver: PoolDriver;
}

export interface HostingLine extends Omit<HostingUsage, 'tenantId'> {
  amountCents: bigint;
}

export interface AdministrationLine {
  poolId: string;
  description: string;
  /** The pool's English description as the statement was computed, like `description`. */
  descriptionEn?: string | null;
  driver: PoolDriver;
  /** This municipality's driver value and everyone's, as exact decimals ("412" of "2310"). */
  driverValue: string;
  driverTotal: string;
  poolCents: bigint;
  amountCents: bigint;
}

export interface Statement {
  tenantId: string;
  hosting: HostingLine[];
  administration: AdministrationLine[];
  hostingCents: bigint;
  administrationCents: bigint;
  netCents: bigint;
  vatRatePercent: string;
  vatCents: bigint;
  totalCents: bigint;
}

/** What stops a run being finalised, as a field problem with its code (no_tariff, usage_without_agreement, pool_driver_zero). */
export type StatementProblem = FieldError;

const dec = (text: string): Decimal => parseDecimal(text) ?? { units: 0n, scale: 0 };
const sameScale = (values: Decimal[]): { scale: number; units: bigint[] } => {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  return { scale, units: values.map((v) => rescale(v, scale).units) };
};

function driverValues(driver: PoolDriver, tenants: StatementTenant[], hostingCents: Map<string, bigint>): Decimal[] {
  switch (driver) {
    case 'active_users':
      return tenants.map((t) => dec(t.activeUsers ?? '0'));
    case 'even':
      return tenants.map(() => ({ units: 1n, scale: 0 }));
    case 'hosting_cost':
      return tenants.map((t) => ({ units: hostingCents.get(t.id) ?? 0n, scale: 2 }));
  }
}

/** Every municipality's statement for the month; problems (nothing to split a pool by) stop the run. */
export function computeStatements(input: { tenants: StatementTenant[]; hosting: HostingUsage[]; pools: PoolInput[]; vatRatePercent: string }): { statements: Statement[]; problems: StatementProblem[] } {
  const problems: StatementProblem[] = [];
  const hostingByTenant = new Map<string, HostingLine[]>();
  for (const u of input.hosting) {
    const amountCents = roundHalfUp(multiply(dec(u.quantity), dec(u.unitPrice)), 2).units;
    const { tenantId: _t, ...line } = u;
    hostingByTenant.set(u.tenantId, [...(hostingByTenant.get(u.tenantId) ?? []), { ...line, amountCents }]);
  }
  const hostingCents = new Map([...hostingByTenant].map(([id, lines]) => [id, lines.reduce((s, l) => s + l.amountCents, 0n)]));

  const administration = new Map<string, AdministrationLine[]>(input.tenants.map((t) => [t.id, []]));
  input.pools.forEach((pool, index) => {
    const { scale, units } = sameScale(driverValues(pool.driver, input.tenants, hostingCents));
    const parties: AllocationParty[] = input.tenants.map((t, i) => ({ tenantId: t.id, registrationNumber: t.registrationNumber, driverUnits: units[i]! }));
    const total = units.reduce((s, u) => s + u, 0n);
    if (total === 0n && pool.amountCents > 0n) {
      problems.push(fieldError(`pools[${index}]`, 'pool_driver_zero', `“${pool.description}” cannot be split: its driver ${pool.driver} adds up to zero this month`, { pool: pool.description, driver: pool.driver }));
      return;
    }
    const shares = allocate(pool.amountCents, parties);
    shares.forEach((share, i) =>
      administration.get(share.tenantId)!.push({
        poolId: pool.id,
        description: pool.description,
        descriptionEn: pool.descriptionEn ?? null,
        driver: pool.driver,
        driverValue: formatDecimal({ units: units[i]!, scale }),
        driverTotal: formatDecimal({ units: total, scale }),
        poolCents: pool.amountCents,
        amountCents: share.cents,
      }),
    );
  });

  const statements = input.tenants.map((t): Statement => {
    const hosting = hostingByTenant.get(t.id) ?? [];
    const admin = administration.get(t.id) ?? [];
    const hostingTotal = hosting.reduce((s, l) => s + l.amountCents, 0n);
    const adminTotal = admin.reduce((s, l) => s + l.amountCents, 0n);
    const net = hostingTotal + adminTotal;
    const rate = t.vatExempt ? '0' : input.vatRatePercent;
    const vat = vatCents(net, rate);
    return { tenantId: t.id, hosting, administration: admin, hostingCents: hostingTotal, administrationCents: adminTotal, netCents: net, vatRatePercent: rate, vatCents: vat, totalCents: net + vat };
  });
  return { statements, problems };
}

/** JSON has no bigint: cents rest as integer strings. */
export function statementToJson(s: Statement): unknown {
  return JSON.parse(JSON.stringify(s, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

export function statementFromJson(json: unknown): Statement {
  type Raw = Omit<Statement, 'hosting' | 'administration' | 'hostingCents' | 'administrationCents' | 'netCents' | 'vatCents' | 'totalCents'> & {
    hosting: (Omit<HostingLine, 'amountCents'> & { amountCents: string })[];
    administration: (Omit<AdministrationLine, 'amountCents' | 'poolCents'> & { amountCents: string; poolCents: string })[];
    hostingCents: string;
    administrationCents: string;
    netCents: string;
    vatCents: string;
    totalCents: string;
  };
  const raw = json as Raw;
  return {
    ...raw,
    hosting: raw.hosting.map((l) => ({ ...l, amountCents: BigInt(l.amountCents) })),
    administration: raw.administration.map((l) => ({ ...l, amountCents: BigInt(l.amountCents), poolCents: BigInt(l.poolCents) })),
    hostingCents: BigInt(raw.hostingCents),
    administrationCents: BigInt(raw.administrationCents),
    netCents: BigInt(raw.netCents),
    vatCents: BigInt(raw.vatCents),
    totalCents: BigInt(raw.totalCents),
  };
}
