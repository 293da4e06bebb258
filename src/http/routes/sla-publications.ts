import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../app/ports.js';
import { publishSlaReport, slaPublications } from '../../app/availability/publish-sla-reports.js';
import { actorOf } from '../auth.js';
import { PageOnly, PageQuery, pageOf, sendListPage } from '../paging.js';
import { pendingSlaReports } from '../../app/availability/pending-sla-reports.js';
import { pathId } from '../ids.js';
import { ERRORS, Instant } from '../schemas.js';

const MONTH = '^[0-9]{4}-(0[1-9]|1[0-2])$';
const Params = Type.Object({ id: Type.String(), month: Type.String({ pattern: MONTH }) });
const PendingView = Type.Object({ tenantId: Type.String(), tenantName: Type.String(), month: Type.String() });
const PendingQuery = Type.Object({ month: Type.Optional(Type.String({ pattern: MONTH, description: 'only this month (YYYY-MM); without it every month that has ended' })), ...PageQuery }, { additionalProperties: false });
const PublicationView = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  month: Type.String(),
  version: Type.Integer(),
  report: Type.Unknown({ description: 'The report exactly as published' }),
  changes: Type.Array(Type.Object({ serviceCode: Type.String(), field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
  reason: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Instant,
  publishedBy: Type.String(),
});

export const slaPublicationRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/tenants/:id/sla-reports/:month/publications', {
    schema: { 'x-kopa-permission': 'sla_reports.read', tags: ['monitoring'], summary: 'Every published version of a month’s availability report, oldest first', params: Params, querystring: PageOnly, response: { 200: pageOf(PublicationView), ...ERRORS } },
  }, async (request, reply) =>
    sendListPage(request, reply, 'sla-publications', await slaPublications(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.params.month), (p) => [p.version], ['number']));

  app.get('/sla-publications/pending', {
    schema: {
      'x-kopa-permission': 'sla_reports.read',
      tags: ['monitoring'],
      summary: 'Municipality-months that have ended with no published availability report, newest month first (agency)',
      querystring: PendingQuery,
      response: { 200: pageOf(PendingView), ...ERRORS },
    },
  }, async (request, reply) =>
    sendListPage(request, reply, 'sla-pending', await pendingSlaReports(deps, actorOf(request), request.query.month ?? null), (p) => [p.month, p.tenantId], ['string', 'string'], { descending: true }));

  app.post('/tenants/:id/sla-reports/:month/publications', {
    schema: {
      'x-kopa-permission': 'sla_reports.publish',
      tags: ['monitoring'],
      summary: 'Publish (freeze) the month’s report; publishing again is a correction and needs a reason (operator)',
      params: Params,
      body: Type.Object({ reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 201: PublicationView, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await publishSlaReport(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.params.month, request.body.reason ?? null)));
};
