import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../../app/ports.js';
import { resetSecondFactors, signOutEverywhere, userSecondFactors } from '../../app/identity/user-access.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { ERRORS } from '../schemas.js';
import { SecondFactorStatus } from './second-factor-schemas.js';

const UserParams = Type.Object({ id: Type.String() });

/** An administrator's hand on someone's sign-in: their factors and their sessions. */
export const userAccessRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/users/:id/mfa', {
    schema: { 'x-kopa-permission': 'users.read', tags: ['users'], summary: "A person's second factors (no secrets)", params: UserParams, response: { 200: SecondFactorStatus, ...ERRORS } },
  }, async (request) => userSecondFactors(deps, actorOf(request), pathId(request.params.id, 'User')));

  app.delete('/users/:id/mfa', {
    schema: { 'x-kopa-permission': 'users.write',
      tags: ['users'],
      summary: "Reset a person's second factors (a lost phone); also ends their sessions",
      description: 'Operators for anyone, a municipality’s admin for its own people; audited. A role that requires a second factor enrols anew at the next sign-in.',
      params: UserParams,
      response: { 204: Type.Null(), ...ERRORS },
    },
  }, async (request, reply) => {
    await resetSecondFactors(deps, actorOf(request), pathId(request.params.id, 'User'));
    return reply.status(204).send(null);
  });

  app.post('/users/:id/sign-out-everywhere', {
    schema: { 'x-kopa-permission': 'users.write',
      tags: ['users'],
      summary: 'End every session of a person; audited',
      params: UserParams,
      response: { 200: Type.Object({ ended: Type.Integer({ description: 'How many sessions ended' }) }), ...ERRORS },
    },
  }, async (request) => signOutEverywhere(deps, actorOf(request), pathId(request.params.id, 'User')));
};
