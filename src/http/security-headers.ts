import type { FastifyInstance } from 'fastify';

/**
 * The policy of every HTML page Kopa serves (the UI and the API documentation at /docs):
 * scripts, styles and fonts from Kopa's own origin only, no inline script or style, no
 * framing, no plugins. Images may also be `data:` URIs (the UI's favicon, Swagger UI's icons).
 * React and ECharts set styles through the DOM (CSSOM), which `style-src` does not restrict,
 * so no `'unsafe-inline'` is needed.
 */
const policy = (styleSources: string) => [
  "default-src 'none'",
  "script-src 'self'",
  `style-src ${styleSources}`,
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const CONTENT_SECURITY_POLICY = policy("'self'");

/**
 * Swagger UI at /docs draws its logo as an SVG holding one `<style>` element with the logo's
 * two colours. That exact text is allowed by its hash (a change in Swagger UI changes the
 * hash and the browser test notices); any other inline style stays refused.
 */
const SWAGGER_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";
export const DOCS_CONTENT_SECURITY_POLICY = policy(`'self' ${SWAGGER_LOGO_STYLE}`);

/** One year, as HSTS preload lists ask; sent only on responses that came over HTTPS. */
const HSTS = 'max-age=31536000; includeSubDomains';

export function installSecurityHeaders(app: FastifyInstance): void {
  // A callback, not async: it runs on every response (server.ts).
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // request.protocol follows KOPA_TRUST_PROXY: https from a trusted proxy, never from a client.
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      reply.header('content-security-policy', /^\/docs(\/|$)/.test(request.url) ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    }
    done(null, payload);
  });
}
