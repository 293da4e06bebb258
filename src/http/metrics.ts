import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's Prometheus registry, for the separate metrics listener. */
    metricsRegistry: Registry;
  }
}

export interface MetricsSources {
  poolStats(): { total: number; idle: number; waiting: number };
  jobCounts(): Promise<{ kind: string; status: string; count: number }[]>;
  /** When the newest good backup finished (any replica, scheduled or `kopa backup`); null when none. */
  lastBackupSuccess?(): Promise<Date | null>;
  /** Outgoing notices by status (ADR 0020). */
  outboxCounts?(): Promise<{ status: string; count: number }[]>;
  /** The server's clock; required with lastBackupSuccess. */
  now?(): Date;
}

/** Prometheus metrics: requests by route, latency, the database pool and the job queue. */
export function installMetrics(app: FastifyInstance, sources: MetricsSources): Registry {
  const registry = new Registry();
  // prom-client samples the event loop's delay every 10 ms by default: 100 wake-ups a second, idle or
  // not, about 0.004 core of an idle server (ADR 0025). Every 100 ms still catches any stall worth a
  // metric; each sample's delay is measured as exactly as before.
  collectDefaultMetrics({ register: registry, prefix: 'kopa_process_', eventLoopMonitoringPrecision: 100 });
  const requests = new Counter({ name: 'kopa_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({
    name: 'kopa_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'kopa_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = sources.poolStats();
      this.set({ state: 'total' }, s.total);
      this.set({ state: 'idle' }, s.idle);
      this.set({ state: 'waiting' }, s.waiting);
    },
  });
  new Gauge({
    name: 'kopa_jobs',
    help: 'Background jobs by kind and status',
    labelNames: ['kind', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      // Without the database the queue cannot be counted, but the process figures still can:
      // a scrape that failed as a whole would tell Prometheus the replica is down.
      const rows = await sources.jobCounts().catch(() => []);
      for (const row of rows) this.set({ kind: row.kind, status: row.status }, row.count);
    },
  });

  new Gauge({
    name: 'kopa_outbox_notices',
    help: 'Outgoing notices waiting (queued, sending) and given up (failed); alert on failed > 0',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      if (!sources.outboxCounts) return;
      const rows = await sources.outboxCounts().catch(() => null);
      if (!rows) return;
      // Every status always has a series, 0 included, so an alert on `failed` sees it appear.
      for (const status of ['queued', 'sending', 'failed']) this.set({ status }, rows.find((r) => r.status === status)?.count ?? 0);
    },
  });

  new Gauge({
    name: 'kopa_backup_last_success_age_seconds',
    help: 'Seconds since the last good backup finished (any replica, scheduled or kopa backup); +Inf when there has been none',
    registers: [registry],
    async collect() {
      const last = await sources.lastBackupSuccess?.();
      const now = sources.now?.();
      // +Inf rather than a missing series: "older than a day" then fires for a backup that never ran too.
      this.set(last && now ? Math.max(0, (now.getTime() - last.getTime()) / 1000) : Infinity);
    },
  });

  // A callback, not async: it runs on every request (server.ts).
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL, so ids do not explode the label space.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
  app.decorate('metricsRegistry', registry);
  return registry;
}
