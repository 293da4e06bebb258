import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's callers are machines that do not wait on its answer the way a person waits on a
     * page: probe agents sending results, monitored systems' heartbeats (`attended`, below).
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
 * Whether someone waits on the answer as a person waits on a page: not when a machine calls — a
 * route marked `unattended`, or any call with a bearer token (probe agents refreshing their
 * monitors, municipalities' scripts); the UI signs in with a cookie. Told from the request line and
 * headers alone: nothing else is known when a request arrives.
 */
function attended(request: FastifyRequest): boolean {
  return !request.routeOptions.config.unattended && !/^Bearer\s/i.test(request.headers.authorization ?? '');
}

/**
 * Counts every request the server takes that someone waits on (`attended`), from its arrival
 * (`onRequest`) to the end of its response or its connection (the response's `close`, which an
 * aborted request emits too). Must be called on the root instance before any plugin is registered,
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
    if (!attended(request)) return done();
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
