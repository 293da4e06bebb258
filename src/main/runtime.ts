import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import argon2 from 'argon2';
import { sql } from 'kysely';
import type { Deps } from '../app/ports.js';
import type { PasswordHasher } from '../app/shared/ports.js';
import { openDatabase, type KopaDatabase } from '../db/connect.js';
import { migrate, pendingMigrations } from '../db/migrate.js';
import { createStore } from '../db/store.js';
import { createBackupArchiver } from '../db/backup/archiver.js';
import { buildServer } from '../http/server.js';
import { createNotifier } from '../jobs/notifier.js';
import { identitySettings } from '../app/identity/identity-settings.js';
import { createSecretBox, newSecretKey, parseSecretKey } from '../app/identity/secret-box.js';
import { ConfigError, type Config } from './config.js';
import { SYSTEM } from '../app/shared/transaction.js';
import { maintenanceSentHandlers } from '../app/monitoring/maintenance-announcement.js';

export const argon2Hasher: PasswordHasher = {
  // OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
  hash: (password) => argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: (hash, password) => argon2.verify(hash, password),
};

/**
 * PostgreSQL connections the pool keeps open while idle, and `kopa serve` opens as it gets ready: as
 * many as a page's first requests use at once (the monitors page: the session and four lists). A
 * new backend costs each request that meets one its set-up (ADR 0026, "The cold start").
 */
export const KEPT_CONNECTIONS = 5;

export interface Runtime {
  config: Config;
  db: KopaDatabase;
  deps: Deps;
  close(): Promise<void>;
}

/** Opens the database, brings the schema up to date and wires the use cases. */
export async function openRuntime(config: Config, options: { migrate?: boolean } = {}): Promise<Runtime> {
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    connectTimeoutMs: config.databaseConnectTimeoutSeconds * 1000,
    statementTimeoutMs: config.databaseStatementTimeoutSeconds * 1000,
    keepOpen: KEPT_CONNECTIONS,
  });
  try {
    if (options.migrate !== false) await migrate(db.kysely);
  } catch (error) {
    await db.close();
    throw error;
  }
  let secretKey: Buffer | undefined;
  try {
    secretKey = resolveSecretKey(config, db.backend);
  } catch (error) {
    await db.close();
    throw error;
  }
  const clock = { now: () => new Date() };
  const store = createStore(db.kysely);
  const deps: Deps = {
    store,
    sentHandlers: maintenanceSentHandlers(store),
    clock,
    passwords: argon2Hasher,
    backupArchiver: createBackupArchiver(db, clock),
    ...(secretKey && { secretBox: createSecretBox(secretKey) }),
    identity: identitySettings({ mfaRequiredRoles: config.mfaRequiredRoles, publicUrl: config.publicUrl }),
    notifier: createNotifier({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom }),
    notifications: {
      mailEnabled: config.smtpUrl !== undefined,
      webhooks: config.webhookUrl && config.webhookSecret ? [{ url: config.webhookUrl, secret: config.webhookSecret }] : [],
      publicUrl: config.publicUrl ?? null,
      deskAddress: config.deskAddress ?? null,
    },
  };
  return { config, db, deps, close: () => db.close() };
}

/**
 * KOPA_SECRET_KEY, or for an embedded evaluation a key generated once into the data folder
 * (readable by the owner only). PostgreSQL deployments must configure one, shared by replicas:
 * without it `kopa serve` refuses to start (see requireSecretKey), other commands need none.
 */
function resolveSecretKey(config: Config, backend: 'pglite' | 'postgres'): Buffer | undefined {
  if (config.secretKey) return config.secretKey;
  if (backend === 'postgres') return undefined;
  const file = join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    writeFileSync(file, `${newSecretKey()}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const key = parseSecretKey(readFileSync(file, 'utf8'));
  if (!key) throw new ConfigError([`${file} does not hold a 32-byte base64 key; set KOPA_SECRET_KEY or remove the file`]);
  return key;
}

/**
 * `kopa serve` signs people in, so it needs the key that seals their second factors; checked
 * before the database is touched.
 */
export function requireSecretKey(config: Config): void {
  if (config.databaseUrl && !config.secretKey) {
    throw new ConfigError(['KOPA_SECRET_KEY must be set when DATABASE_URL is (it encrypts second-factor secrets; use the same key on every replica): openssl rand -base64 32']);
  }
}

export function serverFor(runtime: Runtime, options: { statusCacheMs?: number; draining?: () => boolean } = {}) {
  const { db, deps, config } = runtime;
  return buildServer({
    deps,
    draining: options.draining,
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
      jobCounts: () => deps.store.run(SYSTEM, (tx) => deps.store.jobs.counts(tx)),
      lastBackupSuccess: () => deps.store.run(SYSTEM, (tx) => deps.store.backups.lastSuccess(tx)),
      outboxCounts: () => deps.store.run(SYSTEM, (tx) => deps.store.outbox.counts(tx)),
      now: () => deps.clock.now(),
    },
  });
}
