import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { changeOwnLocale, changeOwnPassword } from '../../app/identity/change-own-account.js';
import { getTenant } from '../../app/municipalities/get-tenant.js';
import { completeSecondFactor, signInPasskeyOptions } from '../../app/identity/complete-second-factor.js';
import { factorInventory } from '../../app/identity/factor-inventory.js';
import { logIn } from '../../app/identity/log-in.js';
import { logOut } from '../../app/identity/log-out.js';
import type { Deps } from '../../app/ports.js';
import type { Actor } from '../../domain/actor.js';
import { KopaError, fieldError } from '../../domain/errors.js';
import { availableMethods, SECOND_FACTOR_METHODS } from '../../domain/second-factor.js';
import type { User } from '../../domain/user.js';
import { permissionsOf } from '../../domain/roles.js';
import { actorOf, clearSessionCookie, DEVICE_COOKIE, requestOrigin, SESSION_COOKIE, setDeviceCookie, setSessionCookie } from '../auth.js';
import { ERRORS } from '../schemas.js';
import { SYSTEM } from '../../app/shared/transaction.js';

/** The password step's answer when a second factor (or its enrolment) is still to come. */
const PendingSignIn = Type.Object({
  mfaRequired: Type.Literal(true),
  methods: Type.Optional(Type.Array(Type.String({ enum: [...SECOND_FACTOR_METHODS] }), { description: 'Ways to finish: totp, webauthn, recovery' })),
  enrolmentRequired: Type.Optional(Type.Literal(true)),
  csrfToken: Type.Optional(Type.String({ description: 'Only with enrolmentRequired: the pending session may enrol and nothing else' })),
});

export const sessionRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; sessionTtlHours: number }> = async (app, { deps, sessionTtlHours }) => {
  const context = (request: FastifyRequest) => ({
    clientAddress: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    requestId: request.id,
    sessionTtlHours,
    deviceToken: request.cookies[DEVICE_COOKIE] ?? null,
  });
  const personActor = (request: FastifyRequest, user: User): Actor => ({ kind: 'user', id: user.id, label: user.email, role: user.role, tenantId: user.tenantId, requestId: request.id, clientAddress: request.ip });

  async function sessionInfo(user: User, actor: Actor, csrfToken: string) {
    const tenant = user.tenantId ? await getTenant(deps, actor, user.tenantId) : null;
    const tenantStatus = tenant?.status ?? null;
    return { user: { ...user, tenantName: tenant?.name ?? null, tenantStatus }, csrfToken, permissions: permissionsOf(user.role), readOnly: tenantStatus === 'suspended' };
  }

  app.post('/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in with e-mail and password; sets the HttpOnly session cookie',
      security: [],
      body: Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
      response: { 200: Type.Union([Type.Ref('SessionInfo'), PendingSignIn]), 400: Type.Ref('Problem'), 401: Type.Ref('Problem'), 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const result = await logIn(deps, { ...request.body, ...context(request) });
    setSessionCookie(reply, request, result.sessionToken, result.expiresAt);
    if (result.stage === 'second_factor') return { mfaRequired: true as const, methods: result.methods };
    if (result.stage === 'enrolment') return { mfaRequired: true as const, enrolmentRequired: true as const, csrfToken: result.csrfToken };
    return sessionInfo(result.user, personActor(request, result.user), result.csrfToken);
  });

  app.get('/session', {
    schema: {
      tags: ['session'],
      summary: 'The signed-in person and the CSRF token for writes; for a pending sign-in, what it waits for',
      response: { 200: Type.Union([Type.Ref('SessionInfo'), PendingSignIn]), 401: Type.Ref('Problem') },
    },
  }, async (request) => {
    const auth = request.sessionAuth;
    if (!auth) throw new KopaError('unauthenticated', 'Not signed in');
    if (auth.stage === 'enrolment') return { mfaRequired: true as const, enrolmentRequired: true as const, csrfToken: auth.csrfToken };
    if (auth.stage === 'second_factor') {
      const factors = await deps.store.run(SYSTEM, (tx) => factorInventory(deps, tx, auth.user.id));
      return { mfaRequired: true as const, methods: availableMethods(factors) };
    }
    return sessionInfo(auth.user, actorOf(request), auth.csrfToken);
  });

  app.post('/session/mfa', {
    schema: {
      tags: ['session'],
      summary: 'Second step of signing in: a code from the authenticator app, a recovery code, or a passkey',
      description: 'Needs the pending session cookie from POST /session. Sets the session cookie of the full session and the long-lived known-browser cookie. Wrong answers are throttled like passwords.',
      security: [{ session: [] }],
      body: Type.Object(
        {
          method: Type.String({ enum: [...SECOND_FACTOR_METHODS] }),
          code: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
          response: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The WebAuthn assertion (AuthenticationResponseJSON) for method webauthn' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: Type.Ref('SessionInfo'), 400: Type.Ref('Problem'), 401: Type.Ref('Problem'), 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const { method, code, response } = request.body;
    if (method !== 'webauthn' && !code) throw new KopaError('validation', 'code: is required', [fieldError('code', 'required', 'is required')]);
    if (method === 'webauthn' && !response) throw new KopaError('validation', 'response: is required', [fieldError('response', 'required', 'is required for webauthn')]);
    const signIn = await completeSecondFactor(deps, {
      ...context(request),
      pendingToken: request.cookies[SESSION_COOKIE] ?? '',
      method: method as (typeof SECOND_FACTOR_METHODS)[number],
      code,
      response,
      origin: requestOrigin(request),
    });
    setSessionCookie(reply, request, signIn.sessionToken, signIn.expiresAt);
    if (signIn.device) setDeviceCookie(reply, request, signIn.device.token, signIn.device.expiresAt);
    return sessionInfo(signIn.user, personActor(request, signIn.user), signIn.csrfToken);
  });

  app.post('/session/mfa/webauthn/options', {
    schema: {
      tags: ['session'],
      summary: 'Passkey options (PublicKeyCredentialRequestOptionsJSON) for a sign-in waiting for its second factor',
      security: [{ session: [] }],
      response: { 200: Type.Object({}, { additionalProperties: true }), 401: Type.Ref('Problem'), 409: Type.Ref('Problem') },
    },
  }, async (request) => signInPasskeyOptions(deps, request.cookies[SESSION_COOKIE] ?? '', requestOrigin(request)));

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
