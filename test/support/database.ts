import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type KopaDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

export type BackendName = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const BACKENDS: BackendName[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  db: KopaDatabase;
  /** A connection as the database owner, for tests that tamper with rows directly. */
  ownerQuery(text: string, params?: unknown[]): Promise<unknown[]>;
  url: string | null;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database per test file: in-memory PGlite, or a new database on
 * the PostgreSQL server named by TEST_DATABASE_URL, dropped afterwards.
 */
export async function createTestDatabase(backend: BackendName): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const db = await openDatabase({});
    await migrate(db.kysely);
    return {
      db,
      url: null,
      ownerQuery: async (text, params) => {
        const { sql } = await import('kysely');
        // Outside runScoped the PGlite session is the owner (superuser).
        const result = await sql.raw(interpolate(text, params)).execute(db.kysely);
        return result.rows as unknown[];
      },
      drop: () => db.close(),
    };
  }
  const empty = await createEmptyPostgresDatabase();
  const db = await openDatabase({ url: empty.url, poolSize: 5 });
  await migrate(db.kysely);
  const owner = ownerPool(empty.url, 1);
  return {
    db,
    url: empty.url,
    ownerQuery: async (text, params) => (await owner.query(text, params as unknown[])).rows,
    drop: async () => {
      await db.close();
      await owner.end();
      await empty.drop();
    },
  };
}

/**
 * A pool for the test's own statements as the database's owner. pg-pool's `end()` resolves before
 * its clients' sockets have closed, so the `DROP DATABASE … WITH (FORCE)` that follows can terminate a
 * backend still saying goodbye (57P01); without a listener the pool would throw that as an uncaught
 * error and fail the whole run. The app's own pool listens the same way (src/db/connect.ts).
 */
export function ownerPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {});
  return pool;
}

/** A new, empty database on the TEST_DATABASE_URL server; `drop` removes it. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `kopa_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** PGlite's raw path takes no parameters; tests only pass simple literals. */
function interpolate(text: string, params: unknown[] = []): string {
  return text.replace(/\$(\d+)/g, (_m, i: string) => {
    const value = params[Number(i) - 1];
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'number') return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}

/**
 * Waits until every transaction begun before this call has ended, in every database of the cluster.
 * "Written since" (migration 040) counts from a snapshot's xmin, the oldest transaction running
 * anywhere in the cluster: another test file's transaction in its own database, begun before a
 * test's rows were written, has them sent again — harmless, but not the exact counts a test of
 * "only what changed" checks. After this, no row written before it counts as written since.
 */
export async function noOlderTransactionRunning(database: Pick<TestDatabase, 'ownerQuery'>): Promise<void> {
  const [{ xid }] = (await database.ownerQuery('SELECT pg_current_xact_id()::text AS xid')) as [{ xid: string }];
  for (let waited = 0; ; waited += 50) {
    const [{ ended }] = (await database.ownerQuery('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS ended', [xid])) as [{ ended: boolean }];
    if (ended) return;
    if (waited > 60_000) throw new Error(`a transaction older than ${xid} is still running after a minute`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
