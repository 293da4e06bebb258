import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endOtherSessions, endOwnSession, listOwnSessions } from '../../app/identity/account-sessions.js';
import { getTenant } from '../../app/municipalities/get-tenant.js';
import { addPasskey, passkeyRegistrationOptions, removePasskey, renamePasskey } from '../../app/identity/manage-passkeys.js';
import { confirmTotpEnrolment, removeTotp, startTotpEnrolment, type CallerSession } from '../../app/identity/manage-totp.js';
import type { CompletedSignIn } from '../../app/identity/open-session.js';
import type { Deps } from '../../app/ports.js';
import { regenerateRecoveryCodes } from '../../app/identity/recovery-codes.js';
import { ownSecondFactors } from '../../app/identity/user-access.js';
import { KopaError } from '../../domain/errors.js';
import { actorOf, clearSessionCookie, DEVICE_COOKIE, requestOrigin, setDeviceCookie, setSessionCookie } from '../auth.js';
import { pathId } from '../ids.js';
import { PageOnly, pageOf, sendListPage } from '../paging.js';
import { ERRORS } from '../schemas.js';
import { PERMISSIONS, permissionsOf } from '../../domain/roles.js';
import { TENANT_STATUSES } from '../../domain/tenant.js';
import { Passkey, SecondFactorStatus, SignedInSession } from './second-factor-schemas.js';

const Password = Type.String({ minLength: 1, maxLength: 256 });
const Code = Type.String({ minLength: 1, maxLength: 32, description: 'A code from the authenticator app, or a recovery code' });
const IdParams = Type.Object({ id: Type.String() });
const RecoveryCodes = Type.Array(Type.String(), { minItems: 10, maxItems: 10, description: 'Shown once; each works once' });
/** When an enrolment completed a pending sign-in, the session is full now (under a new cookie). */
const Promoted = {
  csrfToken: Type.Optional(Type.String({ description: 'Set when this enrolment completed a pending sign-in' })),
  user: Type.Optional(Type.Intersect([Type.Ref('User'), Type.Object({ tenantName: Type.Union([Type.String(), Type.Null()]), tenantStatus: Type.Union([Type.String({ enum: [...TENANT_STATUSES] }), Type.Null()]) })])),
  permissions: Type.Optional(Type.Array(Type.String({ enum: Object.keys(PERMISSIONS) }), { description: 'As in SessionInfo' })),
  readOnly: Type.Optional(Type.Boolean({ description: 'As in SessionInfo' })),
};

/** One's own sign-in: second factors, recovery codes, and signed-in sessions. */
export const accountRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; sessionTtlHours: number }> = async (app, { deps, sessionTtlHours }) => {
  function callerSession(request: FastifyRequest): CallerSession {
    const auth = request.sessionAuth;
    if (!auth) throw new KopaError('forbidden', 'Only a person signed in with a browser session has an own account');
    return {
      tokenHash: auth.tokenHash,
      csrfToken: auth.csrfToken,
      stage: auth.stage,
      clientAddress: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: request.id,
      sessionTtlHours,
      deviceToken: request.cookies[DEVICE_COOKIE] ?? null,
    };
  }

  /** The cookies and body fields of a sign-in the enrolment just completed. */
  async function promoted(request: FastifyRequest, reply: FastifyReply, signIn: CompletedSignIn | null) {
    if (!signIn) return {};
    setSessionCookie(reply, request, signIn.sessionToken, signIn.expiresAt);
    if (signIn.device) setDeviceCookie(reply, request, signIn.device.token, signIn.device.expiresAt);
    const tenant = signIn.user.tenantId ? await getTenant(deps, actorOf(request), signIn.user.tenantId) : null;
    const tenantStatus = tenant?.status ?? null;
    return { csrfToken: signIn.csrfToken, user: { ...signIn.user, tenantName: tenant?.name ?? null, tenantStatus }, permissions: permissionsOf(signIn.user.role), readOnly: tenantStatus === 'suspended' };
  }

  app.get('/account/mfa', {
    schema: { tags: ['account'], summary: 'My second factors', response: { 200: SecondFactorStatus, ...ERRORS } },
  }, async (request) => ownSecondFactors(deps, actorOf(request)));

  app.post('/account/mfa/totp', {
    schema: {
      tags: ['account'],
      summary: 'Start setting up an authenticator app: a new secret, not yet active',
      description: 'The secret is shown only in this answer. Confirm it with a code from the app.',
      response: { 201: Type.Object({ secret: Type.String({ description: 'base32' }), otpauthUrl: Type.String() }), ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await startTotpEnrolment(deps, actorOf(request))));

  app.post('/account/mfa/totp/confirm', {
    schema: {
      tags: ['account'],
      summary: 'Activate the authenticator app with its current code; returns ten recovery codes',
      body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 16 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ recoveryCodes: RecoveryCodes, ...Promoted }), ...ERRORS },
    },
  }, async (request, reply) => {
    const result = await confirmTotpEnrolment(deps, actorOf(request), callerSession(request), request.body.code);
    return { recoveryCodes: result.recoveryCodes, ...(await promoted(request, reply, result.signIn)) };
  });

  app.delete('/account/mfa/totp', {
    schema: {
      tags: ['account'],
      summary: 'Remove the authenticator app (password and a current code or a recovery code)',
      body: Type.Object({ password: Password, code: Code }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...ERRORS, 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    await removeTotp(deps, actorOf(request), request.body);
    return reply.status(204).send(null);
  });

  app.post('/account/mfa/recovery-codes', {
    schema: {
      tags: ['account'],
      summary: 'Ten new recovery codes; the old ones stop working',
      description: '`code` (from the authenticator app, or a recovery code) is required when an authenticator app is set up.',
      body: Type.Object({ password: Password, code: Type.Optional(Code) }, { additionalProperties: false }),
      response: { 200: Type.Object({ recoveryCodes: RecoveryCodes }), ...ERRORS, 429: Type.Ref('Problem') },
    },
  }, async (request) => ({ recoveryCodes: await regenerateRecoveryCodes(deps, actorOf(request), { password: request.body.password, code: request.body.code ?? '' }) }));

  app.post('/account/mfa/webauthn/options', {
    schema: {
      tags: ['account'],
      summary: 'Options (PublicKeyCredentialCreationOptionsJSON) to register a passkey',
      response: { 200: Type.Object({}, { additionalProperties: true }), ...ERRORS },
    },
  }, async (request) => passkeyRegistrationOptions(deps, actorOf(request), callerSession(request), requestOrigin(request)));

  app.post('/account/mfa/webauthn', {
    schema: {
      tags: ['account'],
      summary: 'Register a passkey with the browser’s answer (RegistrationResponseJSON) and a name',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), response: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ passkey: Passkey, recoveryCodes: Type.Union([RecoveryCodes, Type.Null()]), ...Promoted }), ...ERRORS },
    },
  }, async (request, reply) => {
    const result = await addPasskey(deps, actorOf(request), callerSession(request), request.body, requestOrigin(request));
    const body = { passkey: result.passkey, recoveryCodes: result.recoveryCodes, ...(await promoted(request, reply, result.signIn)) };
    return reply.status(201).send(body);
  });

  app.patch('/account/mfa/webauthn/:id', {
    schema: {
      tags: ['account'],
      summary: 'Rename a passkey',
      params: IdParams,
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
      response: { 200: Passkey, ...ERRORS },
    },
  }, async (request) => renamePasskey(deps, actorOf(request), pathId(request.params.id, 'Passkey'), request.body.name));

  app.delete('/account/mfa/webauthn/:id', {
    schema: {
      tags: ['account'],
      summary: 'Remove a passkey (password)',
      params: IdParams,
      body: Type.Object({ password: Password }, { additionalProperties: false }),
      response: { 204: Type.Null(), ...ERRORS, 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    await removePasskey(deps, actorOf(request), pathId(request.params.id, 'Passkey'), request.body.password);
    return reply.status(204).send(null);
  });

  app.get('/account/sessions', {
    schema: { tags: ['account'], summary: 'My signed-in sessions (browser, address, last seen), newest first', querystring: PageOnly, response: { 200: pageOf(SignedInSession), ...ERRORS } },
  }, async (request, reply) =>
    sendListPage(request, reply, 'account-sessions', await listOwnSessions(deps, actorOf(request), callerSession(request).tokenHash), (s) => [s.lastSeenAt, s.id], ['string', 'uuid'], { descending: true }));

  app.delete('/account/sessions/:id', {
    schema: { tags: ['account'], summary: 'End one of my sessions', params: IdParams, response: { 204: Type.Null(), ...ERRORS } },
  }, async (request, reply) => {
    const { current } = await endOwnSession(deps, actorOf(request), pathId(request.params.id, 'Session'), callerSession(request).tokenHash);
    if (current) clearSessionCookie(reply, request);
    return reply.status(204).send(null);
  });

  app.delete('/account/sessions', {
    schema: { tags: ['account'], summary: 'End all my other sessions (sign out everywhere else)', response: { 200: Type.Object({ ended: Type.Integer() }), ...ERRORS } },
  }, async (request) => ({ ended: await endOtherSessions(deps, actorOf(request), callerSession(request).tokenHash) }));
};
