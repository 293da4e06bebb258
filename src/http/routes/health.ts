import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';

export interface HealthOptions {
  readiness(): Promise<{ database: boolean; pendingMigrations: string[] }>;
  metrics: Registry;
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { readiness, metrics }) => {
  app.get('/healthz', { schema: { tags: ['operations'], summary: 'The process is up', security: [] } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['operations'], summary: 'Database reachable and migrations current', security: [] } }, async (_request, reply) => {
    const state = await readiness().catch(() => ({ database: false, pendingMigrations: [] as string[] }));
    const ready = state.database && state.pendingMigrations.length === 0;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', ...state });
  });

  app.get('/metrics', { schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: false, security: [] } }, async (_request, reply) => {
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });
};
