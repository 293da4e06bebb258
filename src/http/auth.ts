import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateSession, authenticateToken, readyStandingLookups } from '../app/identity/authenticate.js';
import { requirePermission } from '../app/shared/authorize.js';
import type { Deps } from '../app/ports.js';
import { enforceTenantStanding } from '../app/municipalities/tenant-standing.js';
import type { SessionStage } from '../app/identity/second-factor-ports.js';
import type { Actor } from '../domain/actor.js';
import { KopaError } from '../domain/errors.js';
import type { AccessIntent } from '../domain/tenant-access.js';
import type { TenantStatus } from '../domain/tenant.js';
import type { Permission } from '../domain/roles.js';
import type { User } from '../domain/user.js';

export const SESSION_COOKIE = 'kopa_session';
/** A browser the person completed a second factor on; sent only to the sign-in routes. */
export const DEVICE_COOKIE = 'kopa_device';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifySchema {
    /** The permission an operation needs whoever calls it; published in OpenAPI and checked before the input. */
    'x-kopa-permission'?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionAuth: { user: User; csrfToken: string; tokenHash: string; stage: SessionStage } | null;
    /** The caller's municipality is suspended: it reads, and every write is refused. */
    readOnly: boolean;
  }
}

export interface AuthOptions {
  deps: Deps;
  sessionTtlHours: number;
}

/**
 * Works out who is calling: a bearer token, or a session cookie. Cookie-authenticated
 * writes must carry the session's CSRF token; bearer calls cannot be forged by a browser.
 */
export function installAuth(app: FastifyInstance, { deps, sessionTtlHours }: AuthOptions): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionAuth', null);
  app.decorateRequest('readOnly', false);
  app.addHook('onReady', async () => {
    await readyStandingLookups(deps).catch((error: unknown) => app.log.warn({ err: error }, 'the standing lookups could not be readied at the start'));
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    const tenantStatus = await identify(request);
    request.readOnly = tenantStatus === 'suspended';
    // Decided here, before the body is parsed or validated: an anonymous caller
    // gets 401 from every route but sign-in, never a validation answer.
    if (!request.actor && !isSignIn(request) && !isPublic(request)) throw new KopaError('unauthenticated', 'Sign in or send an API token');
    const stage = request.sessionAuth?.stage ?? 'full';
    if (stage !== 'full' && !PENDING_ROUTES[stage].has(routeKey(request))) {
      throw stage === 'second_factor'
        ? new KopaError('mfa_required', 'Finish signing in with your second factor first (POST /api/v1/session/mfa)')
        : new KopaError('mfa_enrolment_required', 'Your role requires a second factor: set one up first (POST /api/v1/account/mfa/totp)');
    }
    const session = request.sessionAuth;
    const secondStep = stage === 'second_factor';
    if (session && UNSAFE.has(request.method) && !isSignIn(request) && !secondStep && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new KopaError('forbidden', 'Missing or wrong X-CSRF-Token header for a signed-in write');
    }

    // One rule for every route: a suspended municipality's people and tokens read only.
    if (request.actor) enforceTenantStanding(request.actor, tenantStatus, intentOf(request));
    // A role that may never use this operation learns so before its body, query or path is
    // judged: a validation answer would tell it how to shape a request it cannot make.
    const permission = request.routeOptions.schema?.['x-kopa-permission'];
    if (permission && request.actor) requirePermission(request.actor, permission);
  });

  /** Sets the caller; returns their municipality's status, read in the same lookup. */
  async function identify(request: FastifyRequest): Promise<TenantStatus | null> {
    const context = { requestId: request.id, clientAddress: request.ip };
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new KopaError('unauthenticated', 'Authorization header must be "Bearer <token>"');
      const auth = await authenticateToken(deps, match[1]!, context);
      request.actor = auth.actor;
      return auth.tenantStatus;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    const session = await authenticateSession(deps, cookie, { ...context, sessionTtlHours });
    if (!session) return null;
    request.actor = session.actor;
    request.sessionAuth = { user: session.user, csrfToken: session.csrfToken, tokenHash: session.tokenHash, stage: session.stage };
    return session.tenantStatus;
  }
}

/**
 * Reads, writes, or a person's own sign-in and account (everything under /api/v1/session:
 * signing in and out, language, password) and under /api/v1/account (second factors, own sessions):
 * a suspended municipality's admin must still be able to enrol the factor their role requires.
 */
function intentOf(request: FastifyRequest): AccessIntent {
  if (!UNSAFE.has(request.method)) return 'read';
  const path = request.url.split('?')[0]!;
  const own = path === '/api/v1/session' || path.startsWith('/api/v1/session/') || path.startsWith('/api/v1/account/');
  return own ? 'own_account' : 'write';
}

/**
 * What a pending session may call. A sign-in waiting for its second factor may only give it (the
 * code step carries no CSRF token: like the password step it creates, not uses, a session); one
 * waiting for an enrolment may only enrol. Everything else answers mfa_required (401) or
 * mfa_enrolment_required (403).
 */
/** Signing in through a provider is open whatever sign-in a browser has pending (routes/oidc.ts). */
const SSO_ROUTES = [
  'GET /api/v1/auth/providers',
  'GET /api/v1/auth/oidc/:providerId/start',
  'GET /api/v1/auth/oidc/callback',
  'POST /api/v1/auth/oidc/backchannel-logout',
  'POST /api/v1/session/logout',
];

const PENDING_ROUTES: Record<Exclude<SessionStage, 'full'>, Set<string>> = {
  second_factor: new Set(['POST /api/v1/session', 'GET /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/session/mfa', 'POST /api/v1/session/mfa/webauthn/options', ...SSO_ROUTES]),
  enrolment: new Set([
    ...SSO_ROUTES,
    'POST /api/v1/session',
    'GET /api/v1/session',
    'DELETE /api/v1/session',
    'GET /api/v1/account/mfa',
    'POST /api/v1/account/mfa/totp',
    'POST /api/v1/account/mfa/totp/confirm',
    'POST /api/v1/account/mfa/webauthn/options',
    'POST /api/v1/account/mfa/webauthn',
  ]),
};

function routeKey(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
}

/** POST /api/v1/session is the one API route open to anonymous callers. */
function isSignIn(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.url.split('?')[0] === '/api/v1/session';
}

/** An invited person has no account yet: the link's secret is the credential. */
function isInvitationAcceptance(request: FastifyRequest): boolean {
  return request.method === 'POST' && request.url.split('?')[0] === '/api/v1/invitations/accept';
}

/** The public status page reads services' state and incidents without signing in. */
const PUBLIC_READS = /^\/api\/v1\/(status|status\/feed\.atom|incidents(\/[^/]+)?)$/;

/** Following the status page by e-mail: anyone may ask; the mailed link's token is the credential after that. */
const STATUS_SUBSCRIPTION = /^\/api\/v1\/status\/subscriptions(\/confirm|\/unsubscribe)?$/;

/** Push monitors' beats: the secret in the URL is the credential. */
const PUSH_BEAT = /^\/api\/v1\/push\/[^/]+$/;

/** Single sign-on: the provider lookup, the start and the callback, and the provider's back-channel logout. */
const SSO_GETS = /^\/api\/v1\/auth\/(providers|oidc\/callback|oidc\/[^/]+\/start)$/;
const SSO_BACKCHANNEL = '/api/v1/auth/oidc/backchannel-logout';

/** The satisfaction mail's link: its secret is the credential, read (GET) and spent once (POST). */
const SATISFACTION_LINK = '/api/v1/tickets/satisfaction';

function isPublic(request: FastifyRequest): boolean {
  if (isInvitationAcceptance(request)) return true;
  const path = request.url.split('?')[0]!;
  if (path === SATISFACTION_LINK) return request.method === 'GET' || request.method === 'HEAD' || request.method === 'POST';
  if (SSO_GETS.test(path)) return request.method === 'GET' || request.method === 'HEAD';
  if (path === SSO_BACKCHANNEL) return request.method === 'POST';
  if (PUSH_BEAT.test(path)) return request.method === 'GET' || request.method === 'POST';
  if (STATUS_SUBSCRIPTION.test(path)) return request.method === 'POST';
  return (request.method === 'GET' || request.method === 'HEAD') && PUBLIC_READS.test(path);
}

/** The caller, or a 401. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new KopaError('unauthenticated', 'Sign in or send an API token');
  return request.actor;
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    expires: expiresAt,
  });
}

/** The page origin the browser used: WebAuthn's fallback when KOPA_PUBLIC_URL is not set. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Long-lived and HttpOnly; only the sign-in routes ever see it. */
export function setDeviceCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date): void {
  reply.setCookie(DEVICE_COOKIE, token, { path: '/api/v1/session', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}
