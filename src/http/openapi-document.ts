import type { Deps } from '../app/ports.js';
import { buildServer } from './server.js';

/** Stands in for every dependency: describing the API must never reach a database or a clock. */
function unreachable(name: string): never {
  throw new Error(`${name} is not available while only describing the API`);
}

const NO_DEPS = new Proxy({} as Deps, {
  get: (_target, key) => (key === 'then' ? undefined : new Proxy({}, { get: (_t, member) => unreachable(`deps.${String(key)}.${String(member)}`) })),
});

/**
 * The OpenAPI document of the real route definitions, built in-process without a database
 * (for `npm run api:types`, which generates the UI's client types from it; ADR 0012).
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await buildServer({
    deps: NO_DEPS,
    sessionTtlHours: 12,
    trustProxy: false,
    logLevel: 'silent',
    // Nothing is cached, so nothing is computed as the server gets ready.
    statusCacheMs: 0,
    readiness: async () => unreachable('readiness'),
    metrics: { poolStats: () => unreachable('poolStats'), jobCounts: async () => unreachable('jobCounts') },
  });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
