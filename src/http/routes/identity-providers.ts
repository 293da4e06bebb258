import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listOwnIdentities, listPersonIdentities, unlinkOwnIdentity, unlinkPersonIdentity } from '../../app/oidc/linked-identities.js';
import {
  createIdentityProvider,
  deleteIdentityProvider,
  getIdentityProvider,
  listIdentityProviders,
  testIdentityProvider,
  updateIdentityProvider,
} from '../../app/oidc/manage-identity-providers.js';
import type { Deps } from '../../app/ports.js';
import { ROLES } from '../../domain/roles.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { PageOnly, pageOf, sendListPage } from '../paging.js';
import { ERRORS } from '../schemas.js';

const Role = Type.Union(ROLES.map((role) => Type.Literal(role)));
const Domains = Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { minItems: 1, maxItems: 50, description: 'E-mail domains whose people this provider signs in, e.g. ["cesis.lv"]' });
const AcrValues = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: '`acr` values that count as a second factor (besides amr mfa, otp, hwk, swk)' });

const RoleMapping = Type.Array(Type.Object({ value: Type.String({ minLength: 1, maxLength: 200 }), role: Role }, { additionalProperties: false }), {
  maxItems: 20,
  description: 'Operators only: claim value → role, first match wins; applied at every sign-in. A municipality\'s provider maps to tenant_admin or tenant_user only.',
});
const RoleClaim = Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], { description: 'Operators only: the ID-token claim (e.g. groups, roles) whose values roleMapping maps; null: roles come from Kopa alone' });

const IdentityProvider = Type.Object({
  id: Type.String({ format: 'uuid' }),
  tenantId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'null: the agency' }),
  tenantName: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  issuer: Type.String(),
  clientId: Type.String(),
  emailDomains: Type.Array(Type.String()),
  createPeople: Type.Boolean(),
  defaultRole: Role,
  mfaAcrValues: Type.Array(Type.String()),
  roleClaim: Type.Union([Type.String(), Type.Null()]),
  roleMapping: Type.Array(Type.Object({ value: Type.String(), role: Role })),
  enabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Fields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  issuer: Type.String({ minLength: 1, maxLength: 500, description: 'The issuer URL; its /.well-known/openid-configuration is read' }),
  clientId: Type.String({ minLength: 1, maxLength: 200 }),
  clientSecret: Type.String({ minLength: 1, maxLength: 1000, description: 'Stored encrypted (KOPA_SECRET_KEY); never returned' }),
  emailDomains: Domains,
};

const LinkedIdentity = Type.Object({
  id: Type.String({ format: 'uuid' }),
  providerId: Type.String({ format: 'uuid' }),
  providerName: Type.String(),
  subject: Type.String(),
  email: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time' }),
});

/** Operators manage the agency's providers and any municipality's; a municipality's admin its own. */
export const identityProviderRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/identity-providers', {
    schema: {
      'x-kopa-permission': 'identity_providers.read',
      tags: ['single sign-on'],
      summary: 'OpenID Connect providers: all for agency staff, its own for a municipality (never a secret)',
      querystring: PageOnly,
      response: { 200: pageOf(IdentityProvider), ...ERRORS },
    },
  }, async (request, reply) => sendListPage(request, reply, 'identity-providers', await listIdentityProviders(deps, actorOf(request)), (p) => [p.name, p.id], ['string', 'uuid']));

  app.post('/identity-providers', {
    schema: {
      'x-kopa-permission': 'identity_providers.write',
      tags: ['single sign-on'],
      summary: "Register a provider for the agency (tenantId null, operators only) or a municipality",
      description: "Kopa's redirect URI to register at the provider is `{KOPA_PUBLIC_URL}/api/v1/auth/oidc/callback`. People are matched by verified e-mail on their first sign-in; creating people is off unless createPeople is true, and a municipality's provider gives tenant roles only.",
      body: Type.Object(
        {
          ...Fields,
          tenantId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
          createPeople: Type.Optional(Type.Boolean({ default: false })),
          defaultRole: Type.Optional(Role),
          mfaAcrValues: Type.Optional(AcrValues),
          roleClaim: Type.Optional(RoleClaim),
          roleMapping: Type.Optional(RoleMapping),
          enabled: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
      response: { 201: IdentityProvider, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createIdentityProvider(deps, actorOf(request), request.body)));

  app.get('/identity-providers/:id', {
    schema: { 'x-kopa-permission': 'identity_providers.read', tags: ['single sign-on'], summary: 'One provider (never its secret)', params: Type.Object({ id: Type.String() }), response: { 200: IdentityProvider, ...ERRORS } },
  }, async (request) => getIdentityProvider(deps, actorOf(request), pathId(request.params.id, 'Identity provider')));

  app.patch('/identity-providers/:id', {
    schema: {
      'x-kopa-permission': 'identity_providers.write',
      tags: ['single sign-on'],
      summary: 'Change a provider: disable it (enabled false), rotate its secret, change its domains or role',
      params: Type.Object({ id: Type.String() }),
      body: Type.Partial(
        Type.Object({ ...Fields, createPeople: Type.Boolean(), defaultRole: Role, mfaAcrValues: AcrValues, roleClaim: RoleClaim, roleMapping: RoleMapping, enabled: Type.Boolean() }),
        { additionalProperties: false, minProperties: 1 },
      ),
      response: { 200: IdentityProvider, ...ERRORS },
    },
  }, async (request) => updateIdentityProvider(deps, actorOf(request), pathId(request.params.id, 'Identity provider'), request.body));

  app.delete('/identity-providers/:id', {
    schema: { 'x-kopa-permission': 'identity_providers.write', tags: ['single sign-on'], summary: 'Remove a provider and the identities linked through it (to keep them, disable it instead); open sessions stay until they end', params: Type.Object({ id: Type.String() }), response: { 204: Type.Null(), ...ERRORS } },
  }, async (request, reply) => {
    await deleteIdentityProvider(deps, actorOf(request), pathId(request.params.id, 'Identity provider'));
    return reply.status(204).send(null);
  });

  app.post('/identity-providers/:id/test', {
    schema: {
      'x-kopa-permission': 'identity_providers.write',
      tags: ['single sign-on'],
      summary: "Test a provider's settings: Kopa reads its discovery document and says what it found",
      description: 'To try a whole sign-in, open /api/v1/auth/oidc/{id}/start in a browser.',
      params: Type.Object({ id: Type.String() }),
      response: {
        200: Type.Object({
          ok: Type.Boolean(),
          error: Type.Optional(Type.String()),
          metadata: Type.Optional(Type.Object({ issuer: Type.String(), authorizationEndpoint: Type.String(), endSessionEndpoint: Type.Union([Type.String(), Type.Null()]), backchannelLogoutSupported: Type.Boolean() })),
        }),
        ...ERRORS,
      },
    },
  }, async (request) => testIdentityProvider(deps, actorOf(request), pathId(request.params.id, 'Identity provider')));

  app.delete('/account/identities/:id', {
    schema: {
      tags: ['account'],
      summary: 'Unlink one of my identities: the next sign-in through that provider is matched by verified e-mail again',
      params: Type.Object({ id: Type.String() }),
      response: { 204: Type.Null(), ...ERRORS },
    },
  }, async (request, reply) => {
    await unlinkOwnIdentity(deps, actorOf(request), pathId(request.params.id, 'Linked identity'));
    return reply.status(204).send(null);
  });

  app.get('/users/:id/identities', {
    schema: {
      'x-kopa-permission': 'users.read',
      tags: ['users'],
      summary: "A person's identities at identity providers (operators: anyone's; a municipality's admin: its people's)",
      params: Type.Object({ id: Type.String() }),
      querystring: PageOnly,
      response: { 200: pageOf(LinkedIdentity), ...ERRORS },
    },
  }, async (request, reply) =>
    sendListPage(request, reply, 'user-identities', await listPersonIdentities(deps, actorOf(request), pathId(request.params.id, 'User')), (l) => [l.providerName, l.id], ['string', 'uuid']));

  app.delete('/users/:id/identities/:identityId', {
    schema: {
      'x-kopa-permission': 'users.write',
      tags: ['users'],
      summary: "Unlink a person's identity (operators: anyone's; a municipality's admin: its people's); audited",
      params: Type.Object({ id: Type.String(), identityId: Type.String() }),
      response: { 204: Type.Null(), ...ERRORS },
    },
  }, async (request, reply) => {
    await unlinkPersonIdentity(deps, actorOf(request), pathId(request.params.id, 'User'), pathId(request.params.identityId, 'Linked identity'));
    return reply.status(204).send(null);
  });

  app.get('/account/identities', {
    schema: { tags: ['account'], summary: 'My identities at identity providers (signing in through them)', querystring: PageOnly, response: { 200: pageOf(LinkedIdentity), ...ERRORS } },
  }, async (request, reply) => sendListPage(request, reply, 'account-identities', await listOwnIdentities(deps, actorOf(request)), (l) => [l.providerName, l.id], ['string', 'uuid']));
};
