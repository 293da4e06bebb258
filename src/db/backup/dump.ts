import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';
import { ARCHIVE_FORMAT, FORMAT_VERSION, TableDigest, writeArchive, type ArchiveHeader } from './archive.js';
import { LEDGER, quoteIdent, readCatalogue, useCanonicalText, type TableInfo } from './catalogue.js';

const FETCH_ROWS = 1000;

/**
 * Reads every table in one REPEATABLE READ, read-only transaction: one snapshot, so the archive
 * is consistent while the server keeps writing (on PostgreSQL it blocks no writer). `sink` gets
 * each line; without one only the counts and checksums are computed (the restore drill's comparison).
 */
export async function dumpDatabase(
  db: Kysely<Database>,
  options: { backend: 'pglite' | 'postgres'; now: Date; sink?: (line: string) => Promise<void> },
): Promise<ArchiveHeader> {
  return db.transaction().execute(async (trx) => {
    await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(trx);
    await useCanonicalText(trx);
    const catalogue = await readCatalogue(trx);
    const migrations = await sql<{ version: number; name: string; checksum: string }>`
      SELECT version, name, checksum FROM ${sql.table(LEDGER)} ORDER BY version`.execute(trx);
    const { rows: server } = await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(trx);
    const tables = [];
    for (const table of catalogue.tables) {
      await options.sink?.(JSON.stringify({ table: table.name }));
      const digest = await dumpTable(trx, table, options.sink);
      tables.push({ name: table.name, columns: table.columns, rows: digest.rows, sha256: digest.hex() });
    }
    const sequences = [];
    for (const name of catalogue.sequences) {
      const { rows } = await sql<{ last_value: string; is_called: boolean }>`
        SELECT last_value::text AS last_value, is_called FROM ${sql.table(name)}`.execute(trx);
      sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
    }
    return {
      format: ARCHIVE_FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      source: { backend: options.backend, serverVersion: server[0]!.version },
      schemaVersion: migrations.rows.at(-1)?.version ?? 0,
      migrations: migrations.rows.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })),
      tables,
      sequences,
      partitions: catalogue.partitions,
    } satisfies ArchiveHeader;
  });
}

/** Every value as its text (lossless for every type under the canonical settings), read through a cursor. */
async function dumpTable(trx: Transaction<Database>, table: TableInfo, sink?: (line: string) => Promise<void>): Promise<TableDigest> {
  const digest = new TableDigest();
  const select = table.columns.map((c, i) => `${quoteIdent(c)}::text AS c${i}`).join(', ');
  await sql.raw(`DECLARE kopa_backup NO SCROLL CURSOR FOR SELECT ${select} FROM ${quoteIdent(table.name)} ORDER BY ${table.orderBy}`).execute(trx);
  for (;;) {
    const { rows } = await sql.raw<Record<string, string | null>>(`FETCH FORWARD ${FETCH_ROWS} FROM kopa_backup`).execute(trx);
    for (const row of rows) {
      const line = JSON.stringify(table.columns.map((_c, i) => row[`c${i}`] ?? null));
      digest.add(line);
      await sink?.(line);
    }
    if (rows.length < FETCH_ROWS) break;
  }
  await sql.raw('CLOSE kopa_backup').execute(trx);
  return digest;
}

/** `kopa backup --out FILE`: the archive of the whole database. */
export async function backupToFile(db: Kysely<Database>, file: string, options: { backend: 'pglite' | 'postgres'; now: Date }): Promise<ArchiveHeader> {
  return writeArchive(file, (writeLine) => dumpDatabase(db, { ...options, sink: writeLine }));
}
