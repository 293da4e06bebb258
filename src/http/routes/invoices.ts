import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getInvoice, getSeller, invoicePdf, listInvoices, updateSeller } from '../../app/billing/manage-invoices.js';
import type { IssuedInvoice } from '../../app/billing/invoice-ports.js';
import type { Deps } from '../../app/ports.js';
import { formatCents } from '../../domain/money.js';
import { actorOf } from '../auth.js';
import { documentLanguage } from '../document-language.js';
import { PageQuery, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { DateText, ERRORS, Instant, LanguageQuery, Nullable } from '../schemas.js';

const Address = Type.Object({ street: Type.String({ minLength: 1, maxLength: 200 }), city: Type.String({ minLength: 1, maxLength: 100 }), postalCode: Type.String({ minLength: 1, maxLength: 20 }), country: Type.String({ minLength: 2, maxLength: 2 }) }, { additionalProperties: false });
const SellerFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  registrationNumber: Type.String({ pattern: '^[0-9]{11}$' }),
  vatNumber: Nullable(Type.String({ pattern: '^LV[0-9]{11}$' })),
  address: Address,
  iban: Type.String({ minLength: 15, maxLength: 34 }),
  bic: Nullable(Type.String({ minLength: 8, maxLength: 11 })),
  email: Nullable(Type.String({ format: 'email', maxLength: 254 })),
  paymentTermsDays: Type.Integer({ minimum: 1, maximum: 120 }),
  invoiceSeries: Type.String({ minLength: 2, maxLength: 10 }),
};
const SellerView = Type.Object({ ...SellerFields, updatedAt: Instant, updatedBy: Type.String() });
const Money = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$', description: 'EUR, exact decimal' });
const InvoiceView = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  billingRunId: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('invoice'), Type.Literal('credit_note')]),
  number: Type.String(),
  month: Type.String(),
  issueDate: DateText,
  dueDate: DateText,
  currency: Type.Literal('EUR'),
  net: Money,
  vat: Money,
  total: Money,
  correctsInvoiceId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  createdBy: Type.String(),
});

const present = ({ netCents, vatCents, totalCents, ...rest }: IssuedInvoice) => ({ ...rest, net: formatCents(netCents), vat: formatCents(vatCents), total: formatCents(totalCents) });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const invoiceKey = (i: IssuedInvoice) => [i.createdAt, i.number, i.id];
const INVOICE_KEY = ['string', 'string', 'uuid'] as const;

export const invoiceRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/settings/seller', { schema: { tags: ['billing'], summary: 'The agency as seller on every invoice', response: { 200: SellerView, ...ERRORS } } }, async (request) => getSeller(deps, actorOf(request)));

  app.put('/settings/seller', {
    schema: { 'x-kopa-permission': 'seller.write', tags: ['billing'], summary: 'Change the seller details: IBAN, VAT number, payment terms, series (operator, finance)', body: Type.Object(SellerFields, { additionalProperties: false }), response: { 200: SellerView, ...ERRORS } },
  }, async (request) => updateSeller(deps, actorOf(request), request.body));

  app.get('/invoices', {
    schema: { 'x-kopa-permission': 'invoices.read', tags: ['billing'], summary: 'Issued invoices and credit notes, newest first (a municipality sees its own)', querystring: Type.Object({ month: Type.Optional(Month), ...PageQuery }, { additionalProperties: false }), response: { 200: pageOf(InvoiceView), ...ERRORS } },
  }, async (request, reply) => sendListPage(request, reply, 'invoices', await listInvoices(deps, actorOf(request), undefined, request.query.month), invoiceKey, INVOICE_KEY, { descending: true, present }));

  app.get('/tenants/:id/invoices', {
    schema: { 'x-kopa-permission': 'invoices.read', tags: ['billing'], summary: 'A municipality’s invoices and credit notes, newest first', params: Type.Object({ id: Type.String() }), querystring: Type.Object({ month: Type.Optional(Month), ...PageQuery }, { additionalProperties: false }), response: { 200: pageOf(InvoiceView), ...ERRORS } },
  }, async (request, reply) =>
    sendListPage(request, reply, 'invoices', await listInvoices(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.query.month), invoiceKey, INVOICE_KEY, { descending: true, present }));

  app.get('/invoices/:id', {
    schema: { 'x-kopa-permission': 'invoices.read', tags: ['billing'], summary: 'One invoice with its lines', params: Type.Object({ id: Type.String() }), response: { 200: Type.Intersect([InvoiceView, Type.Object({ document: Type.Unknown() })]), ...ERRORS } },
  }, async (request) => {
    const { document, ubl: _ubl, ...invoice } = await getInvoice(deps, actorOf(request), pathId(request.params.id, 'Invoice'));
    return { ...present(invoice), document: JSON.parse(JSON.stringify(document, (_k, v: unknown) => (typeof v === 'bigint' ? formatCents(v) : v))) };
  });

  app.get('/invoices/:id/ubl', {
    schema: { 'x-kopa-permission': 'invoices.read', tags: ['billing'], summary: 'The e-invoice: UBL 2.1, Peppol BIS Billing 3.0', params: Type.Object({ id: Type.String() }) },
  }, async (request, reply) => {
    const invoice = await getInvoice(deps, actorOf(request), pathId(request.params.id, 'Invoice'));
    return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${invoice.number}.xml"`).send(invoice.ubl);
  });

  app.get('/invoices/:id/pdf', {
    schema: { 'x-kopa-permission': 'invoices.read', tags: ['billing'], summary: 'The invoice as a PDF in Latvian, or `?lang=en` in English (the UBL stays Latvian)', params: Type.Object({ id: Type.String() }), querystring: Type.Object(LanguageQuery, { additionalProperties: false }) },
  }, async (request, reply) => {
    const { number, pdf } = await invoicePdf(deps, actorOf(request), pathId(request.params.id, 'Invoice'), documentLanguage(request, request.query.lang));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${number}.pdf"`).send(pdf);
  });
};
