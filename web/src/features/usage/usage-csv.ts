import { parseUsageCsv } from '../../../../src/domain/billing/usage-csv';
import type { FieldProblem } from '../../../../src/domain/errors';
import { isValidRegistrationNumber } from '../../../../src/domain/registration-number';
export const USAGE_COLUMNS = ['id', 'tenantId', 'provider', 'resource', 'quantity', 'periodStart', 'periodEnd'] as const;
export type UsageColumn = (typeof USAGE_COLUMNS)[number];
/**
 * One row of a provider's report as the browser read it. The API takes records it checks one by
 * one (its schema says only `unknown[]`), so the row is sent as read and each answer names the bad field.
 */
export type UsageRecord = Record<UsageColumn, string>;
export const USAGE_BATCH = 10_000;

/**
 * The records of a provider report, read by the same parser as `kopa usage import` (src/domain):
 * columns in any order, `tenant`/`registrationNumber` for `tenantId`, a decimal comma in a semicolon
 * file. A municipality named by its registration number is sent as its id, as the CLI does; the
 * file's own problem (empty, unknown or missing columns) comes back as a field problem to word.
 */
export function usageRecords(text: string, idByRegistrationNumber: ReadonlyMap<string, string>): { records: UsageRecord[]; problem: FieldProblem | null } {
  const parsed = parseUsageCsv(text);
  if (!parsed.ok) return { records: [], problem: parsed.problem };
  const records = parsed.rows.map(({ values }) => {
    const tenant = values.tenantId ?? '';
    const tenantId = isValidRegistrationNumber(tenant) ? (idByRegistrationNumber.get(tenant) ?? tenant) : tenant;
    return Object.fromEntries(USAGE_COLUMNS.map((c) => [c, c === 'tenantId' ? tenantId : (values[c] ?? '')])) as UsageRecord;
  });
  return { records, problem: null };
}

export function batches<T>(items: T[], size = USAGE_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function cell(value: string): string {
  return /[",\n\r;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(rows: string[][]): string {
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Offers text as a file download (made in the browser). */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
