import type { Actor } from '../../domain/actor.js';
import type { Statement } from '../../domain/billing/statement.js';
import { explainHosting, explainPoolShare, renderExplanation, type Explanation } from '../../domain/billing/explanation.js';
import { addMonths } from '../../domain/calendar/month.js';
import { notFound } from '../../domain/errors.js';
import { formatCents } from '../../domain/money.js';
import { requirePermission, requireTenantAccess } from '../shared/authorize.js';
import type { BillingRunRecord, StoredStatement } from './billing-run-ports.js';
import { checkMonth } from '../../domain/calendar/month.js';
import type { BillingDeps } from './ports.js';
import { SYSTEM, type Tx } from '../shared/transaction.js';


export interface StatementLineView {
  kind: 'hosting' | 'administration';
  description: string;
  /** The line's English name (the resource's or pool's current English variant); null when the Latvian one serves. */
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

/** Current English variants by resource code and pool id; statements store only the Latvian names. */
export interface EnglishNames {
  resources: Map<string, string>;
  pools: Map<string, string>;
}

const NO_ENGLISH: EnglishNames = { resources: new Map(), pools: new Map() };

async function englishNames(deps: BillingDeps, tx: Tx, months: string[]): Promise<EnglishNames> {
  const resources = new Map((await deps.store.billing.resources.list(tx)).flatMap((r) => (r.nameEn ? [[r.code, r.nameEn] as const] : [])));
  const pools = new Map<string, string>();
  for (const month of months) for (const p of await deps.store.billing.pools.list(tx, { month })) if (p.descriptionEn) pools.set(p.id, p.descriptionEn);
  return { resources, pools };
}

export function presentStatement(s: StoredStatement, tenantName: string, previous: StoredStatement | undefined, english: EnglishNames = NO_ENGLISH): StatementView {
  const st: Statement = s.statement;
  return {
    tenantId: s.tenantId,
    tenantName,
    lines: [
      ...st.hosting.map((l) => ({ kind: 'hosting' as const, description: `${l.provider}: ${l.resourceName}`, descriptionEn: english.resources.has(l.resource) ? `${l.provider}: ${english.resources.get(l.resource)}` : null, quantity: l.quantity, unit: l.unit, unitPrice: l.unitPrice, amount: formatCents(l.amountCents), explanation: `${l.quantity} ${l.unit} × ${l.unitPrice} EUR (${l.provider} tarifs)`, structuredExplanation: explainHosting(l) })),
      ...st.administration.map((l) => ({ kind: 'administration' as const, description: l.description, descriptionEn: english.pools.get(l.poolId) ?? null, quantity: '1', unit: 'daļa', unitPrice: formatCents(l.amountCents), amount: formatCents(l.amountCents), explanation: `${renderExplanation(explainPoolShare(l, false), 'lv')}; fonds ${formatCents(l.poolCents)} EUR`, structuredExplanation: explainPoolShare(l, true) })),
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

/** A run with every statement, each compared with what the municipality was invoiced the month before. */
export async function getBillingRun(deps: BillingDeps, actor: Actor, runId: string): Promise<BillingRunRecord & { statements: StatementView[] }> {
  requirePermission(actor, 'billing_runs.read');
  return deps.store.run(SYSTEM, async (tx) => {
    const run = await deps.store.billingRuns.get(tx, runId);
    if (!run) throw notFound('Billing run');
    const names = new Map((await deps.store.tenants.list(tx, null)).map((t) => [t.id, t.name]));
    const previous = await deps.store.billingRuns.invoicedStatements(tx, addMonths(run.month, -1));
    const english = await englishNames(deps, tx, [run.month]);
    const statements = (await deps.store.billingRuns.statements(tx, run.id)).map((s) => presentStatement(s, names.get(s.tenantId) ?? s.tenantId, previous.get(s.tenantId), english)).sort((a, b) => a.tenantName.localeCompare(b.tenantName, 'lv'));
    return { ...run, statements };
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
    const english = await englishNames(deps, tx, months);
    for (const month of months) {
      const current = (await deps.store.billingRuns.invoicedStatements(tx, month)).get(tenantId);
      const before = (await deps.store.billingRuns.invoicedStatements(tx, addMonths(month, -1))).get(tenantId);
      out.push({ month, statement: current ? presentStatement(current, tenant.name, before, english) : null });
    }
    return out;
  });
}
