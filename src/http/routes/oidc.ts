import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { settingsOf } from '../../app/identity/identity-settings.js';
import { backChannelLogout, signOutEverywhere } from '../../app/oidc/sso-sign-out.js';
import { findProvidersForEmail, finishSsoSignIn, FLOW_MINUTES, SsoRefused, startSsoSignIn } from '../../app/oidc/sso-sign-in.js';
import type { Deps } from '../../app/ports.js';
import { KopaError } from '../../domain/errors.js';
import { SSO_REFUSALS, type SsoRefusal } from '../../domain/identity-provider.js';
import { actorOf, clearSessionCookie, DEVICE_COOKIE, requestOrigin, setSessionCookie } from '../auth.js';

/** Carries the sealed state, nonce and PKCE verifier from the start of a sign-in to its callback. */
const FLOW_COOKIE = 'kopa_oidc';
const FLOW_PATH = '/api/v1/auth/oidc';
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

const Redirect = Type.Null({ description: 'A redirect (Location header)' });
const ProviderChoice = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  organisation: Type.Union([Type.String(), Type.Null()], { description: "The municipality's name; null for the agency" }),
});

/**
 * Signing in through OpenID Connect: the public lookup, start and callback the browser goes
 * through, the provider's back-channel logout, and signing out everywhere. A refused browser
 * sign-in goes back to the sign-in page with `?sso_error=<code>` (one of SSO_REFUSALS), which
 * the page words in the person's language; nothing on this path answers JSON to a browser.
 */
export const oidcRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; sessionTtlHours: number }> = async (app, { deps, sessionTtlHours }) => {
  const origin = (request: FastifyRequest) => settingsOf(deps).publicOrigin ?? requestOrigin(request);
  const redirectUri = (request: FastifyRequest) => `${origin(request)}${CALLBACK_PATH}`;
  const flowCookie = { path: FLOW_PATH, httpOnly: true, sameSite: 'lax' as const };
  const toSignIn = (reply: FastifyReply, reason: SsoRefusal) => reply.redirect(`/login?sso_error=${reason}`, 302);
  /**
   * Too many refused sign-ins: a browser goes back to the sign-in page, which words the wait in
   * the person's language; any other client gets the 429 problem (with Retry-After) as it is.
   */
  const whenThrottled = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof KopaError) || error.code !== 'throttled') return null;
    if (!/\btext\/html\b/.test(request.headers.accept ?? '')) throw error;
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    return toSignIn(reply, 'sso_throttled');
  };

  // The provider posts the logout token as a form (Back-Channel Logout 1.0 §2.5).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get('/auth/providers', {
    schema: {
      tags: ['single sign-on'],
      summary: 'The identity providers offered for an e-mail address (names only)',
      description: 'Public: the sign-in page asks while the person types. Only enabled providers whose e-mail domains include the address\'s domain.',
      security: [],
      querystring: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }) }, { additionalProperties: false }),
      response: { 200: Type.Array(ProviderChoice), 400: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return findProvidersForEmail(deps, request.query.email);
  });

  app.get('/auth/oidc/:providerId/start', {
    schema: {
      tags: ['single sign-on'],
      summary: 'Start signing in through the provider: 302 to its authorization endpoint',
      description: `Public. Authorization code flow with PKCE (S256), state and nonce. \`returnTo\` is where Kopa goes after signing in: a path on Kopa only (default /). Refusals redirect to /login?sso_error=<code>, codes: ${SSO_REFUSALS.join(', ')}. Too many refused sign-ins from this address or through this provider: 429 problem (code throttled) with Retry-After (a browser, asking for text/html, goes to /login?sso_error=sso_throttled instead).`,
      security: [],
      params: Type.Object({ providerId: Type.String({ maxLength: 64 }) }),
      querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2000 })) }),
      response: { 302: Redirect, 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    try {
      const { url, flowCookie: sealed } = await startSsoSignIn(deps, { providerId: request.params.providerId, returnTo: request.query.returnTo ?? '/', redirectUri: redirectUri(request), clientAddress: request.ip });
      reply.setCookie(FLOW_COOKIE, sealed, { ...flowCookie, secure: request.protocol === 'https', maxAge: FLOW_MINUTES * 60 });
      return reply.redirect(url, 302);
    } catch (error) {
      if (error instanceof SsoRefused) return toSignIn(reply, error.reason);
      const throttled = whenThrottled(request, reply, error);
      if (throttled) return throttled;
      throw error;
    }
  });

  app.get('/auth/oidc/callback', {
    schema: {
      tags: ['single sign-on'],
      summary: "The provider's redirect back: 302 to returnTo with the session cookie",
      description: 'Public; this is Kopa\'s redirect URI, `{KOPA_PUBLIC_URL}/api/v1/auth/oidc/callback`. When Kopa\'s own second factor is still to be given, the redirect goes to /login?returnTo=… with a pending session. Throttled like the start (429, or sso_throttled for a browser).',
      security: [],
      querystring: Type.Object({}, { additionalProperties: true }),
      response: { 302: Redirect, 429: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    reply.clearCookie(FLOW_COOKIE, flowCookie);
    try {
      const signIn = await finishSsoSignIn(deps, {
        callbackUrl: new URL(`${redirectUri(request)}${query}`),
        flowCookie: request.cookies[FLOW_COOKIE] ?? null,
        context: { clientAddress: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id, sessionTtlHours, deviceToken: request.cookies[DEVICE_COOKIE] ?? null },
      });
      setSessionCookie(reply, request, signIn.sessionToken, signIn.expiresAt);
      if (signIn.stage === 'full') return reply.redirect(signIn.returnTo, 302);
      return reply.redirect(`/login?returnTo=${encodeURIComponent(signIn.returnTo)}`, 302);
    } catch (error) {
      if (error instanceof SsoRefused) {
        request.log.info({ reason: error.reason, detail: error.message }, 'single sign-on refused');
        return toSignIn(reply, error.reason);
      }
      const throttled = whenThrottled(request, reply, error);
      if (throttled) return throttled;
      request.log.error({ err: error }, 'single sign-on failed');
      return toSignIn(reply, 'sso_failed');
    }
  });

  app.post('/auth/oidc/backchannel-logout', {
    schema: {
      tags: ['single sign-on'],
      summary: "The provider's back-channel logout: ends the Kopa sessions the logout token names",
      description: 'Public; the signed logout token is the credential (OpenID Connect Back-Channel Logout 1.0). Register `{KOPA_PUBLIC_URL}/api/v1/auth/oidc/backchannel-logout` at the provider.',
      security: [],
      consumes: ['application/x-www-form-urlencoded'],
      body: Type.Object({ logout_token: Type.String({ minLength: 1, maxLength: 16_000 }) }),
      response: { 200: Type.Object({ ended: Type.Integer() }), 400: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return backChannelLogout(deps, request.body.logout_token, request.id);
  });

  app.post('/session/logout', {
    schema: {
      tags: ['session'],
      summary: "Sign out, and get the identity provider's end-session URL when the session came from one",
      description: 'The browser goes to `endSessionUrl` next (RP-initiated logout); the provider returns it to /login. Null for a password sign-in.',
      response: { 200: Type.Object({ endSessionUrl: Type.Union([Type.String(), Type.Null()]) }), 401: Type.Ref('Problem') },
    },
  }, async (request, reply) => {
    const auth = request.sessionAuth;
    if (!auth) throw new KopaError('unauthenticated', 'Not signed in');
    const result = await signOutEverywhere(deps, actorOf(request), auth.tokenHash, `${origin(request)}/login`);
    clearSessionCookie(reply, request);
    return result;
  });
};
