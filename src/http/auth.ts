import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateSession, authenticateToken } from '../app/authenticate.js';
import { requirePermission } from '../app/authorize.js';
import type { Deps } from '../app/ports.js';
import type { Actor } from '../domain/actor.js';
import { KopaError } from '../domain/errors.js';
import type { Permission } from '../domain/roles.js';
import type { User } from '../domain/user.js';

export const SESSION_COOKIE = 'kopa_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifySchema {
    /** The permission an operation needs whoever calls it; published in OpenAPI and checked before the input. */
    'x-kopa-permission'?: Permission;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionAuth: { user: User; csrfToken: string; tokenHash: string } | null;
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

  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/')) return;
    await identify(request);
    // Decided here, before the body is parsed or validated: an anonymous caller
    // gets 401 from every route but sign-in, never a validation answer.
    if (!request.actor && !isSignIn(request) && !isPublic(request)) throw new KopaError('unauthenticated', 'Sign in or send an API token');
    // A role that may never use this operation learns so before its body, query or path is
    // judged: a validation answer would tell it how to shape a request it cannot make.
    const permission = request.routeOptions.schema?.['x-kopa-permission'];
    if (permission && request.actor) requirePermission(request.actor, permission);
  });

  async function identify(request: FastifyRequest): Promise<void> {
    const context = { requestId: request.id, clientAddress: request.ip };
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new KopaError('unauthenticated', 'Authorization header must be "Bearer <token>"');
      const actor = await authenticateToken(deps, match[1]!, context);
      if (!actor) throw new KopaError('unauthenticated', 'The API token is unknown, expired or revoked');
      request.actor = actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await authenticateSession(deps, cookie, { ...context, sessionTtlHours });
    if (!session) return;
    if (UNSAFE.has(request.method) && !isSignIn(request) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new KopaError('forbidden', 'Missing or wrong X-CSRF-Token header for a signed-in write');
    }
    request.actor = session.actor;
    request.sessionAuth = { user: session.user, csrfToken: session.csrfToken, tokenHash: session.tokenHash };
  }
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
const PUBLIC_READS = /^\/api\/v1\/(status|incidents(\/[^/]+)?)$/;

/** Push monitors' beats: the secret in the URL is the credential. */
const PUSH_BEAT = /^\/api\/v1\/push\/[^/]+$/;

function isPublic(request: FastifyRequest): boolean {
  if (isInvitationAcceptance(request)) return true;
  const path = request.url.split('?')[0]!;
  if (PUSH_BEAT.test(path)) return request.method === 'GET' || request.method === 'POST';
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

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}
