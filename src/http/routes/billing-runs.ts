import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createBillingRun, recomputeBillingRun } from '../../app/billing/compute-billing-run.js';
import { finalizeBillingRun } from '../../app/billing/finalize-billing-run.js';
import { forecastCosts } from '../../app/billing/forecast-costs.js';
import { statementPdf } from '../../app/billing/render-statement-pdf.js';
import type { Deps } from '../../app/ports.js';
import { getBillingRun, listBillingRuns, tenantStatements } from '../../app/billing/read-billing-runs.js';
import { billingRunDocuments } from '../../app/billing/run-documents.js';
import { actorOf } from '../auth.js';
import { documentLanguage } from '../document-language.js';
import { PageQuery, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { ERRORS, FieldErrorSchema, Instant, LanguageQuery } from '../schemas.js';
import { EXPLANATION_CODES } from '../../domain/billing/explanation.js';
import { DEFAULT_ZONE } from '../../domain/calendar/local-time.js';

const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: `YYYY-MM, a month in ${DEFAULT_ZONE}` });
const Money = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$' });
const RunSummary = Type.Object({
  id: Type.String(),
  month: Type.String(),
  kind: Type.Union([Type.Literal('regular'), Type.Literal('correction')]),
  status: Type.Union([Type.Literal('draft'), Type.Literal('finalized')]),
  problems: Type.Array(FieldErrorSchema),
  computedAt: Instant,
  createdAt: Instant,
  createdBy: Type.String(),
  finalizedAt: Type.Union([Instant, Type.Null()]),
  finalizedBy: Type.Union([Type.String(), Type.Null()]),
});
const Explanation = Type.Object(
  { code: Type.Union(EXPLANATION_CODES.map((c) => Type.Literal(c))), params: Type.Record(Type.String(), Type.String()) },
  { description: 'Why the line is what it is: a code and its figures (exact decimals as strings), written in the reader’s language by the UI' },
);
const StatementView = Type.Object({
  tenantId: Type.String(),
  tenantName: Type.String(),
  lines: Type.Array(Type.Object({ kind: Type.Union([Type.Literal('hosting'), Type.Literal('administration')]), description: Type.String(), descriptionEn: Type.Union([Type.String(), Type.Null()], { description: 'English name of the line as the statement was computed (the resource’s or pool’s English variant then); null when the Latvian one serves' }), quantity: Type.String(), unit: Type.String(), unitPrice: Type.String(), amount: Money, explanation: Type.String({ description: 'Deprecated: a Latvian sentence with dot decimals, kept unchanged for scripts; read structuredExplanation' }), structuredExplanation: Explanation })),
  net: Money,
  vat: Money,
  vatRate: Type.String(),
  total: Money,
  currency: Type.Literal('EUR'),
  invoiceIds: Type.Array(Type.String()),
  previousMonth: Type.Union([Type.Object({ net: Money, total: Money }), Type.Null()]),
});
const SummaryFigures = {
  hosting: Money,
  administration: Money,
  net: Money,
  vat: Money,
  total: Money,
  previousTotal: Type.Union([Money, Type.Null()], { description: 'what the same municipalities were invoiced in total for the month before (latest finalised run); null when nothing' }),
  change: Type.Union([Money, Type.Null()], { description: 'total − previousTotal' }),
  changePercent: Type.Union([Type.String({ pattern: '^-?[0-9]+\\.[0-9]$' }), Type.Null()], { description: 'change as % of previousTotal, one decimal, half away from zero; null without a previous total above zero' }),
};
const Summary = Type.Object(
  {
    rows: Type.Array(Type.Object({ tenantId: Type.String(), tenantName: Type.String(), registrationNumber: Type.String(), ...SummaryFigures })),
    total: Type.Object(SummaryFigures),
  },
  { description: 'One row per municipality in the order invoices are numbered (name as Latvian sorts it, then registration number), then the grand total' },
);
const RunView = Type.Intersect([RunSummary, Type.Object({ statements: Type.Array(StatementView, { description: 'in the order of summary.rows' }), summary: Summary })]);
const Params = Type.Object({ id: Type.String() });

export const billingRunRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/billing-runs', {
    schema: { 'x-kopa-permission': 'billing_runs.write', tags: ['billing'], summary: 'Compute a draft run for an ended month (a correction draft once the month is finalized)', body: Type.Object({ month: Month }, { additionalProperties: false }), response: { 201: RunView, ...ERRORS } },
  }, async (request, reply) => {
    const run = await createBillingRun(deps, actorOf(request), request.body.month);
    return reply.status(201).header('Location', `/api/v1/billing-runs/${run.id}`).send(await getBillingRun(deps, actorOf(request), run.id));
  });

  app.get('/billing-runs', {
    schema: { 'x-kopa-permission': 'billing_runs.read', tags: ['billing'], summary: 'Billing runs, newest first', querystring: Type.Object({ month: Type.Optional(Month), ...PageQuery }, { additionalProperties: false }), response: { 200: pageOf(RunSummary), ...ERRORS } },
  }, async (request, reply) =>
    sendListPage(request, reply, 'billing-runs', await listBillingRuns(deps, actorOf(request), request.query.month), (r) => [r.createdAt, r.id], ['string', 'uuid'], { descending: true }));

  app.get('/billing-runs/:id', {
    schema: { 'x-kopa-permission': 'billing_runs.read', tags: ['billing'], summary: 'A run with every statement, compared with the month before', params: Params, response: { 200: RunView, ...ERRORS } },
  }, async (request) => getBillingRun(deps, actorOf(request), pathId(request.params.id, 'Billing run')));

  app.post('/billing-runs/:id/recompute', {
    schema: { 'x-kopa-permission': 'billing_runs.write', tags: ['billing'], summary: 'Compute a draft again from current usage, tariffs and pools', params: Params, response: { 200: RunView, ...ERRORS } },
  }, async (request) => {
    const run = await recomputeBillingRun(deps, actorOf(request), pathId(request.params.id, 'Billing run'));
    return getBillingRun(deps, actorOf(request), run.id);
  });

  app.post('/billing-runs/:id/finalize', {
    schema: {
      'x-kopa-permission': 'billing_runs.write',
      tags: ['billing'],
      summary: 'Issue the invoices (and for a correction, credit notes); the run is frozen afterwards',
      params: Params,
      response: { 200: Type.Object({ id: Type.String(), month: Type.String(), status: Type.Literal('finalized'), invoices: Type.Array(Type.Object({ id: Type.String(), number: Type.String(), tenantId: Type.String(), kind: Type.Union([Type.Literal('invoice'), Type.Literal('credit_note')]), total: Money })) }), ...ERRORS },
    },
  }, async (request) => finalizeBillingRun(deps, actorOf(request), pathId(request.params.id, 'Billing run')));

  app.get('/billing-runs/:id/documents.zip', {
    schema: {
      'x-kopa-permission': 'billing_runs.read',
      tags: ['billing'],
      summary: 'Every invoice and credit note a finalised run issued, as PDF (Latvian, or `?lang=en`) and UBL XML, in one ZIP, in number order',
      params: Params,
      querystring: Type.Object(LanguageQuery, { additionalProperties: false }),
      response: { 200: Type.String({ format: 'binary', description: 'application/zip: `<number>.pdf` and `<number>.xml` for each document' }), ...ERRORS },
    },
  }, async (request, reply) => {
    const { fileName, stream } = await billingRunDocuments(deps, actorOf(request), pathId(request.params.id, 'Billing run'), documentLanguage(request, request.query.lang));
    return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName}"`).send(stream);
  });

  app.get('/tenants/:id/statements', {
    schema: {
      'x-kopa-permission': 'statements.read',
      tags: ['billing'],
      summary: 'A municipality’s invoiced statements for the months asked, with the explanation of every line',
      params: Params,
      querystring: Type.Object({ months: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])(,[0-9]{4}-(0[1-9]|1[0-2])){0,23}$', description: 'comma-separated YYYY-MM, at most 24' }) }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Object({ month: Type.String(), statement: Type.Union([StatementView, Type.Null()]) })), ...ERRORS },
    },
  }, async (request) => tenantStatements(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.query.months.split(',')));

  app.get('/tenants/:id/statements/:month/pdf', {
    schema: {
      'x-kopa-permission': 'statements.read',
      tags: ['billing'],
      summary: 'A municipality’s invoiced statement for a month as a PDF (Latvian, or `?lang=en`): every line explained, the invoices, the rules',
      params: Type.Object({ id: Type.String(), month: Month }),
      querystring: Type.Object(LanguageQuery, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { filename, pdf } = await statementPdf(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.params.month, documentLanguage(request, request.query.lang));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
  });

  const Percent = (description: string) => Type.Number({ minimum: -50, maximum: 100, description: `${description}; two decimals count` });
  app.get('/forecast', {
    schema: {
      'x-kopa-permission': 'forecast.read',
      tags: ['billing'],
      summary: 'Five-year cost outlook per municipality under a scenario: newcomers per year, user growth, tariff and pool change',
      querystring: Type.Object(
        {
          baseMonth: Type.Optional(Month),
          years: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 5 })),
          newMunicipalitiesPerYear: Type.Optional(Type.Integer({ minimum: 0, maximum: 50, default: 1 })),
          newMunicipalityUsers: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
          userGrowthPercent: Type.Optional(Percent('yearly, default 0')),
          tariffChangePercent: Type.Optional(Percent('yearly, default 0')),
          poolChangePercent: Type.Optional(Percent('yearly, default 0')),
        },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({
          baseMonth: Type.String(),
          scenario: Type.Object({ years: Type.Integer(), newMunicipalitiesPerYear: Type.Integer(), newMunicipalityUsers: Type.Optional(Type.Integer()), userGrowthPercent: Type.Number(), tariffChangePercent: Type.Number(), poolChangePercent: Type.Number() }),
          base: Type.Object({ municipalities: Type.Integer(), users: Type.Integer(), monthlyPool: Money, monthlyHosting: Money }),
          years: Type.Array(Type.Object({ year: Type.Integer(), municipalities: Type.Integer(), totalUsers: Type.Integer(), administrationPool: Money, lines: Type.Array(Type.Object({ tenantId: Type.Union([Type.String(), Type.Null()]), name: Type.String(), joining: Type.Union([Type.Object({ year: Type.Integer(), number: Type.Integer() }), Type.Null()], { description: 'a municipality the scenario expects to join: its year and number that year' }), users: Type.Integer(), hosting: Money, administration: Money, total: Money })) })),
        }),
        ...ERRORS,
      },
    },
  }, async (request) => {
    const q = request.query;
    return forecastCosts(deps, actorOf(request), q.baseMonth, {
      years: q.years ?? 5,
      newMunicipalitiesPerYear: q.newMunicipalitiesPerYear ?? 1,
      ...(q.newMunicipalityUsers !== undefined && { newMunicipalityUsers: q.newMunicipalityUsers }),
      userGrowthPercent: q.userGrowthPercent ?? 0,
      tariffChangePercent: q.tariffChangePercent ?? 0,
      poolChangePercent: q.poolChangePercent ?? 0,
    });
  });
};
