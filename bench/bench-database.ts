import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/connect.js';

/**
 * Where a benchmark runs: a fresh database on the PostgreSQL server named by BENCH_DATABASE_URL,
 * DATABASE_URL or TEST_DATABASE_URL (dropped afterwards unless BENCH_KEEP_DATABASE is set), or else embedded PGlite in a temporary folder.
 */
export async function benchDatabase(prefix: string, options: { requirePostgres?: boolean } = {}): Promise<{ url: string | undefined; dataDir: string | undefined; label: string; drop(): Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!server) {
    if (options.requirePostgres) throw new Error('This benchmark needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)');
    const dataDir = mkdtempSync(join(tmpdir(), prefix));
    return { url: undefined, dataDir, label: 'PGlite (embedded)', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `kopa_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: undefined,
    label: `PostgreSQL ${version}`,
    drop: async () => {
      if (process.env.BENCH_KEEP_DATABASE) return console.log(`database kept for inspection: ${url.toString()}`);
      const cleanup = new pg.Client({ connectionString: server });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}


/**
 * Deletes every row of one of the status page's kept tables while the server is stopped: its
 * kept days (a first start finds none) or its kept answers (a server down over a minute finds none
 * it may give). `env` is the server's: DATABASE_URL, or KOPA_DATA_DIR for the embedded database.
 */
export async function emptyKeptTable(env: Record<string, string>, table: 'status_days' | 'status_answers'): Promise<void> {
  if (env.DATABASE_URL) {
    const owner = new pg.Client({ connectionString: env.DATABASE_URL });
    await owner.connect();
    await owner.query(`DELETE FROM ${table}`).finally(() => owner.end());
  } else {
    const db = await openDatabase({ dataDir: env.KOPA_DATA_DIR });
    await db.kysely.deleteFrom(table).execute().finally(() => db.close());
  }
}
