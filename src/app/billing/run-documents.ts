import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/actor.js';
import { notFound, stateProblem } from '../../domain/errors.js';
import { DEFAULT_LANGUAGE, type Language } from '../../domain/locale.js';
import { invoiceDocument } from '../documents/invoice-pdf.js';
import { renderPdf } from '../documents/pdf.js';
import { worthCompressing, zipStream, type ArchiveEntry } from '../documents/zip-archive.js';
import { requirePermission } from '../shared/authorize.js';
import { SYSTEM } from '../shared/transaction.js';
import type { BillingDeps } from './ports.js';

export interface RunDocuments {
  fileName: string;
  stream: Readable;
}

/**
 * Every invoice and credit note a finalised run issued, each as its PDF (in the reader's language)
 * and its UBL XML, in one ZIP, in number order. The run, its state and the permission are settled
 * before the first byte, so a refusal is a proper problem; the PDFs are rendered one at a time as
 * the archive is read.
 */
export async function billingRunDocuments(deps: BillingDeps, actor: Actor, runId: string, language: Language = DEFAULT_LANGUAGE): Promise<RunDocuments> {
  requirePermission(actor, 'billing_runs.read');
  requirePermission(actor, 'invoices.read');
  const { run, invoiceIds } = await deps.store.run(SYSTEM, async (tx) => {
    const found = await deps.store.billingRuns.get(tx, runId);
    if (!found) throw notFound('Billing run');
    if (found.status !== 'finalized') throw stateProblem('invalid_state', 'run_not_finalized', {}, 'The run is a draft: it has issued no invoices yet');
    const issued = (await deps.store.invoices.list(tx, null, { month: found.month })).filter((i) => i.billingRunId === found.id);
    return { run: found, invoiceIds: issued.sort((a, b) => (a.number < b.number ? -1 : 1)).map((i) => i.id) };
  });
  return {
    fileName: `kopa-invoices-${run.month}-${run.kind}.zip`,
    stream: zipStream(entries(deps, invoiceIds, language), new Date(run.finalizedAt ?? run.computedAt)),
  };
}

async function* entries(deps: BillingDeps, invoiceIds: string[], language: Language): AsyncGenerator<ArchiveEntry> {
  for (const id of invoiceIds) {
    const invoice = await deps.store.run(SYSTEM, (tx) => deps.store.invoices.get(tx, id));
    if (!invoice) throw notFound('Invoice');
    const pdfPath = `${invoice.number}.pdf`;
    const xmlPath = `${invoice.number}.xml`;
    yield { path: pdfPath, content: await renderPdf(invoiceDocument(invoice.document, language)), compress: worthCompressing(pdfPath) };
    yield { path: xmlPath, content: new TextEncoder().encode(invoice.ubl), compress: worthCompressing(xmlPath) };
  }
}
