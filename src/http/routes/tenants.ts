import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createTenant } from '../../app/municipalities/create-tenant.js';
import { exportTenant } from '../../app/export/export-tenant.js';
import { getTenant } from '../../app/municipalities/get-tenant.js';
import { listTenants } from '../../app/municipalities/list-tenants.js';
import type { Deps } from '../../app/ports.js';
import { updateTenant } from '../../app/municipalities/update-tenant.js';
import { actorOf } from '../auth.js';
import { PageOnly, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { presentTenant } from '../present.js';
import { ERRORS, TenantCreate, TenantPatch } from '../schemas.js';

const TenantParams = Type.Object({ id: Type.String() });

export const tenantRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/tenants', {
    schema: { 'x-kopa-permission': 'tenants.read', tags: ['tenants'], summary: 'Municipalities the caller may see, by name', querystring: PageOnly, response: { 200: pageOf(Type.Ref('Tenant')), ...ERRORS } },
  }, async (request, reply) => sendListPage(request, reply, 'tenants', await listTenants(deps, actorOf(request)), (t) => [t.name, t.id], ['string', 'uuid'], { present: presentTenant }));

  app.post('/tenants', {
    schema: { 'x-kopa-permission': 'tenants.write', tags: ['tenants'], summary: 'Onboard a municipality (operator)', body: TenantCreate, response: { 201: Type.Ref('Tenant'), ...ERRORS } },
  }, async (request, reply) => {
    const tenant = await createTenant(deps, actorOf(request), request.body);
    return reply.status(201).header('Location', `/api/v1/tenants/${tenant.id}`).send(presentTenant(tenant));
  });

  app.get('/tenants/:id', {
    schema: { 'x-kopa-permission': 'tenants.read', tags: ['tenants'], summary: 'One municipality', params: TenantParams, response: { 200: Type.Ref('Tenant'), ...ERRORS } },
  }, async (request) => presentTenant(await getTenant(deps, actorOf(request), pathId(request.params.id, 'Municipality'))));

  app.get('/tenants/:id/export', {
    schema: { 'x-kopa-permission': 'tenants.export',
      tags: ['tenants'],
      summary: 'Everything a municipality left behind, as a ZIP (operator)',
      description:
        'Agreements with every version, tickets with their history and attachments, published availability reports (JSON and PDF), invoices (UBL and PDF), usage (CSV), its people and the audit events about it. `manifest.json`, the last entry, lists every file with its size and SHA-256 and counts each kind of record. Streamed; works in any status, offboarded included.',
      params: TenantParams,
      response: { 200: Type.String({ format: 'binary', description: 'application/zip' }), ...ERRORS },
    },
  }, async (request, reply) => {
    const { fileName, stream } = await exportTenant(deps, actorOf(request), pathId(request.params.id, 'Municipality'));
    return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName}"`).send(stream);
  });

  app.patch('/tenants/:id', {
    schema: { 'x-kopa-permission': 'tenants.write', tags: ['tenants'], summary: 'Change a municipality (operator)', params: TenantParams, body: TenantPatch, response: { 200: Type.Ref('Tenant'), ...ERRORS } },
  }, async (request) => presentTenant(await updateTenant(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.body)));
};
