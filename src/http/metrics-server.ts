import Fastify, { type FastifyInstance } from 'fastify';
import { metricsHandler } from './metrics-access.js';
import { sendProblem } from './problem.js';

/**
 * The listener of KOPA_METRICS_ADDRESS: `/metrics` of `app` and nothing else, so Prometheus
 * can scrape on an internal address while the public port does not serve metrics at all.
 */
export async function buildMetricsServer(app: FastifyInstance, options: { token: string | null }): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  server.get('/metrics', metricsHandler(app.metricsRegistry, options.token));
  server.setNotFoundHandler((request, reply) => sendProblem(reply, request, 404, 'not_found', 'This listener serves /metrics only'));
  await server.ready();
  return server;
}
