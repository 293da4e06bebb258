import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { seedDemoData } from '../../src/app/demo/seed-demo-data.js';
import { loadConfig } from '../../src/main/config.js';
import { startLocalProber } from '../../src/jobs/prober/local-prober.js';
import type { Deps } from '../../src/app/ports.js';
import { openRuntime, serverFor, type Runtime } from '../../src/main/runtime.js';
import { createEmptyPostgresDatabase, type BackendName } from './database.js';

/**
 * The real server on a real port, with the built UI and demo data, as `npm start` runs it;
 * on PGlite in a temporary folder or on a fresh PostgreSQL database.
 */
export async function startRealServer(
  backend: BackendName,
  options: {
    prober?: boolean;
    history?: boolean;
    env?: Record<string, string>;
    /** The status page's cache, as `kopa serve` has it (15 s); 0, each request computed afresh, unless told. */
    statusCacheMs?: number;
    /** Wraps the store the server's routes get (to hold a computation at a read, say); seeding and jobs use the plain one. */
    store?: (store: Deps['store']) => Deps['store'];
  } = {},
): Promise<{ url: string; runtime: Runtime; app: FastifyInstance; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-e2e-'));
  const pgDatabase = backend === 'postgres' ? await createEmptyPostgresDatabase() : null;
  // As `kopa serve` runs: the production sign-in policy, a second factor for the administering roles.
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', KOPA_JOBS: 'false', ...options.env }, { dataDir, port: 0, databaseUrl: pgDatabase?.url ?? undefined, secretKey: randomBytes(32) });
  const runtime = await openRuntime(config);
  // `history`: the month-end `kopa demo` shows (tickets in every state, invoices, a draft run), for pages about it.
  await seedDemoData(runtime.deps, { history: options.history ?? false });
  const served = options.store ? { ...runtime, deps: { ...runtime.deps, store: options.store(runtime.deps.store) } } : runtime;
  const app = await serverFor(served, { statusCacheMs: options.statusCacheMs ?? 0 });
  // The in-server prober as `kopa serve` runs it, refreshing its monitors every second so a journey need not wait.
  const prober = options.prober ? startLocalProber(runtime.deps, app.log, { refreshMs: 1000, flushMs: 1000 }) : null;
  await prober?.start();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    runtime,
    app,
    stop: async () => {
      await prober?.stop();
      await app.close();
      await runtime.close();
      if (pgDatabase) await pgDatabase.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
