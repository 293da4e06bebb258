import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Deps } from '../app/ports.js';
import { installAuth } from './auth.js';
import { installInputGuard } from './input-guard.js';
import { installJsonBodyParser } from './json-body.js';
import { installMetrics, type MetricsSources } from './metrics.js';
import { fieldError } from '../domain/errors.js';
import { installProblemHandlers, sendProblem } from './problem.js';
import { accountRoutes } from './routes/account.js';
import { fastifyTrustProxy, type TrustProxy } from './proxy-trust.js';
import { serializeRequest } from './request-log.js';
import { installSecurityHeaders } from './security-headers.js';
import { agreementRoutes } from './routes/agreements.js';
import { auditRoutes } from './routes/audit.js';
import { inboundMailRoutes } from './routes/inbound-mail.js';
import { outboxRoutes } from './routes/outbox.js';
import { notificationSettingsRoutes } from './routes/notification-settings.js';
import { calendarRoutes } from './routes/calendars.js';
import { healthRoutes } from './routes/health.js';
import { identityProviderRoutes } from './routes/identity-providers.js';
import { incidentRoutes } from './routes/incidents.js';
import { invitationRoutes } from './routes/invitations.js';
import { invoiceRoutes } from './routes/invoices.js';
import { billingCatalogueRoutes } from './routes/billing-catalogue.js';
import { billingRunRoutes } from './routes/billing-runs.js';
import { monitorListRoutes } from './routes/monitor-list.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { oidcRoutes } from './routes/oidc.js';
import { probeResultRoutes } from './routes/probe-results.js';
import { serviceRoutes } from './routes/services.js';
import { slaPublicationRoutes } from './routes/sla-publications.js';
import { statusRoutes } from './routes/status.js';
import { watchRequests } from './request-activity.js';
import { statusFeedRoutes } from './routes/status-feed.js';
import { statusSubscriptionRoutes } from './routes/status-subscriptions.js';
import { sessionRoutes } from './routes/session.js';
import { tenantRoutes } from './routes/tenants.js';
import { attachmentRoutes, ticketRoutes } from './routes/tickets.js';
import { tokenRoutes } from './routes/tokens.js';
import { usageRoutes } from './routes/usage.js';
import { userAccessRoutes } from './routes/user-access.js';
import { userRoutes } from './routes/users.js';
import { SHARED_SCHEMAS } from './schemas.js';
import { compiledAtStart } from './compiled-at-start.js';
import { sharedSerializers } from './serialization.js';
import { installValidation } from './validation.js';

export interface ServerOptions {
  deps: Deps;
  sessionTtlHours: number;
  /** Reverse proxies whose X-Forwarded-* headers are believed; `true` means one hop. */
  trustProxy: TrustProxy | boolean;
  logLevel: string;
  /** Where log lines go (standard output when absent); tests pass a stream to read them. */
  logStream?: DestinationStream | undefined;
  webDir?: string | undefined;
  /** How long the public status page is served from memory (default 15 s; tests use 0). */
  statusCacheMs?: number | undefined;
  readiness(): Promise<{ database: boolean; pendingMigrations: string[] }>;
  /**
   * True once `kopa serve` is shutting down: /readyz answers 503 and every response closes its
   * connection, so keep-alive clients reconnect to another replica.
   */
  draining?: (() => boolean) | undefined;
  metrics: MetricsSources;
  /**
   * KOPA_METRICS_TOKEN: /metrics on this port asks for it. Without it this port serves no
   * metrics; KOPA_METRICS_ADDRESS then gives them a listener of their own (buildMetricsServer).
   */
  metricsToken?: string | null | undefined;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: options.logLevel,
      ...(options.logStream && { stream: options.logStream }),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      serializers: { req: serializeRequest },
    },
    trustProxy: fastifyTrustProxy(options.trustProxy),
    schemaController: { compilersFactory: { buildSerializer: sharedSerializers(undefined, compiledAtStart) } },
    // While closing, requests already on an open connection are served (with Connection: close,
    // below) rather than refused with Fastify's plain 503: nothing a client sent is dropped.
    return503OnClosing: false,
    // Router-level refusals (an over-long path segment, a malformed URL) are problems too.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode ?? 400;
      void sendProblem(reply, request, status, status === 414 ? 'uri_too_long' : 'bad_request', status === 414 ? 'A path segment is too long' : 'The URL is not valid', [fieldError('path', status === 414 ? 'too_long' : 'invalid_format', error.message.slice(0, 200))]);
    },
    // Keep a caller's request id when it looks like one, so traces join up across systems.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // First, so that its hook sees every request: the status page's start computation gives way to them.
  const requests = watchRequests(app);
  const draining = options.draining ?? (() => false);
  // The hooks every request passes take a callback rather than being async: an async hook costs a
  // promise and a microtask turn per request (ADR 0019, "The server's own CPU per request").
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (draining()) reply.header('connection', 'close');
    done(null, payload);
  });
  installSecurityHeaders(app);

  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  installValidation(app, SHARED_SCHEMAS, compiledAtStart);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kopa API',
        version: '1',
        description: 'Control plane of the shared-services platform for Latvian municipalities. Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/v1/tokens' },
          session: { type: 'apiKey', in: 'cookie', name: 'kopa_session', description: 'Browser session; writes need X-CSRF-Token' },
          metrics: { type: 'http', scheme: 'bearer', description: 'KOPA_METRICS_TOKEN, for Prometheus' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  // Swagger UI's validator badge would load an image from validator.swagger.io, which the CSP refuses.
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { validatorUrl: null } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installProblemHandlers(app);
  installAuth(app, { deps: options.deps, sessionTtlHours: options.sessionTtlHours });
  installJsonBodyParser(app);
  installInputGuard(app);
  const registry = installMetrics(app, options.metrics);
  await app.register(healthRoutes, { readiness: options.readiness, draining, metrics: registry, metricsToken: options.metricsToken ?? null });

  await app.register(
    async (api) => {
      const deps = options.deps;
      await api.register(sessionRoutes, { deps, sessionTtlHours: options.sessionTtlHours });
      await api.register(tenantRoutes, { deps });
      await api.register(agreementRoutes, { deps });
      await api.register(accountRoutes, { deps, sessionTtlHours: options.sessionTtlHours });
      await api.register(userRoutes, { deps });
      await api.register(userAccessRoutes, { deps });
      await api.register(invitationRoutes, { deps });
      await api.register(tokenRoutes, { deps });
      await api.register(auditRoutes, { deps });
      await api.register(outboxRoutes, { deps });
      await api.register(inboundMailRoutes, { deps });
      await api.register(notificationSettingsRoutes, { deps });
      await api.register(calendarRoutes, { deps });
      await api.register(serviceRoutes, { deps });
      await api.register(monitoringRoutes, { deps });
      await api.register(incidentRoutes, { deps });
      await api.register(slaPublicationRoutes, { deps });
      await api.register(probeResultRoutes, { deps });
      await api.register(invoiceRoutes, { deps });
      await api.register(billingCatalogueRoutes, { deps });
      await api.register(usageRoutes, { deps });
      await api.register(billingRunRoutes, { deps });
      await api.register(statusRoutes, { deps, statusCacheMs: options.statusCacheMs, requests });
      await api.register(statusFeedRoutes, { deps, statusCacheMs: options.statusCacheMs });
      await api.register(statusSubscriptionRoutes, { deps });
      await api.register(monitorListRoutes, { deps });
      await api.register(ticketRoutes, { deps });
      await api.register(attachmentRoutes, { deps });
      await api.register(oidcRoutes, { deps, sessionTtlHours: options.sessionTtlHours });
      await api.register(identityProviderRoutes, { deps });
    },
    { prefix: '/api/v1' },
  );

  await installWeb(app, options.webDir);
  return app;
}

/** Serves the built UI; any other page path gets index.html so client-side routes work. */
async function installWeb(app: FastifyInstance, webDir: string | undefined): Promise<void> {
  const hasWeb = webDir !== undefined && existsSync(join(webDir, 'index.html'));
  // The build writes a .br and a .gz beside each text file (scripts/precompress-web.js); they are
  // sent, with Content-Encoding, to a browser that accepts them. The plugin sets no Vary, without
  // which a shared cache could hand the brotli bytes to a client that never asked for them.
  if (hasWeb) {
    const vary = (res: { setHeader: (name: string, value: string) => unknown }) => res.setHeader('vary', 'accept-encoding');
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false, preCompressed: true, globIgnore: ['assets/**'], setHeaders: vary });
    // Vite names every file under assets/ by a hash of its content, so an address is never given
    // other bytes: the browser keeps them a year without asking again. Before, each reload of a
    // page revalidated its ~25 scripts, a round trip each, before the page's data could be asked.
    // index.html (the same address for every build) is still revalidated each time.
    if (existsSync(join(webDir, 'assets'))) await app.register(fastifyStatic, {
      root: join(webDir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      wildcard: false,
      index: false,
      preCompressed: true,
      maxAge: '365d',
      immutable: true,
      setHeaders: vary,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (isPage && hasWeb) return reply.type('text/html').sendFile('index.html');
    if (isPage && request.headers.accept?.includes('text/html')) {
      return reply
        .type('text/html')
        .send('<!doctype html><html lang="en"><title>Kopa</title><p>The web UI is not built. Run <code>npm run build</code> and restart.</p></html>');
    }
    return sendProblem(reply, request, 404, 'not_found', `No route ${request.method} ${path}`);
  });
}
