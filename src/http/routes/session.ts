import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { changeOwnLocale, changeOwnPassword } from '../../app/change-own-account.js';
import { getTenant } from '../../app/get-tenant.js';
import { logIn } from '../../app/log-in.js';
import { logOut } from '../../app/log-out.js';
import type { Deps } from '../../app/ports.js';
import type { Actor } from '../../domain/actor.js';
import { KopaError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../auth.js';
import { ERRORS } from '../schemas.js';

export const sessionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; sessionTtlHours: number }> = async (app, { deps, sessionTtlHours }) => {
  async function sessionInfo(user: User, actor: Actor, csrfToken: string) {
    const tenant = user.tenantId ? await getTenant(deps, actor, user.tenantId) : null;
    return { user: { ...user, tenantName: tenant?.name ?? null, tenantStatus: tenant?.status ?? null }, csrfToken };
  }

  app.post('/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in with e-mail and password; sets the HttpOnly session cookie',
      security: [],
      body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 200: Type.Ref('SessionInfo'), 400: Type.Ref('Problem'), 401: Type.Ref('Problem'), 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const session = await logIn(deps, {
      ...request.body,
      clientAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: request.id,
      sessionTtlHours,
    });
    setSessionCookie(reply, request, session.sessionToken, session.expiresAt);
    const actor: Actor = { kind: 'user', id: session.user.id, label: session.user.email, role: session.user.role, tenantId: session.user.tenantId, requestId: request.id, clientAddress: request.ip };
    return sessionInfo(session.user, actor, session.csrfToken);
  });

  app.get('/session', {
    schema: { tags: ['session'], summary: 'The signed-in person and the CSRF token for writes', response: { 200: Type.Ref('SessionInfo'), 401: Type.Ref('Problem') } },
  }, async (request) => {
    const auth = request.sessionAuth;
    if (!auth) throw new KopaError('unauthenticated', 'Not signed in');
    return sessionInfo(auth.user, actorOf(request), auth.csrfToken);
  });

  app.patch('/session', {
    schema: {
      tags: ['session'],
      summary: 'Change own preferences (language)',
      body: Type.Object({ locale: Type.String({ enum: ['lv', 'en'] }) }, { additionalProperties: false }),
      response: { 200: Type.Ref('SessionInfo'), ...ERRORS },
    },
  }, async (request) => {
    const auth = request.sessionAuth;
    if (!auth) throw new KopaError('unauthenticated', 'Not signed in');
    const user = await changeOwnLocale(deps, actorOf(request), request.body.locale as 'lv' | 'en');
    return sessionInfo(user, actorOf(request), auth.csrfToken);
  });

  app.patch('/session/password', {
    schema: {
      tags: ['session'],
      summary: 'Change own password; ends every session of this person',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...ERRORS },
    },
  }, async (request, reply) => {
    await changeOwnPassword(deps, actorOf(request), request.body.currentPassword, request.body.newPassword);
    clearSessionCookie(reply, request);
    return reply.status(204).send(null);
  });

  app.delete('/session', {
    schema: { tags: ['session'], summary: 'Sign out', response: { 204: Type.Null(), 401: Type.Ref('Problem') } },
  }, async (request, reply) => {
    const auth = request.sessionAuth;
    if (!auth) throw new KopaError('unauthenticated', 'Not signed in');
    await logOut(deps, actorOf(request), auth.tokenHash);
    clearSessionCookie(reply, request);
    return reply.status(204).send(null);
  });
};
