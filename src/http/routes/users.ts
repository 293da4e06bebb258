import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createUser } from '../../app/identity/create-user.js';
import { getUser } from '../../app/identity/get-user.js';
import { listUsers } from '../../app/identity/list-users.js';
import type { Deps } from '../../app/ports.js';
import type { User } from '../../domain/user.js';
import { updateUser } from '../../app/identity/update-user.js';
import { KopaError, fieldError } from '../../domain/errors.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, UserCreate, UserCreated, UserPatch } from '../schemas.js';

const TenantParams = Type.Object({ id: Type.String() });
const UserParams = Type.Object({ id: Type.String() });
const USER_KEY = ['string', 'uuid'] as const;
const userKey = (u: User) => [u.name, u.id] as const;

export const userRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/tenants/:id/users', {
    schema: { 'x-kopa-permission': 'users.read', tags: ['users'], summary: "A municipality's users, by name", params: TenantParams, querystring: Type.Object(PageQuery, { additionalProperties: false }), response: { 200: pageOf(Type.Ref('User')), ...ERRORS } },
  }, async (request, reply) => {
    const slice = await listUsers(deps, actorOf(request), { tenantId: pathId(request.params.id, 'Municipality') }, pageRequest(request.query, 'users', USER_KEY));
    return sendPage(request, reply, 'users', slice, userKey);
  });

  app.post('/tenants/:id/users', {
    schema: {
      'x-kopa-permission': 'users.write',
      tags: ['users'],
      summary: 'Add a user to a municipality (operator, or that municipality’s admin)',
      description: 'Without `password` a one-time password is generated and returned once as `temporaryPassword`.',
      params: TenantParams,
      body: UserCreate,
      response: { 201: UserCreated, ...ERRORS },
    },
  }, async (request, reply) => {
    const tenantId = pathId(request.params.id, 'Municipality');
    if (request.body.role !== 'tenant_admin' && request.body.role !== 'tenant_user') {
      throw new KopaError('validation', 'role: must be tenant_admin or tenant_user for a municipality', [fieldError('role', 'not_one_of', 'must be tenant_admin or tenant_user', { allowed: 'tenant_admin, tenant_user' })]);
    }
    const { user, temporaryPassword } = await createUser(deps, actorOf(request), { ...request.body, tenantId });
    return reply.status(201).send({ ...user, ...(temporaryPassword && { temporaryPassword }) });
  });

  app.get('/users', {
    schema: {
      'x-kopa-permission': 'users.read',
      tags: ['users'],
      summary: 'Users the caller may see; `agency=true` lists agency staff only',
      querystring: Type.Object({ tenantId: Type.Optional(Type.String({ format: 'uuid' })), agency: Type.Optional(Type.Boolean()), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(Type.Ref('User')), ...ERRORS },
    },
  }, async (request, reply) => {
    const slice = await listUsers(deps, actorOf(request), { tenantId: request.query.tenantId, agencyOnly: request.query.agency }, pageRequest(request.query, 'users', USER_KEY));
    return sendPage(request, reply, 'users', slice, userKey);
  });

  app.post('/users', {
    schema: { 'x-kopa-permission': 'users.write', tags: ['users'], summary: 'Add an agency staff account (operator)', body: UserCreate, response: { 201: UserCreated, ...ERRORS } },
  }, async (request, reply) => {
    if (request.body.role === 'tenant_admin' || request.body.role === 'tenant_user') {
      throw new KopaError('validation', 'role: municipality users are added under /tenants/{id}/users', [fieldError('role', 'role_not_allowed', 'must be an agency role here')]);
    }
    const { user, temporaryPassword } = await createUser(deps, actorOf(request), { ...request.body, tenantId: null });
    return reply.status(201).send({ ...user, ...(temporaryPassword && { temporaryPassword }) });
  });

  app.get('/users/:id', {
    schema: { 'x-kopa-permission': 'users.read', tags: ['users'], summary: 'One user', params: UserParams, response: { 200: Type.Ref('User'), ...ERRORS } },
  }, async (request) => getUser(deps, actorOf(request), pathId(request.params.id, 'User')));

  app.patch('/users/:id', {
    schema: { 'x-kopa-permission': 'users.write', tags: ['users'], summary: 'Rename, change role, (de)activate or reset the password of a user', params: UserParams, body: UserPatch, response: { 200: Type.Ref('User'), ...ERRORS } },
  }, async (request) => updateUser(deps, actorOf(request), pathId(request.params.id, 'User'), request.body as Parameters<typeof updateUser>[3]));
};
