import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createService, endSubscription, getService, listServices, listSubscriptions, subscribe, updateService } from '../../app/catalogue/manage-services.js';
import type { Deps } from '../../app/ports.js';
import type { ServiceFields } from '../../domain/service.js';
import { actorOf } from '../auth.js';
import { PageOnly, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { DateText, ERRORS, Instant } from '../schemas.js';

const Text = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);
const Name = Type.Union([Type.String({ minLength: 1, maxLength: 200, description: 'Latvian name' }), Type.Object({ lv: Type.String({ minLength: 1, maxLength: 200 }), en: Type.Optional(Text(200)) }, { additionalProperties: false })]);
const LegalBasis = Type.Array(Type.Object({ title: Type.String({ maxLength: 300 }), url: Type.String({ maxLength: 500 }) }, { additionalProperties: false }), { maxItems: 20 });
const optionalFields = {
  description: Type.Optional(Text(5000)),
  holder: Type.Optional(Text(300)),
  provider: Type.Optional(Text(300)),
  legalBasis: Type.Optional(LegalBasis),
  customerGroup: Type.Optional(Text(300)),
  requestChannels: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
  fee: Type.Optional(Text(300)),
  timeLimit: Type.Optional(Text(300)),
  resultDelivery: Type.Optional(Text(300)),
  critical: Type.Optional(Type.Boolean()),
  owner: Type.Optional(Text(300)),
};
const ServiceView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.Object({ lv: Type.String(), en: Type.Union([Type.String(), Type.Null()]) }),
  description: Type.Union([Type.String(), Type.Null()]),
  holder: Type.Union([Type.String(), Type.Null()]),
  provider: Type.Union([Type.String(), Type.Null()]),
  legalBasis: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  customerGroup: Type.Union([Type.String(), Type.Null()]),
  requestChannels: Type.Array(Type.String()),
  fee: Type.Union([Type.String(), Type.Null()]),
  timeLimit: Type.Union([Type.String(), Type.Null()]),
  resultDelivery: Type.Union([Type.String(), Type.Null()]),
  critical: Type.Boolean(),
  owner: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});
const SubscriptionView = Type.Object({ id: Type.String(), tenantId: Type.String(), serviceId: Type.String(), mode: Type.String(), from: DateText, to: Type.Union([DateText, Type.Null()]), createdAt: Instant });

type NameInput = string | { lv: string; en?: string | null | undefined };
const nameOf = (name: NameInput) => (typeof name === 'string' ? { lv: name, en: null } : { lv: name.lv, en: name.en ?? null });

export const serviceRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/services', { schema: { 'x-kopa-permission': 'services.read', tags: ['catalogue'], summary: 'The service catalogue, by code', querystring: PageOnly, response: { 200: pageOf(ServiceView), ...ERRORS } } }, async (request, reply) =>
    sendListPage(request, reply, 'services', await listServices(deps, actorOf(request)), (s) => [s.code, s.id], ['string', 'uuid']));

  app.post('/services', {
    schema: { 'x-kopa-permission': 'services.write', tags: ['catalogue'], summary: 'Add a service to the catalogue (operator)', body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }), name: Name, ...optionalFields }, { additionalProperties: false }), response: { 201: ServiceView, ...ERRORS } },
  }, async (request, reply) => {
    const b = request.body;
    const fields: ServiceFields = {
      code: b.code,
      name: nameOf(b.name),
      description: b.description ?? null,
      holder: b.holder ?? null,
      provider: b.provider ?? null,
      legalBasis: b.legalBasis ?? [],
      customerGroup: b.customerGroup ?? null,
      requestChannels: b.requestChannels ?? [],
      fee: b.fee ?? null,
      timeLimit: b.timeLimit ?? null,
      resultDelivery: b.resultDelivery ?? null,
      critical: b.critical ?? false,
      owner: b.owner ?? null,
    };
    return reply.status(201).send(await createService(deps, actorOf(request), fields));
  });

  app.get('/services/:id', { schema: { 'x-kopa-permission': 'services.read', tags: ['catalogue'], summary: 'One service', params: Type.Object({ id: Type.String() }), response: { 200: ServiceView, ...ERRORS } } }, async (request) =>
    getService(deps, actorOf(request), pathId(request.params.id, 'Service')),
  );

  app.patch('/services/:id', {
    schema: { 'x-kopa-permission': 'services.write', tags: ['catalogue'], summary: 'Change a service (operator)', params: Type.Object({ id: Type.String() }), body: Type.Object({ code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), name: Type.Optional(Name), ...optionalFields }, { additionalProperties: false, minProperties: 1 }), response: { 200: ServiceView, ...ERRORS } },
  }, async (request) => {
    const { name, ...rest } = request.body;
    return updateService(deps, actorOf(request), pathId(request.params.id, 'Service'), { ...(rest as Partial<ServiceFields>), ...(name !== undefined && { name: nameOf(name) }) });
  });

  app.get('/tenants/:id/subscriptions', { schema: { 'x-kopa-permission': 'subscriptions.read', tags: ['catalogue'], summary: 'Services a municipality uses, by start date', params: Type.Object({ id: Type.String() }), querystring: PageOnly, response: { 200: pageOf(SubscriptionView), ...ERRORS } } }, async (request, reply) =>
    sendListPage(request, reply, 'subscriptions', await listSubscriptions(deps, actorOf(request), pathId(request.params.id, 'Municipality')), (s) => [s.from, s.id], ['string', 'uuid']),
  );

  app.post('/tenants/:id/subscriptions', {
    schema: {
      'x-kopa-permission': 'subscriptions.write',
      tags: ['catalogue'],
      summary: 'A municipality starts using a service (operator)',
      params: Type.Object({ id: Type.String() }),
      body: Type.Object({ serviceId: Type.String({ format: 'uuid' }), from: Type.Optional(Type.String({ description: 'YYYY-MM-DD; default today' })), to: Type.Optional(Type.Union([Type.String(), Type.Null()])), mode: Type.Optional(Type.Union([Type.Literal('shared'), Type.Literal('own_instance')])) }, { additionalProperties: false }),
      response: { 201: SubscriptionView, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await subscribe(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.body)));

  app.patch('/tenants/:id/subscriptions/:subscriptionId', {
    schema: {
      'x-kopa-permission': 'subscriptions.write',
      tags: ['catalogue'],
      summary: 'End a subscription on a day (inclusive), or make it open-ended again with null (operator)',
      params: Type.Object({ id: Type.String(), subscriptionId: Type.String() }),
      body: Type.Object({ to: Type.Union([DateText, Type.Null()]) }, { additionalProperties: false }),
      response: { 200: SubscriptionView, ...ERRORS },
    },
  }, async (request) => endSubscription(deps, actorOf(request), pathId(request.params.id, 'Municipality'), pathId(request.params.subscriptionId, 'Subscription'), request.body.to));
};
