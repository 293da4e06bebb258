import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import { metricsHandler } from '../metrics-access.js';
import { sendProblem } from '../problem.js';

export interface HealthOptions {
  readiness(): Promise<{ database: boolean; pendingMigrations: string[] }>;
  /** True once the process is shutting down: a load balancer should send it nothing new. */
  draining(): boolean;
  metrics: Registry;
  /** Bearer token that /metrics asks for on this port; without one, this port does not serve metrics. */
  metricsToken: string | null;
}

/**
 * A load balancer polls /readyz with a short timeout of its own; a database that does not answer
 * (a network cut, not a refusal) must turn into "not ready" before that, not into no answer.
 */
const READINESS_TIMEOUT_MS = 2_000;

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined); // its failure after the deadline is no one's concern
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { readiness, draining, metrics, metricsToken }) => {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up', security: [] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'Database reachable, migrations current, not shutting down', security: [] } }, async (_request, reply) => {
    if (draining()) return reply.status(503).send({ status: 'draining', reason: 'draining' });
    const state = await withinTime(readiness(), READINESS_TIMEOUT_MS).catch(() => ({ database: false, pendingMigrations: [] as string[] }));
    if (!state.database) return reply.status(503).send({ status: 'not_ready', reason: 'database_unavailable', ...state });
    if (state.pendingMigrations.length > 0) return reply.status(503).send({ status: 'not_ready', reason: 'migrations_pending', ...state });
    return reply.status(200).send({ status: 'ready', ...state });
  });

  const serveMetrics = metricsToken === null ? null : metricsHandler(metrics, metricsToken);
  app.get('/metrics', {
    schema: {
      tags: ['operations'],
      summary: 'Prometheus metrics (with the metrics token)',
      description: 'Needs `Authorization: Bearer <KOPA_METRICS_TOKEN>`. Without a metrics token this port does not serve metrics (404); KOPA_METRICS_ADDRESS serves them on a separate listener.',
      security: [{ metrics: [] }],
    },
  }, async (request, reply) => {
    if (serveMetrics) return serveMetrics(request, reply);
    return sendProblem(reply, request, 404, 'not_found', 'Metrics are not served on this port');
  });
};
