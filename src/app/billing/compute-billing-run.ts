import type { Actor } from '../../domain/actor.js';
import { agreementForMonth } from '../../domain/agreement.js';
import { computeStatements, type HostingUsage, type Statement, type StatementProblem, type StatementTenant } from '../../domain/billing/statement.js';
import { localDateOf } from '../../domain/calendar/local-time.js';
import { notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { parseCents } from '../../domain/money.js';
import { requirePermission } from '../shared/authorize.js';
import type { BillingRunRecord } from './billing-run-ports.js';
import { BILLING_ZONE } from './billing-zone.js';
import { vatRateOn } from '../../domain/billing/vat.js';
import { lastDayOf, monthHasEnded, monthInterval } from '../../domain/calendar/month.js';
import type { BillingDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';


/**
 * Everything a month's statements are made of, read in one transaction: municipalities with an
 * agreement in force that month, their priced usage, the last `active_users` value, the pools.
 * Usage that cannot be priced or belongs to no agreement becomes a problem, never a silent zero.
 */
export async function computeMonth(deps: Pick<BillingDeps, 'store'>, tx: Tx, month: string): Promise<{ statements: Statement[]; problems: StatementProblem[]; tenants: StatementTenant[]; poolCents: bigint }> {
  const { from, to } = monthInterval(BILLING_ZONE, month);
  const problems: StatementProblem[] = [];
  const users = await deps.store.billingRuns.activeUsers(tx, from, to);
  const all = await deps.store.tenants.list(tx, null);
  const tenants: StatementTenant[] = [];
  for (const tenant of all) {
    const agreement = agreementForMonth(await deps.store.agreements.listCurrent(tx, tenant.id), month);
    if (agreement) tenants.push({ id: tenant.id, name: tenant.name, registrationNumber: tenant.registrationNumber, vatExempt: agreement.vatExempt, activeUsers: users.get(tenant.id) ?? null });
  }
  const names = new Map(all.map((t) => [t.id, t.name]));
  const eligible = new Set(tenants.map((t) => t.id));
  const hosting: HostingUsage[] = [];
  for (const u of await deps.store.billingRuns.pricedUsage(tx, from, to, BILLING_ZONE)) {
    const day = localDateOf(BILLING_ZONE, u.firstPeriodStart.getTime());
    if (u.unitPrice === null) {
      const municipality = names.get(u.tenantId) ?? u.tenantId;
      problems.push(fieldError('tariffs', 'no_tariff', `No tariff for ${u.provider} ${u.resource} on ${day}: ${u.records} usage record(s) of ${municipality} cannot be priced`, { provider: u.provider, resource: u.resource, day, records: u.records, municipality }));
    } else if (!eligible.has(u.tenantId)) {
      const municipality = names.get(u.tenantId) ?? u.tenantId;
      problems.push(fieldError('usage', 'usage_without_agreement', `${municipality} used ${u.provider} ${u.resource} in ${month} (from ${day}) but has no agreement in force that month`, { municipality, provider: u.provider, resource: u.resource, month, day }));
    } else {
      hosting.push({ tenantId: u.tenantId, provider: u.provider, resource: u.resource, resourceName: u.resourceName, resourceNameEn: u.resourceNameEn, unit: u.unit, unitCode: u.unitCode, unitPrice: u.unitPrice, quantity: u.quantity });
    }
  }
  const pools = (await deps.store.billingRuns.pools(tx, month)).map((p) => ({ id: p.id, description: p.description, descriptionEn: p.descriptionEn, driver: p.driver, amountCents: parseCents(p.amount) ?? 0n }));
  // The same day as issue-invoice.ts takes the rate on, so a statement and its invoice agree.
  const computed = computeStatements({ tenants, hosting, pools, vatRatePercent: vatRateOn(lastDayOf(month)) });
  return { statements: computed.statements, problems: [...problems, ...computed.problems], tenants, poolCents: pools.reduce((sum, p) => sum + p.amountCents, 0n) };
}

function requireEnded(deps: Pick<BillingDeps, 'clock'>, month: string): void {
  if (monthHasEnded(BILLING_ZONE, month, deps.clock.now())) return;
  const { to } = monthInterval(BILLING_ZONE, month);
  throw stateProblem('invalid_state', 'month_not_ended', { month, endsAt: to.toISOString() }, `${month} has not ended yet (it ends ${to.toISOString()}); a run needs the whole month`, [fieldError('month', 'month_not_ended', 'has not ended')]);
}

/** A draft run for an ended month; after the month was finalised, a correction draft. */
export async function createBillingRun(deps: BillingDeps, actor: Actor, month: string): Promise<BillingRunRecord> {
  requirePermission(actor, 'billing_runs.write');
  requireEnded(deps, month);
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const runs = await deps.store.billingRuns.list(tx, month);
    const draft = runs.find((r) => r.status === 'draft');
    if (draft) throw stateProblem('conflict', 'draft_run_exists', { month, runId: draft.id }, `${month} already has a draft run (${draft.id}); recompute or finalize it`, [fieldError('month', 'draft_run_exists', `has a draft run already: ${draft.id}`, { runId: draft.id })]);
    const kind = runs.some((r) => r.status === 'finalized' && r.kind === 'regular') ? 'correction' : 'regular';
    const { statements, problems } = await computeMonth(deps, tx, month);
    const run = await deps.store.billingRuns.insert(tx, { month, kind, problems, computedAt: now.toISOString(), createdBy: actor.label });
    await deps.store.billingRuns.replaceDraft(tx, run.id, problems, now, statements);
    await recordAudit(deps, tx, actor, { action: 'billing_run.created', entityType: 'billing_run', entityId: run.id, tenantId: null, after: { month, kind, statements: statements.length, problems } });
    return run;
  });
}

/** Computes a draft again from the current usage, tariffs and pools. */
export async function recomputeBillingRun(deps: BillingDeps, actor: Actor, runId: string): Promise<BillingRunRecord> {
  requirePermission(actor, 'billing_runs.write');
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const run = await deps.store.billingRuns.get(tx, runId, true);
    if (!run) throw notFound('Billing run');
    if (run.status !== 'draft') throw stateProblem('invalid_state', 'run_finalized', {}, 'A finalized run cannot be recomputed; create a correction run for the month', [fieldError('status', 'finalized', 'is finalized')]);
    const { statements, problems } = await computeMonth(deps, tx, run.month);
    await deps.store.billingRuns.replaceDraft(tx, run.id, problems, now, statements);
    await recordAudit(deps, tx, actor, { action: 'billing_run.recomputed', entityType: 'billing_run', entityId: run.id, tenantId: null, after: { statements: statements.length, problems } });
    return (await deps.store.billingRuns.get(tx, run.id))!;
  });
}
