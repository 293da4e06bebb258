import type { Actor } from '../../domain/actor.js';
import type { AuditEvent } from '../../domain/audit.js';
import { formatCents } from '../../domain/money.js';
import type { Tenant } from '../../domain/tenant.js';
import { scopeOf } from '../shared/authorize.js';
import { invoiceDocument } from '../documents/invoice-pdf.js';
import { renderPdf } from '../documents/pdf.js';
import type { ExportDeps } from './ports.js';
import { slaReportPdf } from '../availability/render-sla-report.js';
import type { SlaReport } from '../availability/sla-report.js';

export interface ExportFile {
  path: string;
  content: Buffer;
}

export interface ExportCounts {
  people: number;
  agreements: number;
  agreementVersions: number;
  tickets: number;
  ticketEvents: number;
  attachments: number;
  slaReports: number;
  invoices: number;
  usageRecords: number;
  auditEvents: number;
}

const PAGE = 500;

/** Money as decimal strings, as everywhere over the wire; never a bigint JSON cannot write. */
const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? formatCents(v) : v), 2)}\n`);
/** Names from outside (invoice series, uploads) must not climb out of their folder. */
const safeName = (name: string): string => name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_');

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The municipality's records, one file at a time, read in the operator's scope with the
 * municipality named in every query. Returns how many records of each kind went in.
 */
export async function* tenantRecordFiles(deps: ExportDeps, actor: Actor, tenant: Tenant): AsyncGenerator<ExportFile, ExportCounts> {
  const scope = scopeOf(actor);
  const read = <T>(fn: Parameters<typeof deps.store.run<T>>[1]) => deps.store.run(scope, fn);
  const counts: ExportCounts = { people: 0, agreements: 0, agreementVersions: 0, tickets: 0, ticketEvents: 0, attachments: 0, slaReports: 0, invoices: 0, usageRecords: 0, auditEvents: 0 };

  yield { path: 'municipality.json', content: json(tenant) };

  const people = await read((tx) => deps.store.users.list(tx, tenant.id, {}));
  counts.people = people.length;
  yield { path: 'people.json', content: json(people) };

  const agreements = await read(async (tx) => {
    const current = await deps.store.agreements.listCurrent(tx, tenant.id);
    return Promise.all(current.map(async (a) => ({ id: a.id, number: a.number, versions: await deps.store.agreements.versions(tx, tenant.id, a.id) })));
  });
  counts.agreements = agreements.length;
  counts.agreementVersions = agreements.reduce((n, a) => n + a.versions.length, 0);
  yield { path: 'agreements.json', content: json(agreements) };

  yield* ticketFiles(deps, scope, tenant.id, counts);

  const publications = await read((tx) => deps.store.tenantRecords.slaPublications(tx, tenant.id));
  counts.slaReports = publications.length;
  for (const p of publications) {
    yield { path: `sla-reports/${p.month}-v${p.version}.json`, content: json(p) };
    yield { path: `sla-reports/${p.month}-v${p.version}.pdf`, content: await slaReportPdf(deps, p.report as SlaReport, p.version) };
  }

  const invoices = await read((tx) => deps.store.invoices.list(tx, tenant.id, {}));
  counts.invoices = invoices.length;
  yield { path: 'invoices.json', content: json(invoices.map(({ netCents, vatCents, totalCents, ...rest }) => ({ ...rest, net: formatCents(netCents), vat: formatCents(vatCents), total: formatCents(totalCents) }))) };
  for (const listed of invoices) {
    const invoice = await read((tx) => deps.store.invoices.get(tx, listed.id));
    if (!invoice) continue;
    yield { path: `invoices/${safeName(invoice.number)}.xml`, content: Buffer.from(invoice.ubl) };
    yield { path: `invoices/${safeName(invoice.number)}.pdf`, content: await renderPdf(invoiceDocument(invoice.document)) };
  }

  const usage: string[] = ['id,provider,resource,quantity,periodStart,periodEnd,batchId,receivedAt'];
  for (let after: string | null = null; ; ) {
    const page = await read((tx) => deps.store.tenantRecords.usage(tx, tenant.id, after, PAGE * 4));
    for (const { record: r } of page) usage.push([r.id, r.provider, r.resource, r.quantity, r.periodStart, r.periodEnd, r.batchId, r.receivedAt].map(csvCell).join(','));
    counts.usageRecords += page.length;
    if (page.length < PAGE * 4) break;
    after = page[page.length - 1]!.seq;
  }
  yield { path: 'usage.csv', content: Buffer.from(`${usage.join('\r\n')}\r\n`) };

  const events: AuditEvent[] = [];
  for (let before: string | undefined; ; ) {
    const page = await read((tx) => deps.store.audit.list(tx, { tenantId: tenant.id, beforeSeq: before, limit: PAGE }));
    events.push(...page);
    if (page.length < PAGE) break;
    before = page[page.length - 1]!.seq;
  }
  events.reverse();
  counts.auditEvents = events.length;
  yield { path: 'audit-events.json', content: json(events) };

  return counts;
}

/** One folder per ticket: the ticket with its whole history, and its attachments byte for byte. */
async function* ticketFiles(deps: ExportDeps, scope: ReturnType<typeof scopeOf>, tenantId: string, counts: ExportCounts): AsyncGenerator<ExportFile> {
  for (let before: number | undefined; ; ) {
    const page = await deps.store.run(scope, (tx) => deps.store.tickets.list(tx, tenantId, { after: before === undefined ? undefined : [before], limit: PAGE }));
    for (const ticket of page) {
      const { events, attachments } = await deps.store.run(scope, async (tx) => ({
        events: await deps.store.tickets.events(tx, ticket.id),
        attachments: await deps.store.tickets.attachments(tx, ticket.id),
      }));
      counts.tickets += 1;
      counts.ticketEvents += events.length;
      counts.attachments += attachments.length;
      const folder = `tickets/${ticket.number}`;
      yield { path: `${folder}/ticket.json`, content: json({ ticket, events, attachments }) };
      for (const meta of attachments) {
        const file = await deps.store.run(scope, (tx) => deps.store.tickets.attachment(tx, ticket.id, meta.id));
        if (file) yield { path: `${folder}/attachments/${meta.id.slice(0, 8)}-${safeName(meta.fileName)}`, content: Buffer.from(file.content) };
      }
    }
    if (page.length < PAGE) break;
    before = Number(page[page.length - 1]!.number);
  }
}
