import type { Actor } from '../../domain/actor.js';
import type { InvoiceLineInput } from '../../domain/billing/invoice.js';
import type { Statement } from '../../domain/billing/statement.js';
import { explainPoolShare, renderExplanation } from '../../domain/billing/explanation.js';
import { fieldError, notFound, stateProblem } from '../../domain/errors.js';
import { formatCents } from '../../domain/money.js';
import { requirePermission } from '../shared/authorize.js';
import type { StoredStatement } from './billing-run-ports.js';
import { issueInvoice } from './issue-invoice.js';
import { statementsInOrder } from './read-billing-runs.js';
import type { BillingDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { SYSTEM } from '../shared/transaction.js';


/**
 * A statement's lines as invoice lines: hosting at the tariff's unit price, each pool share as one
 * line whose reason leaves out the pool's amount (see invoicedAlike).
 */
export function invoiceLines(statement: Statement): InvoiceLineInput[] {
  return [
    ...statement.hosting.filter((l) => l.amountCents !== 0n).map((l) => ({ description: `${l.provider}: ${l.resourceName}`, quantity: l.quantity, unitCode: l.unitCode, unitPrice: l.unitPrice })),
    ...statement.administration.filter((l) => l.amountCents !== 0n).map((l) => {
      const explanation = explainPoolShare(l, false);
      return { description: l.description, quantity: '1', unitCode: 'C62', unitPrice: formatCents(l.amountCents), note: renderExplanation(explanation, 'lv'), explanation };
    }),
  ];
}

/**
 * Whether a recomputed statement would be invoiced exactly as before: same lines, notes, VAT and
 * total. A pool's new amount can leave a municipality's share as it was (only the explanation's
 * pool figure moves); that is no reason for a credit note and a new invoice.
 */
const invoicedAlike = (a: Statement, b: Statement) =>
  a.vatRatePercent === b.vatRatePercent && a.totalCents === b.totalCents && JSON.stringify(invoiceLines(a)) === JSON.stringify(invoiceLines(b));

export interface FinalizedInvoice {
  id: string;
  number: string;
  tenantId: string;
  kind: 'invoice' | 'credit_note';
  total: string;
}

/** A correction: a credit note for each invoice the month had, then an invoice for the new statement. */
async function correct(deps: BillingDeps, tx: Tx, actor: Actor, month: string, runId: string, stored: StoredStatement, previous: StoredStatement | undefined): Promise<FinalizedInvoice[]> {
  if (previous && invoicedAlike(previous.statement, stored.statement)) return [];
  const issued: FinalizedInvoice[] = [];
  const replaced: string[] = [];
  for (const invoiceId of previous?.invoiceIds ?? []) {
    const original = await deps.store.invoices.get(tx, invoiceId);
    if (!original || original.kind !== 'invoice') continue;
    const credit = await issueInvoice(deps, tx, actor, {
      tenantId: stored.tenantId,
      month,
      kind: 'credit_note',
      billingRunId: runId,
      lines: original.document.lines.map(({ description, quantity, unitCode, unitPrice, note, explanation }) => ({ description, quantity, unitCode, unitPrice, note, explanation })),
      corrects: { id: original.id, number: original.number, issueDate: original.issueDate },
      notes: [{ code: 'credit_note_for', params: { invoice: original.number, month } }],
    });
    replaced.push(original.number);
    issued.push({ id: credit.id, number: credit.number, tenantId: credit.tenantId, kind: 'credit_note', total: formatCents(credit.totalCents) });
  }
  const lines = invoiceLines(stored.statement);
  if (lines.length > 0) {
    const invoice = await issueInvoice(deps, tx, actor, { tenantId: stored.tenantId, month, kind: 'invoice', billingRunId: runId, lines, notes: replaced.length ? [{ code: 'replaces_invoices', params: { invoices: replaced.join(', ') } }] : [] });
    issued.push({ id: invoice.id, number: invoice.number, tenantId: invoice.tenantId, kind: 'invoice', total: formatCents(invoice.totalCents) });
  }
  return issued;
}

/**
 * Turns a draft into invoices, numbered in the order of the run's summary (municipalities by name,
 * then registration number); a run with problems is refused. A regular run invoices every statement with a charge;
 * a correction run credits and re-invoices only the municipalities whose statement changed.
 */
export async function finalizeBillingRun(deps: BillingDeps, actor: Actor, runId: string): Promise<{ id: string; month: string; status: 'finalized'; invoices: FinalizedInvoice[] }> {
  requirePermission(actor, 'billing_runs.write');
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    const run = await deps.store.billingRuns.get(tx, runId, true);
    if (!run) throw notFound('Billing run');
    if (run.status !== 'draft') throw stateProblem('invalid_state', 'run_finalized', {}, 'The run is already finalized', [fieldError('status', 'finalized', 'is finalized')]);
    if (run.problems.length > 0) throw stateProblem(
        'invalid_state',
        'run_has_problems',
        { count: run.problems.length },
        `The run has ${run.problems.length} problem(s) to resolve first: ${run.problems.map((p) => p.message).join('; ')}`,
        // A run's problems are sentences of their own (shown on the run); here they only point at what to fix.
        run.problems,
      );
    const previous = run.kind === 'correction' ? await deps.store.billingRuns.invoicedStatements(tx, run.month) : new Map<string, StoredStatement>();
    // Numbered in the order of the run's summary table (byMunicipality), so the list reads in number order.
    const statements = (await statementsInOrder(deps, tx, run.id)).map((o) => o.stored);
    const invoices: FinalizedInvoice[] = [];
    for (const stored of statements) {
      let issued: FinalizedInvoice[];
      if (run.kind === 'correction') issued = await correct(deps, tx, actor, run.month, run.id, stored, previous.get(stored.tenantId));
      else {
        const lines = invoiceLines(stored.statement);
        issued = [];
        if (lines.length > 0) {
          const invoice = await issueInvoice(deps, tx, actor, { tenantId: stored.tenantId, month: run.month, kind: 'invoice', billingRunId: run.id, lines });
          issued.push({ id: invoice.id, number: invoice.number, tenantId: invoice.tenantId, kind: 'invoice', total: formatCents(invoice.totalCents) });
        }
      }
      // A statement left unchanged by a correction keeps pointing at the invoices it was billed on.
      const ids = run.kind === 'correction' && issued.length === 0 ? (previous.get(stored.tenantId)?.invoiceIds ?? []) : issued.filter((i) => i.kind === 'invoice').map((i) => i.id);
      await deps.store.billingRuns.setInvoices(tx, run.id, stored.tenantId, ids);
      invoices.push(...issued);
    }
    await deps.store.billingRuns.markFinalized(tx, run.id, now, actor.label);
    await recordAudit(deps, tx, actor, { action: 'billing_run.finalized', entityType: 'billing_run', entityId: run.id, tenantId: null, after: { month: run.month, kind: run.kind, invoices: invoices.map((i) => i.number) } });
    return { id: run.id, month: run.month, status: 'finalized', invoices };
  });
}
