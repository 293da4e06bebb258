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

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { readiness, draining, metrics, metricsToken }) => {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up', security: [] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'Database reachable, migrations current, not shutting down', security: [] } }, async (_request, reply) => {
    if (draining()) return reply.status(503).send({ status: 'draining' });
    const state = await readiness().catch(() => ({ database: false, pendingMigrations: [] as string[] }));
    const ready = state.database && state.pendingMigrations.length === 0;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...state });
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
