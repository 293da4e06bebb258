/**
 * A billing run at a glance: per municipality hosting, administration, net, VAT and total, and how
 * the total moved against what the same municipality was invoiced the month before; then the
 * run's grand total. Exact cents; the change in percent to one decimal, round half up.
 */
import { formatDecimal } from '../money.js';
import type { Statement } from './statement.js';

export interface RunSummaryInput {
  statement: Pick<Statement, 'tenantId' | 'hostingCents' | 'administrationCents' | 'netCents' | 'vatCents' | 'totalCents'>;
  /** The total the municipality was invoiced for the month before, null when it was not. */
  previousTotalCents: bigint | null;
}

export interface RunSummaryFigures {
  hostingCents: bigint;
  administrationCents: bigint;
  netCents: bigint;
  vatCents: bigint;
  totalCents: bigint;
  previousTotalCents: bigint | null;
  /** total − previous total; null without a previous month. */
  changeCents: bigint | null;
  /** The change as a percentage of the previous total ("12.5", "-3.0"); null without one or from zero. */
  changePercent: string | null;
}

export interface RunSummaryRow extends RunSummaryFigures {
  tenantId: string;
}

/** change / previous × 100 to one decimal, half away from zero. */
export function changePercent(changeCents: bigint, previousCents: bigint): string | null {
  if (previousCents <= 0n) return null;
  const negative = changeCents < 0n;
  const tenthsTimesPrevious = (negative ? -changeCents : changeCents) * 1000n;
  let tenths = tenthsTimesPrevious / previousCents;
  if ((tenthsTimesPrevious % previousCents) * 2n >= previousCents) tenths += 1n;
  return formatDecimal({ units: negative ? -tenths : tenths, scale: 1 });
}

function figures(f: Omit<RunSummaryFigures, 'changeCents' | 'changePercent'>): RunSummaryFigures {
  const changeCents = f.previousTotalCents === null ? null : f.totalCents - f.previousTotalCents;
  return { ...f, changeCents, changePercent: changeCents === null ? null : changePercent(changeCents, f.previousTotalCents!) };
}

/**
 * Rows in the order given (the order invoices are numbered in); the grand total's previous figure
 * sums the same municipalities' previous totals, and is null only when none of them had one.
 */
export function summarizeRun(inputs: RunSummaryInput[]): { rows: RunSummaryRow[]; total: RunSummaryFigures } {
  const rows = inputs.map(({ statement: s, previousTotalCents }) => ({
    tenantId: s.tenantId,
    ...figures({ hostingCents: s.hostingCents, administrationCents: s.administrationCents, netCents: s.netCents, vatCents: s.vatCents, totalCents: s.totalCents, previousTotalCents }),
  }));
  const sum = (pick: (r: RunSummaryRow) => bigint) => rows.reduce((acc, r) => acc + pick(r), 0n);
  const anyPrevious = rows.some((r) => r.previousTotalCents !== null);
  const total = figures({
    hostingCents: sum((r) => r.hostingCents),
    administrationCents: sum((r) => r.administrationCents),
    netCents: sum((r) => r.netCents),
    vatCents: sum((r) => r.vatCents),
    totalCents: sum((r) => r.totalCents),
    previousTotalCents: anyPrevious ? sum((r) => r.previousTotalCents ?? 0n) : null,
  });
  return { rows, total };
}

/**
 * The order of a run's municipalities everywhere: the summary, the drill-down and the invoice
 * numbers issued on finalising. By name as Latvian sorts it, then registration number, so that
 * the order never depends on how the database returned the rows.
 */
export function byMunicipality(a: { name: string; registrationNumber: string }, b: { name: string; registrationNumber: string }): number {
  return a.name.localeCompare(b.name, 'lv') || (a.registrationNumber < b.registrationNumber ? -1 : a.registrationNumber > b.registrationNumber ? 1 : 0);
}
