import type { Actor } from '../../domain/actor.js';
import { parseUsageCsv } from '../../domain/billing/usage-csv.js';
import { MAX_USAGE_BATCH } from '../../domain/billing/usage.js';
import { validationError, type FieldError } from '../../domain/errors.js';
import { isValidRegistrationNumber } from '../../domain/registration-number.js';
import { scopeOf, requirePermission } from '../shared/authorize.js';
import { ingestUsage } from './ingest-usage.js';
import type { BillingDeps } from './ports.js';

export interface CsvImportReport {
  rows: number;
  accepted: number;
  duplicates: number;
  rejected: { line: number; id: string | null; errors: FieldError[] }[];
}

/**
 * Imports a provider's consumption report: each CSV row is a usage record (a municipality may be
 * named by its registration number), sent in batches of 10,000; rejected rows are reported by line.
 */
export async function importUsageCsv(deps: BillingDeps, actor: Actor, text: string): Promise<CsvImportReport> {
  requirePermission(actor, 'usage.write');
  const parsed = parseUsageCsv(text);
  if (!parsed.ok) throw validationError('file', parsed.problem.code, parsed.problem.message, parsed.problem.params);
  const tenants = await deps.store.run(scopeOf(actor), (tx) => deps.store.tenants.list(tx, null));
  const byRegistration = new Map(tenants.map((t) => [t.registrationNumber, t.id]));

  const report: CsvImportReport = { rows: parsed.rows.length, accepted: 0, duplicates: 0, rejected: [] };
  for (let start = 0; start < parsed.rows.length; start += MAX_USAGE_BATCH) {
    const chunk = parsed.rows.slice(start, start + MAX_USAGE_BATCH);
    const records = chunk.map(({ values }) => {
      const tenant = values.tenantId!;
      return { ...values, tenantId: isValidRegistrationNumber(tenant) ? (byRegistration.get(tenant) ?? tenant) : tenant };
    });
    const result = await ingestUsage(deps, actor, records);
    report.accepted += result.accepted;
    report.duplicates += result.duplicates;
    for (const r of result.rejected) report.rejected.push({ line: chunk[r.index]!.line, id: r.id, errors: r.errors });
  }
  return report;
}
