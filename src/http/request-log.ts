import type { FastifyRequest } from 'fastify';

/**
 * Paths whose last segment is a credential: a push monitor's URL is its secret, so the
 * request log must not carry it (logs are read by more people, and kept longer, than the
 * secret's owner would allow).
 */
const SECRET_PATHS = [/^(\/api\/v1\/push\/)[^/?#]+/];

/** The URL as the log may keep it: secrets in the path become `[redacted]`, the rest stays. */
export function redactUrl(url: string): string {
  for (const pattern of SECRET_PATHS) {
    if (pattern.test(url)) return url.replace(pattern, '$1[redacted]');
  }
  return url;
}

/** Fastify's request serializer with the URL redacted; the other fields are Fastify's own. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: request.headers['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
