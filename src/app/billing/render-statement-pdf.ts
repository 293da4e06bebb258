import type { Actor } from '../../domain/actor.js';
import { localDateOf } from '../../domain/calendar/local-time.js';
import { notFound } from '../../domain/errors.js';
import { DEFAULT_LANGUAGE, type Language } from '../../domain/locale.js';
import { scopeOf } from '../shared/authorize.js';
import { renderPdf } from '../documents/pdf.js';
import { statementDocument } from '../documents/statement-pdf.js';
import type { BillingDeps } from './ports.js';
import { tenantStatements } from './read-billing-runs.js';
import { BILLING_ZONE } from './billing-zone.js';

/** A municipality's invoiced statement for a month as a PDF in the reader's language, with the invoices it went on. */
export async function statementPdf(deps: BillingDeps, actor: Actor, tenantId: string, month: string, language: Language = DEFAULT_LANGUAGE): Promise<{ filename: string; pdf: Buffer }> {
  const [entry] = await tenantStatements(deps, actor, tenantId, [month]);
  if (!entry?.statement) throw notFound('Invoiced statement for the month');
  const statement = entry.statement;
  const invoiceNumbers = await deps.store.run(scopeOf(actor), async (tx) => {
    const numbers: string[] = [];
    for (const id of statement.invoiceIds) {
      const invoice = await deps.store.invoices.get(tx, id);
      if (invoice) numbers.push(invoice.number);
    }
    return numbers;
  });
  const generatedOn = localDateOf(BILLING_ZONE, deps.clock.now().getTime());
  const pdf = await renderPdf(statementDocument({ month, statement, invoiceNumbers, generatedOn, language }));
  return { filename: `${language === 'lv' ? 'kopa-izmaksas' : 'kopa-costs'}-${month}.pdf`, pdf };
}
