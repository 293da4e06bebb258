import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createProvider, createResource, listProviders, listResources, renameResource } from '../../app/billing/manage-billing-catalogue.js';
import { createCostPool, listCostPools, removeCostPool, updateCostPool } from '../../app/billing/manage-cost-pools.js';
import { createTariff, listTariffs } from '../../app/billing/manage-tariffs.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import { PageOnly, PageQuery, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { DateText, ERRORS, Instant, Nullable } from '../schemas.js';

const Money = (description: string) => Type.String({ description, examples: ['1234.50'] });

const ProviderView = Type.Object({ code: Type.String(), name: Type.String(), createdAt: Instant });
// English variants: optional; blank or null means none, and readers then see the Latvian text.
const EnglishText = (max: number, description: string) => Type.Optional(Nullable(Type.String({ maxLength: max, description })));
const ResourceView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String({ description: 'English name; null when the Latvian one serves' })),
  unit: Type.String(),
  unitCode: Type.String({ description: 'UN/ECE Recommendation 20 unit code (HUR hour, E34 gigabyte, IE person …)' }),
  kind: Type.Union([Type.Literal('sum'), Type.Literal('gauge')]),
  billable: Type.Boolean(),
  createdAt: Instant,
});
const TariffView = Type.Object({
  id: Type.String(),
  provider: Type.String(),
  resource: Type.String(),
  unitPrice: Money('price per unit, up to 6 decimals'),
  currency: Type.Literal('EUR'),
  validFrom: DateText,
  validTo: Nullable(DateText),
  createdAt: Instant,
  createdBy: Nullable(Type.String()),
});
const Driver = Type.Union([Type.Literal('active_users'), Type.Literal('even'), Type.Literal('hosting_cost')]);
const CostPoolView = Type.Object({
  id: Type.String(),
  month: Type.String(),
  amount: Money('amount of the pool'),
  currency: Type.Literal('EUR'),
  description: Type.String(),
  descriptionEn: Nullable(Type.String({ description: 'English description; null when the Latvian one serves' })),
  driver: Driver,
  createdAt: Instant,
  createdBy: Nullable(Type.String()),
});

export const billingCatalogueRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/providers', { schema: { 'x-kopa-permission': 'tariffs.read', tags: ['billing'], summary: 'Cloud providers whose usage is metered, by code', querystring: PageOnly, response: { 200: pageOf(ProviderView), ...ERRORS } } }, async (request, reply) =>
    sendListPage(request, reply, 'providers', await listProviders(deps, actorOf(request)), (p) => [p.code], ['string']));

  app.post('/providers', {
    schema: { 'x-kopa-permission': 'tariffs.write', tags: ['billing'], summary: 'Add a provider (operator, finance)', body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20, examples: ['LVRTC'] }), name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), response: { 201: ProviderView, ...ERRORS } },
  }, async (request, reply) => reply.status(201).send(await createProvider(deps, actorOf(request), request.body)));

  app.get('/resources', { schema: { 'x-kopa-permission': 'tariffs.read', tags: ['billing'], summary: 'Metered resources: sums and gauges, by code', querystring: PageOnly, response: { 200: pageOf(ResourceView), ...ERRORS } } }, async (request, reply) =>
    sendListPage(request, reply, 'resources', await listResources(deps, actorOf(request)), (r) => [r.code], ['string']));

  app.post('/resources', {
    schema: {
      'x-kopa-permission': 'tariffs.write',
      tags: ['billing'],
      summary: 'Add a metered resource (operator, finance)',
      body: Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 40, examples: ['gpu_hour'] }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          nameEn: EnglishText(200, 'English name (optional)'),
          unit: Type.String({ minLength: 1, maxLength: 40 }),
          unitCode: Type.String({ minLength: 1, maxLength: 3, description: 'UN/ECE Recommendation 20 code' }),
          kind: Type.Union([Type.Literal('sum'), Type.Literal('gauge')]),
          billable: Type.Optional(Type.Boolean({ description: 'priced by tariffs; default true' })),
        },
        { additionalProperties: false },
      ),
      response: { 201: ResourceView, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createResource(deps, actorOf(request), request.body)));

  app.patch('/resources/:code', {
    schema: {
      'x-kopa-permission': 'tariffs.write',
      tags: ['billing'],
      summary: 'Correct a resource’s Latvian or English name (operator, finance); code, unit and kind stay',
      params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), nameEn: EnglishText(200, 'English name; blank or null removes it') }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: ResourceView, ...ERRORS },
    },
  }, async (request) => renameResource(deps, actorOf(request), request.params.code, request.body));

  app.get('/tariffs', {
    schema: {
      'x-kopa-permission': 'tariffs.read',
      tags: ['billing'],
      summary: 'Tariffs, optionally of one provider or resource or in force on a date',
      querystring: Type.Object({ provider: Type.Optional(Type.String()), resource: Type.Optional(Type.String()), on: Type.Optional(Type.String({ description: 'YYYY-MM-DD' })), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(TariffView), ...ERRORS },
    },
  }, async (request, reply) => {
    const { provider, resource, on } = request.query;
    const all = await listTariffs(deps, actorOf(request), { provider, resource, on });
    return sendListPage(request, reply, 'tariffs', all, (x) => [x.provider, x.resource, x.validFrom, x.id], ['string', 'string', 'string', 'uuid']);
  });

  app.post('/tariffs', {
    schema: {
      'x-kopa-permission': 'tariffs.write',
      tags: ['billing'],
      summary: 'Add a tariff (operator, finance); closes the open-ended tariff before it on its start date',
      body: Type.Object(
        {
          provider: Type.String({ minLength: 1 }),
          resource: Type.String({ minLength: 1 }),
          unitPrice: Type.String({ description: 'decimal string, up to 6 decimals', examples: ['0.012500'] }),
          currency: Type.String({ examples: ['EUR'] }),
          validFrom: Type.String({ description: 'first local day in force, YYYY-MM-DD' }),
          validTo: Type.Optional(Nullable(Type.String({ description: 'first local day no longer in force (exclusive)' }))),
        },
        { additionalProperties: false },
      ),
      response: { 201: TariffView, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createTariff(deps, actorOf(request), { ...request.body, validTo: request.body.validTo ?? null })));

  app.get('/cost-pools', {
    schema: { 'x-kopa-permission': 'cost_pools.read', tags: ['billing'], summary: 'Monthly cost pools, by month', querystring: Type.Object({ month: Type.Optional(Type.String({ description: 'YYYY-MM' })), ...PageQuery }, { additionalProperties: false }), response: { 200: pageOf(CostPoolView), ...ERRORS } },
  }, async (request, reply) => {
    const all = await listCostPools(deps, actorOf(request), { month: request.query.month });
    return sendListPage(request, reply, 'cost-pools', all, (p) => [p.month, p.createdAt, p.id], ['string', 'string', 'uuid']);
  });

  app.post('/cost-pools', {
    schema: {
      'x-kopa-permission': 'cost_pools.write',
      tags: ['billing'],
      summary: 'Add a cost pool for a month (operator, finance)',
      body: Type.Object(
        {
          month: Type.String({ description: 'YYYY-MM', examples: ['2026-10'] }),
          amount: Type.String({ description: 'decimal string, 2 decimals at most', examples: ['1000.00'] }),
          currency: Type.String({ examples: ['EUR'] }),
          description: Type.String({ minLength: 1, maxLength: 500 }),
          descriptionEn: EnglishText(500, 'English description (optional)'),
          driver: Type.Optional(Driver),
        },
        { additionalProperties: false },
      ),
      response: { 201: CostPoolView, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createCostPool(deps, actorOf(request), request.body)));

  app.patch('/cost-pools/:id', {
    schema: {
      'x-kopa-permission': 'cost_pools.write',
      tags: ['billing'],
      summary: 'Correct a cost pool’s amount, description (Latvian or English) or driver (operator, finance); monthInvoiced says a correction run is due',
      params: Type.Object({ id: Type.String() }),
      body: Type.Object(
        {
          amount: Type.Optional(Type.String({ description: 'decimal string, 2 decimals at most', examples: ['1000.00'] })),
          description: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          descriptionEn: EnglishText(500, 'English description; blank or null removes it'),
          driver: Type.Optional(Driver),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
      response: { 200: Type.Intersect([CostPoolView, Type.Object({ monthInvoiced: Type.Boolean() })]), ...ERRORS },
    },
  }, async (request) => updateCostPool(deps, actorOf(request), pathId(request.params.id, 'Cost pool'), request.body));

  app.delete('/cost-pools/:id', {
    schema: {
      'x-kopa-permission': 'cost_pools.write',
      tags: ['billing'],
      summary: 'Remove a cost pool entered by mistake (operator, finance); monthInvoiced says a correction run is due',
      params: Type.Object({ id: Type.String() }),
      response: { 200: Type.Object({ monthInvoiced: Type.Boolean() }), ...ERRORS },
    },
  }, async (request) => removeCostPool(deps, actorOf(request), pathId(request.params.id, 'Cost pool')));
};
