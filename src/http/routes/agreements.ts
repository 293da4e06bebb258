import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createAgreement } from '../../app/municipalities/create-agreement.js';
import { getAgreement } from '../../app/municipalities/get-agreement.js';
import { listAgreements } from '../../app/municipalities/list-agreements.js';
import type { Deps } from '../../app/ports.js';
import { updateAgreement } from '../../app/municipalities/update-agreement.js';
import { actorOf } from '../auth.js';
import { PageOnly, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { AgreementCreate, AgreementPatch, AgreementWithHistory, ERRORS } from '../schemas.js';

const TenantParams = Type.Object({ id: Type.String() });
const AgreementParams = Type.Object({ id: Type.String(), agreementId: Type.String() });

export const agreementRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/tenants/:id/agreements', {
    schema: { 'x-kopa-permission': 'agreements.read', tags: ['agreements'], summary: 'Cooperation agreements of a municipality, current version of each, by start date', params: TenantParams, querystring: PageOnly, response: { 200: pageOf(Type.Ref('Agreement')), ...ERRORS } },
  }, async (request, reply) => {
    const all = await listAgreements(deps, actorOf(request), pathId(request.params.id, 'Municipality'));
    return sendListPage(request, reply, 'agreements', all, (a) => [a.effectiveFrom, a.id], ['string', 'uuid']);
  });

  app.post('/tenants/:id/agreements', {
    schema: { 'x-kopa-permission': 'agreements.write', tags: ['agreements'], summary: 'Record a cooperation agreement (operator)', params: TenantParams, body: AgreementCreate, response: { 201: Type.Ref('Agreement'), ...ERRORS } },
  }, async (request, reply) => {
    const tenantId = pathId(request.params.id, 'Municipality');
    const agreement = await createAgreement(deps, actorOf(request), tenantId, request.body);
    return reply.status(201).header('Location', `/api/v1/tenants/${tenantId}/agreements/${agreement.id}`).send(agreement);
  });

  app.get('/tenants/:id/agreements/:agreementId', {
    schema: { 'x-kopa-permission': 'agreements.read', tags: ['agreements'], summary: 'An agreement with its version history (newest first)', params: AgreementParams, response: { 200: AgreementWithHistory, ...ERRORS } },
  }, async (request) =>
    getAgreement(deps, actorOf(request), pathId(request.params.id, 'Agreement'), pathId(request.params.agreementId, 'Agreement')),
  );

  app.patch('/tenants/:id/agreements/:agreementId', {
    schema: { 'x-kopa-permission': 'agreements.write', tags: ['agreements'], summary: 'Change an agreement: adds a new version (operator)', params: AgreementParams, body: AgreementPatch, response: { 200: Type.Ref('Agreement'), ...ERRORS } },
  }, async (request) =>
    updateAgreement(deps, actorOf(request), pathId(request.params.id, 'Agreement'), pathId(request.params.agreementId, 'Agreement'), request.body),
  );
};
