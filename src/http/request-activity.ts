import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's callers are machines that do not wait on its answer the way a person waits on a
     * page: probe agents sending results, monitored systems' heartbeats. Their requests are not
     * counted as activity, so the status page's start computation neither gives way to them nor
     * waits for a pause in them (ADR 0022, "2026-12-07, later").
     */
    unattended?: boolean;
  }
}

/** How busy the server is, for work that should run only while no one is waiting (the status page's start). */
export interface RequestActivity {
  /** How many requests have come in since the server started. */
  received(): number;
  /**
   * Calls `then` once no request has been in flight for `quietMs` — counted from now if none is,
   * else from the end of the last — starting the count again whenever one comes in. Returns a cancel.
   */
  whenQuiet(quietMs: number, then: () => void): () => void;
}

/**
 * Counts every request the server takes, from its arrival (`onRequest`) to the end of its response
 * or its connection (the response's `close`, which an aborted request emits too), except those of
 * routes marked `unattended`. Must be called on the root instance before any plugin is registered,
 * so that its hook sees every route, the UI's files and the not-found answers included.
 */
export function watchRequests(app: FastifyInstance): RequestActivity {
  let received = 0;
  let inFlight = 0;
  const waiting = new Set<{ quietMs: number; then: () => void; timer: NodeJS.Timeout | null }>();
  const arm = (waiter: { quietMs: number; then: () => void; timer: NodeJS.Timeout | null }) => {
    waiter.timer = setTimeout(() => {
      waiting.delete(waiter);
      waiter.then();
    }, waiter.quietMs);
  };
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.unattended) return done();
    received++;
    inFlight++;
    for (const waiter of waiting) {
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.timer = null;
    }
    reply.raw.once('close', () => {
      inFlight--;
      if (inFlight === 0) for (const waiter of waiting) arm(waiter);
    });
    done();
  });
  return {
    received: () => received,
    whenQuiet(quietMs, then) {
      const waiter = { quietMs, then, timer: null };
      waiting.add(waiter);
      if (inFlight === 0) arm(waiter);
      return () => {
        if (waiter.timer) clearTimeout(waiter.timer);
        waiting.delete(waiter);
      };
    },
  };
}
