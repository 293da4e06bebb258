import type { Deps } from '../../src/app/ports.js';
import type { NotificationSettings } from '../../src/app/shared/ports.js';
import { seedDemoData } from '../../src/app/demo/seed-demo-data.js';
import { openDatabase, type KopaDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { argon2Hasher } from '../../src/main/runtime.js';
import { createEmptyPostgresDatabase, ownerPool } from './database.js';

/** Concurrency needs a server: PGlite is one connection, so two transactions never overlap there. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL;
export const NO_POSTGRES_REASON = 'needs PostgreSQL (set TEST_DATABASE_URL): PGlite is a single connection, so two transactions there never run at once';

/**
 * Two "replicas" of Kopa on one fresh PostgreSQL database: each has its own connection pool and so
 * its own transactions, as two servers or two job workers would. `owner` queries as the database owner.
 */
export interface Replicas {
  a: Deps;
  b: Deps;
  url: string;
  owner(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startReplicas(options: { now: () => Date; demo?: boolean; demoHistory?: boolean; notifications?: NotificationSettings}): Promise<Replicas> {
  const empty = await createEmptyPostgresDatabase();
  const pools: KopaDatabase[] = [await openDatabase({ url: empty.url, poolSize: 3 }), await openDatabase({ url: empty.url, poolSize: 3 })];
  const owner = ownerPool(empty.url, 2);
  const deps = pools.map((db): Deps => ({
    store: createStore(db.kysely),
    clock: { now: options.now },
    passwords: argon2Hasher,
    ...(options.notifications && { notifications: options.notifications }),
  }));
  await migrate(pools[0]!.kysely);
  if (options.demo) await seedDemoData(deps[0]!, { history: options.demoHistory ?? false });
  return {
    a: deps[0]!,
    b: deps[1]!,
    url: empty.url,
    owner: async (text, params) => (await owner.query(text, params as unknown[])).rows,
    close: async () => {
      for (const db of pools) await db.close();
      await owner.end();
      await empty.drop();
    },
  };
}

/** The kysely handles behind two replicas, for tests that run migrations themselves. */
export async function twoPools(url: string): Promise<[KopaDatabase, KopaDatabase]> {
  return [await openDatabase({ url, poolSize: 2 }), await openDatabase({ url, poolSize: 2 })];
}
