import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { acceptInvitation } from '../../app/identity/accept-invitation.js';
import { inviteUser, listInvitations } from '../../app/identity/invite-user.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { PageOnly, pageOf, sendListPage } from '../paging.js';
import { ERRORS } from '../schemas.js';

const TenantParams = Type.Object({ id: Type.String() });
const InvitationView = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('tenant_admin'), Type.Literal('tenant_user')]),
  locale: Type.Union([Type.Literal('lv'), Type.Literal('en')]),
  invitedBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('expired')], { description: 'Says nothing about whether the address has an account elsewhere' }),
});

export const invitationRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/tenants/:id/invitations', {
    schema: {
      'x-kopa-permission': 'users.write',
      tags: ['users'],
      summary: 'Invite a person to a municipality by e-mail (how a municipality’s admin adds people)',
      description:
        'Answers 202 with the pending invitation whether or not the address already has a Kopa account in another municipality; ' +
        'the e-mail to the address carries a link to choose a password, or, for an existing account, a notice. ' +
        '409 when the person is already a user of this municipality, or when this Kopa sends no e-mail.',
      params: TenantParams,
      body: Type.Object(
        {
          email: Type.String({ minLength: 3, maxLength: 254 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          role: Type.Union([Type.Literal('tenant_admin'), Type.Literal('tenant_user')]),
          locale: Type.Optional(Type.Union([Type.Literal('lv'), Type.Literal('en')])),
        },
        { additionalProperties: false },
      ),
      response: { 202: InvitationView, ...ERRORS },
    },
  }, async (request, reply) => {
    const invitation = await inviteUser(deps, actorOf(request), pathId(request.params.id, 'Municipality'), request.body);
    return reply.status(202).send(invitation);
  });

  app.get('/tenants/:id/invitations', {
    schema: { 'x-kopa-permission': 'users.read', tags: ['users'], summary: "A municipality's invitations, newest first", params: TenantParams, querystring: PageOnly, response: { 200: pageOf(InvitationView), ...ERRORS } },
  }, async (request, reply) =>
    sendListPage(request, reply, 'invitations', await listInvitations(deps, actorOf(request), pathId(request.params.id, 'Municipality')), (i) => [i.createdAt, i.id], ['string', 'uuid'], { descending: true }));

  app.post('/invitations/accept', {
    schema: {
      tags: ['users'],
      summary: 'Accept an invitation: choose a password; the account is created (no sign-in needed)',
      description: 'The token is the part after `#` in the e-mailed link. An unknown, used or expired link is one 404.',
      security: [],
      body: Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ email: Type.String() }), 400: Type.Ref('Problem'), 404: Type.Ref('Problem'), 409: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const accepted = await acceptInvitation(deps, { ...request.body, requestId: request.id, clientAddress: request.ip });
    return reply.status(201).send(accepted);
  });
};
