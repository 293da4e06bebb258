import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ingestUsage } from '../../app/billing/ingest-usage.js';
import { listMonthlyUsage, listUsageTotals, MAX_USAGE_MONTHS } from '../../app/billing/list-usage.js';
import type { Deps } from '../../app/ports.js';
import { MAX_USAGE_BATCH } from '../../domain/billing/usage.js';
import { actorOf } from '../auth.js';
import { PageQuery, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { ERRORS, FieldErrorSchema } from '../schemas.js';

const FieldError = FieldErrorSchema;
const IngestReport = Type.Object({
  accepted: Type.Integer({ description: 'records stored now' }),
  duplicates: Type.Integer({ description: 'records whose id was already received with the same content; nothing changed' }),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), id: Type.Union([Type.String(), Type.Null()]), errors: Type.Array(FieldError) })),
});
const UsageTotalView = Type.Object({ tenantId: Type.String(), provider: Type.String(), resource: Type.String(), quantity: Type.String(), records: Type.Integer() });

// Each record is checked on its own (partial acceptance), so the schema only asks for objects.
const RecordShape = Type.Unknown({
  description: '{id, tenantId, provider, resource, quantity, periodStart, periodEnd}: id is the idempotency key; quantity a non-negative decimal (string or number); instants ISO-8601 with a zone; periodEnd after periodStart',
});

export const usageRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/usage', {
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      'x-kopa-permission': 'usage.write',
      tags: ['billing'],
      summary: `Send up to ${MAX_USAGE_BATCH} usage records (operator, finance); valid ones are stored, invalid ones listed`,
      body: Type.Object({ records: Type.Array(RecordShape, { maxItems: MAX_USAGE_BATCH }) }, { additionalProperties: false }),
      response: { 200: IngestReport, ...ERRORS },
    },
  }, async (request) => ingestUsage(deps, actorOf(request), request.body.records));

  app.get('/usage', {
    schema: {
      'x-kopa-permission': 'usage.read',
      tags: ['billing'],
      summary: "A month's usage per municipality, provider and resource (municipalities: their own)",
      querystring: Type.Object({ month: Type.String({ description: 'YYYY-MM' }), tenantId: Type.Optional(Type.String()), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(UsageTotalView), ...ERRORS },
    },
  }, async (request, reply) => {
    const all = await listUsageTotals(deps, actorOf(request), { month: request.query.month, tenantId: request.query.tenantId === undefined ? undefined : pathId(request.query.tenantId, 'Municipality') });
    return sendListPage(request, reply, 'usage', all, (u) => [u.tenantId, u.provider, u.resource], ['uuid', 'string', 'string']);
  });

  app.get('/tenants/:id/usage', {
    schema: {
      'x-kopa-permission': 'usage.read',
      tags: ['billing'],
      summary: `A municipality's usage month by month, per provider and resource (at most ${MAX_USAGE_MONTHS} months)`,
      params: Type.Object({ id: Type.String() }),
      querystring: Type.Object({ from: Type.String({ description: 'first month, YYYY-MM' }), to: Type.String({ description: 'last month, YYYY-MM' }) }, { additionalProperties: false }),
      response: { 200: Type.Array(Type.Object({ month: Type.String(), provider: Type.String(), resource: Type.String(), quantity: Type.String(), records: Type.Integer() })), ...ERRORS },
    },
  }, async (request) => listMonthlyUsage(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.query));
};
