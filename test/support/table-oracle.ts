import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

/**
 * Every table's rows as PostgreSQL prints them (`row::text`), counted and hashed by the database
 * itself — a comparison that shares no code with the backup's own checksums. Read as the system
 * role in UTC, so row-level security hides nothing and timestamps print alike on both servers.
 */
export async function tableFingerprints(db: Kysely<Database>): Promise<Record<string, string>> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('TimeZone', 'UTC', true), set_config('kopa.role', 'system', true), set_config('extra_float_digits', '1', true)`.execute(trx);
    const { rows: tables } = await sql<{ name: string }>`
      SELECT relname AS name FROM pg_class
      WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition AND relname <> 'kopa_schema_migrations'
      ORDER BY relname`.execute(trx);
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await sql.raw<{ n: string; h: string | null }>(
        `SELECT count(*)::text AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C")) AS h FROM "${name}" t`,
      ).execute(trx);
      result[name] = `${rows[0]!.n} rows ${rows[0]!.h ?? '-'}`;
    }
    const { rows: sequences } = await sql<{ name: string }>`SELECT relname AS name FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace ORDER BY relname`.execute(trx);
    for (const { name } of sequences) {
      const { rows } = await sql.raw<{ v: string }>(`SELECT last_value::text || ' ' || is_called::text AS v FROM "${name}"`).execute(trx);
      result[`sequence ${name}`] = rows[0]!.v;
    }
    return result;
  });
}

/** SHA-256 of every stored attachment's bytes, computed by the database. */
export async function attachmentDigests(db: Kysely<Database>): Promise<Record<string, string>> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('kopa.role', 'system', true)`.execute(trx);
    const { rows } = await sql<{ id: string; h: string }>`SELECT id::text, encode(sha256(content), 'hex') AS h FROM ticket_attachments ORDER BY id`.execute(trx);
    return Object.fromEntries(rows.map((r) => [r.id, r.h]));
  });
}
