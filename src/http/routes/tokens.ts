import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { createToken } from '../../app/identity/create-token.js';
import type { Deps } from '../../app/ports.js';
import { listTokens } from '../../app/identity/list-tokens.js';
import { revokeToken } from '../../app/identity/revoke-token.js';
import { actorOf } from '../auth.js';
import { PageQuery, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { ERRORS, TokenCreate } from '../schemas.js';

export const tokenRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/tokens', {
    schema: { 'x-kopa-permission': 'tokens.read',
      tags: ['tokens'],
      summary: 'API tokens the caller may see (never the secrets), newest first: every municipality’s for agency staff, one’s own for a municipality admin',
      description: 'Each token names the person behind it (`creator`) and says whether it works now (`access`) and, if not fully, why (`accessReason`).',
      querystring: Type.Object(
        {
          ...PageQuery,
          tenantId: Type.Optional(Type.String({ format: 'uuid', description: 'Only this municipality’s tokens' })),
          createdBy: Type.Optional(Type.String({ format: 'uuid', description: 'Only tokens made by this person' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: pageOf(Type.Ref('ApiToken')), ...ERRORS },
    },
  }, async (request, reply) => {
    const { limit: _limit, cursor: _cursor, ...filter } = request.query;
    return sendListPage(request, reply, 'tokens', await listTokens(deps, actorOf(request), filter), (t) => [t.createdAt, t.id], ['string', 'uuid'], { descending: true });
  });

  app.post('/tokens', {
    schema: {
      'x-kopa-permission': 'tokens.write',
      tags: ['tokens'],
      summary: 'Create an API token; the secret is in `token` and shown only this once',
      body: TokenCreate,
      response: { 201: Type.Intersect([Type.Ref('ApiToken'), Type.Object({ token: Type.String() })]), ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await createToken(deps, actorOf(request), request.body)));

  app.delete('/tokens/:id', {
    schema: { 'x-kopa-permission': 'tokens.write', tags: ['tokens'], summary: 'Revoke an API token', params: Type.Object({ id: Type.String() }), response: { 200: Type.Ref('ApiToken'), ...ERRORS } },
  }, async (request) => revokeToken(deps, actorOf(request), pathId(request.params.id, 'Token')));
};
