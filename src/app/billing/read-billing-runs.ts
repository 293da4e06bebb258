import type { Actor } from '../../domain/actor.js';
import type { Statement } from '../../domain/billing/statement.js';
import { explainHosting, explainPoolShare, renderExplanation, type Explanation } from '../../domain/billing/explanation.js';
import { addMonths } from '../../domain/calendar/month.js';
import { notFound } from '../../domain/errors.js';
import { formatCents } from '../../domain/money.js';
import { byMunicipality, summarizeRun, type RunSummaryFigures } from '../../domain/billing/run-summary.js';
import { requirePermission, requireTenantAccess } from '../shared/authorize.js';
import type { BillingRunRecord, StoredStatement } from './billing-run-ports.js';
import { checkMonth } from '../../domain/calendar/month.js';
import type { BillingDeps } from './ports.js';
import { SYSTEM, type Tx } from '../shared/transaction.js';


export interface StatementLineView {
  kind: 'hosting' | 'administration';
  description: string;
  /** The line's English name as the statement was computed; null when the Latvian one serves. */
  descriptionEn: string | null;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  /** Deprecated: the Latvian sentence with dot decimals that scripts may already parse; kept as it was. */
  explanation: string;
  /** Why the line is what it is, as a code and its figures, for the reader's language. */
  structuredExplanation: Explanation;
}

export interface StatementView {
  tenantId: string;
  tenantName: string;
  lines: StatementLineView[];
  net: string;
  vat: string;
  vatRate: string;
  total: string;
  currency: 'EUR';
  invoiceIds: string[];
  /** What the same municipality was invoiced for the month before (null when nothing). */
  previousMonth: { net: string; total: string } | null;
}

/** A stored statement as the API shows it; its names, Latvian and English, are those it was computed with. */
export function presentStatement(s: StoredStatement, tenantName: string, previous: StoredStatement | undefined): StatementView {
  const st: Statement = s.statement;
  return {
    tenantId: s.tenantId,
    tenantName,
    lines: [
      ...st.hosting.map((l) => ({ kind: 'hosting' as const, description: `${l.provider}: ${l.resourceName}`, descriptionEn: l.resourceNameEn ? `${l.provider}: ${l.resourceNameEn}` : null, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, amount: formatCents(l.amountCents), explanation: `${l.quantity} ${l.unit} × ${l.unitPrice} EUR (${l.provider} tarifs)`, structuredExplanation: explainHosting(l) })),
      ...st.administration.map((l) => ({ kind: 'administration' as const, description: l.description, descriptionEn: l.descriptionEn ?? null, quantity: '1', unit: 'daļa', unitPrice: formatCents(l.amountCents), amount: formatCents(l.amountCents), explanation: `${renderExplanation(explainPoolShare(l, false), 'lv')}; fonds ${formatCents(l.poolCents)} EUR`, structuredExplanation: explainPoolShare(l, true) })),
    ],
    net: formatCents(st.netCents),
    vat: formatCents(st.vatCents),
    vatRate: st.vatRatePercent,
    total: formatCents(st.totalCents),
    currency: 'EUR',
    invoiceIds: s.invoiceIds,
    previousMonth: previous ? { net: formatCents(previous.statement.netCents), total: formatCents(previous.statement.totalCents) } : null,
  };
}

export async function listBillingRuns(deps: BillingDeps, actor: Actor, month: string | undefined): Promise<BillingRunRecord[]> {
  requirePermission(actor, 'billing_runs.read');
  if (month) checkMonth(month);
  return deps.store.run(SYSTEM, (tx) => deps.store.billingRuns.list(tx, month));
}

export interface SummaryFiguresView {
  hosting: string;
  administration: string;
  net: string;
  vat: string;
  total: string;
  previousTotal: string | null;
  change: string | null;
  changePercent: string | null;
}

const figuresView = (f: RunSummaryFigures): SummaryFiguresView => ({
  hosting: formatCents(f.hostingCents),
  administration: formatCents(f.administrationCents),
  net: formatCents(f.netCents),
  vat: formatCents(f.vatCents),
  total: formatCents(f.totalCents),
  previousTotal: f.previousTotalCents === null ? null : formatCents(f.previousTotalCents),
  change: f.changeCents === null ? null : formatCents(f.changeCents),
  changePercent: f.changePercent,
});

export interface RunSummaryView {
  rows: (SummaryFiguresView & { tenantId: string; tenantName: string; registrationNumber: string })[];
  total: SummaryFiguresView;
}

/** A run's statements in municipality order (byMunicipality), the order its invoices are numbered in. */
export async function statementsInOrder(deps: BillingDeps, tx: Tx, runId: string): Promise<{ stored: StoredStatement; name: string; registrationNumber: string }[]> {
  const tenants = new Map((await deps.store.tenants.list(tx, null)).map((t) => [t.id, t]));
  return (await deps.store.billingRuns.statements(tx, runId))
    .map((stored) => ({ stored, name: tenants.get(stored.tenantId)?.name ?? stored.tenantId, registrationNumber: tenants.get(stored.tenantId)?.registrationNumber ?? '' }))
    .sort(byMunicipality);
}

/**
 * A run with every statement, each compared with what the municipality was invoiced the month
 * before, and the summary table: one row per municipality in the order of the statements, then
 * the grand total.
 */
export async function getBillingRun(deps: BillingDeps, actor: Actor, runId: string): Promise<BillingRunRecord & { statements: StatementView[]; summary: RunSummaryView }> {
  requirePermission(actor, 'billing_runs.read');
  return deps.store.run(SYSTEM, async (tx) => {
    const run = await deps.store.billingRuns.get(tx, runId);
    if (!run) throw notFound('Billing run');
    const previous = await deps.store.billingRuns.invoicedStatements(tx, addMonths(run.month, -1));
    const ordered = await statementsInOrder(deps, tx, run.id);
    const statements = ordered.map(({ stored, name }) => presentStatement(stored, name, previous.get(stored.tenantId)));
    const { rows, total } = summarizeRun(ordered.map(({ stored }) => ({ statement: stored.statement, previousTotalCents: previous.get(stored.tenantId)?.statement.totalCents ?? null })));
    const summary = {
      rows: rows.map((row, i) => ({ tenantId: row.tenantId, tenantName: ordered[i]!.name, registrationNumber: ordered[i]!.registrationNumber, ...figuresView(row) })),
      total: figuresView(total),
    };
    return { ...run, statements, summary };
  });
}

/** A municipality's invoiced statements, month by month: what it pays and why. */
export async function tenantStatements(deps: BillingDeps, actor: Actor, tenantId: string, months: string[]): Promise<{ month: string; statement: StatementView | null }[]> {
  requirePermission(actor, 'statements.read');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(SYSTEM, async (tx) => {
    const tenant = await deps.store.tenants.get(tx, tenantId);
    if (!tenant) throw notFound('Municipality');
    const out = [];
    for (const month of months) checkMonth(month);
    for (const month of months) {
      const current = (await deps.store.billingRuns.invoicedStatements(tx, month)).get(tenantId);
      const before = (await deps.store.billingRuns.invoicedStatements(tx, addMonths(month, -1))).get(tenantId);
      out.push({ month, statement: current ? presentStatement(current, tenant.name, before) : null });
    }
    return out;
  });
}
