import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 7313000;

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

async function ensureLedger(db: Kysely<Database>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS kopa_schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so replicas
 * starting together apply each migration once. Running it again changes nothing.
 * An applied migration whose file has since changed is an error, not a silent drift.
 */
export async function migrate(db: Kysely<Database>, migrations = loadMigrations()): Promise<{ applied: string[] }> {
  return db.transaction().execute(async (tx) => {
    // A migration may rewrite a large table, and waits here while another replica migrates:
    // the pool's statement_timeout (KOPA_DATABASE_STATEMENT_TIMEOUT_SECONDS) is for requests, not for this.
    await sql`SET LOCAL statement_timeout = 0`.execute(tx);
    await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    await ensureLedger(tx);
    const done = await tx.selectFrom('kopa_schema_migrations').selectAll().execute();
    const byVersion = new Map(done.map((m) => [m.version, m]));
    const applied: string[] = [];
    for (const m of migrations) {
      const existing = byVersion.get(m.version);
      if (existing) {
        if (existing.checksum !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs)`);
        }
        continue;
      }
      await sql.raw(m.sql).execute(tx);
      await tx
        .insertInto('kopa_schema_migrations')
        .values({ version: m.version, name: m.name, checksum: m.checksum })
        .execute();
      applied.push(m.name);
    }
    return { applied };
  });
}

export async function pendingMigrations(db: Kysely<Database>, migrations = loadMigrations()): Promise<string[]> {
  const { rows } = await sql<{ ledger: string | null }>`SELECT to_regclass('kopa_schema_migrations')::text AS ledger`.execute(db);
  if (!rows[0]?.ledger) return migrations.map((m) => m.name);
  const done = new Set((await db.selectFrom('kopa_schema_migrations').select('version').execute()).map((r) => r.version));
  return migrations.filter((m) => !done.has(m.version)).map((m) => m.name);
}
