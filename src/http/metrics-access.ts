import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { sendProblem } from './problem.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Serves the registry to a caller with `Authorization: Bearer <metrics token>` when a token
 * is set, and to anyone who reaches it otherwise (the separate metrics listener, which an
 * operator binds to an internal address). The token is compared in constant time.
 */
export function metricsHandler(registry: Registry, token: string | null) {
  const expected = token === null ? null : digest(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (expected) {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
        reply.header('www-authenticate', 'Bearer realm="kopa-metrics"');
        return sendProblem(reply, request, 401, 'unauthenticated', 'Metrics need the metrics token: Authorization: Bearer <KOPA_METRICS_TOKEN>');
      }
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  };
}
