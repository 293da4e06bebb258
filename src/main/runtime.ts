import argon2 from 'argon2';
import { sql } from 'kysely';
import type { Deps, PasswordHasher } from '../app/ports.js';
import { openDatabase, type KopaDatabase } from '../db/connect.js';
import { migrate, pendingMigrations } from '../db/migrate.js';
import { createStore } from '../db/store.js';
import { buildServer } from '../http/server.js';
import { createNotifier } from '../jobs/notifier.js';
import type { Config } from './config.js';

export const argon2Hasher: PasswordHasher = {
  // OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
  hash: (password) => argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: (hash, password) => argon2.verify(hash, password),
};

export interface Runtime {
  config: Config;
  db: KopaDatabase;
  deps: Deps;
  close(): Promise<void>;
}

/** Opens the database, brings the schema up to date and wires the use cases. */
export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize });
  try {
    if (options.migrate !== false) await migrate(db.kysely);
  } catch (error) {
    await db.close();
    throw error;
  }
  const deps: Deps = {
    store: createStore(db.kysely),
    clock: { now: () => new Date() },
    passwords: argon2Hasher,
    notifier: createNotifier({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom }),
    notifications: {
      mailEnabled: config.smtpUrl !== undefined,
      webhooks: config.webhookUrl && config.webhookSecret ? [{ url: config.webhookUrl, secret: config.webhookSecret }] : [],
      publicUrl: config.publicUrl ?? null,
    },
  };
  return { config, db, deps, close: () => db.close() };
}

export function serverFor(runtime: Runtime, options: { statusCacheMs?: number } = {}) {
  const { db, deps, config } = runtime;
  return buildServer({
    deps,
    statusCacheMs: options.statusCacheMs,
    sessionTtlHours: config.sessionTtlHours,
    trustProxy: config.trustProxy,
    logLevel: config.logLevel,
    webDir: config.webDir,
    metricsToken: config.metricsToken ?? null,
    readiness: async () => {
      await sql`SELECT 1`.execute(db.kysely);
      return { database: true, pendingMigrations: await pendingMigrations(db.kysely) };
    },
    metrics: {
      poolStats: () => db.poolStats(),
      jobCounts: () => deps.store.run({ role: 'system', tenantId: null }, (tx) => deps.store.jobs.counts(tx)),
    },
  });
}
