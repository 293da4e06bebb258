import { sql, type Kysely, type Transaction } from 'kysely';
import { openDatabase } from '../connect.js';
import { loadMigrations, migrate, type Migration } from '../migrate.js';
import type { Database } from '../schema.js';
import { ArchiveError, readArchive, readHeader, TableDigest, type ArchiveHeader } from './archive.js';
import { LEDGER, quoteIdent, readCatalogue, useCanonicalText, type TableInfo } from './catalogue.js';

/** The restore refused before writing anything; the message is the one line the CLI prints. */
export class RestoreRefused extends Error {}

export interface RestoreSummary {
  schemaVersion: number;
  tables: number;
  rows: number;
  /** Migrations newer than the archive, applied after loading it. */
  migratedAfter: string[];
}

const BATCH_ROWS = 500;
const BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Loads an archive into an empty database (PGlite or PostgreSQL): migrate to the archive's schema
 * version, load every table in one transaction (foreign-key order, the tables' own triggers and
 * forced row-level security lifted meanwhile), set the sequences, then apply the newer migrations.
 * Every table's count and checksum is checked against the header while loading; a difference
 * rolls the whole load back.
 */
export async function restoreFromFile(
  db: Kysely<Database>,
  file: string,
  options: { migrations?: Migration[]; migrateAfter?: boolean } = {},
): Promise<RestoreSummary> {
  const migrations = options.migrations ?? loadMigrations();
  const header = await readHeader(file);
  checkMigrations(header, migrations);
  await refuseNonEmpty(db, header, migrations);
  await migrate(db, migrations.filter((m) => m.version <= header.schemaVersion));
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    await useCanonicalText(trx);
    const catalogue = await readCatalogue(trx);
    const target = new Map(catalogue.tables.map((t) => [t.name, t]));
    for (const table of header.tables) {
      const info = target.get(table.name);
      if (!info) throw new ArchiveError(`table ${table.name} of the archive does not exist in schema version ${header.schemaVersion}`);
      if (info.columns.join(',') !== table.columns.join(',')) throw new ArchiveError(`table ${table.name}: the archive's columns (${table.columns.join(', ')}) differ from the database's (${info.columns.join(', ')})`);
    }
    await createPartitions(trx, header);
    // The owner may lift these on its own tables; the load must write exactly what was read.
    for (const t of catalogue.tables) {
      if (t.forcedRowSecurity) await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} NO FORCE ROW LEVEL SECURITY`).execute(trx);
      await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} DISABLE TRIGGER USER`).execute(trx);
    }
    // What the migrations themselves inserted (the 'lv' calendar, the seller, the price list) is replaced by the archive's.
    for (const t of [...catalogue.tables].reverse()) await sql.raw(`DELETE FROM ${quoteIdent(t.name)}`).execute(trx);
    rows = await loadTables(trx, file, header, target);
    for (const s of header.sequences) {
      if (!catalogue.sequences.includes(s.name)) throw new ArchiveError(`sequence ${s.name} of the archive does not exist`);
      await sql`SELECT setval(${quoteIdent(s.name)}::text::regclass, ${s.lastValue}::text::bigint, ${s.isCalled})`.execute(trx);
    }
    for (const t of catalogue.tables) {
      await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} ENABLE TRIGGER USER`).execute(trx);
      if (t.forcedRowSecurity) await sql.raw(`ALTER TABLE ${quoteIdent(t.name)} FORCE ROW LEVEL SECURITY`).execute(trx);
    }
  });
  // The restore drill compares at the archive's own version, before newer migrations change anything.
  const { applied } = options.migrateAfter === false ? { applied: [] } : await migrate(db, migrations);
  return { schemaVersion: header.schemaVersion, tables: header.tables.length, rows, migratedAfter: applied };
}

/** Newer than this code, or made by other migration texts: loading it would not give the same data. */
function checkMigrations(header: ArchiveHeader, migrations: Migration[]): void {
  const latest = migrations.at(-1)?.version ?? 0;
  if (header.schemaVersion > latest) {
    throw new RestoreRefused(`the archive has schema version ${header.schemaVersion}, newer than this Kopa's ${latest}; restore it with the release that made it, or a newer one`);
  }
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const m of header.migrations) {
    const ours = known.get(m.version);
    if (!ours || ours.checksum !== m.checksum) throw new RestoreRefused(`the archive's migration ${m.name} differs from this Kopa's; it was made by another code base`);
  }
}

/**
 * Empty means: no tables at all, or a Kopa schema holding only what its migrations insert —
 * judged against a fresh database migrated the same way, so a migration that seeds a table
 * later needs no change here.
 */
async function refuseNonEmpty(db: Kysely<Database>, header: ArchiveHeader, migrations: Migration[]): Promise<void> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition`.execute(db);
  if (tables.length === 0) return;
  if (!tables.some((t) => t.name === LEDGER)) throw new RestoreRefused('the database is not empty and holds no Kopa schema; restore into an empty database');
  const applied = new Set((await sql<{ version: number }>`SELECT version FROM ${sql.table(LEDGER)}`.execute(db)).rows.map((r) => r.version));
  const newest = Math.max(0, ...applied);
  if (newest > header.schemaVersion) {
    throw new RestoreRefused(`the database is already at schema version ${newest}, newer than the archive's ${header.schemaVersion}; restore into a new, empty database`);
  }
  const counts = await rowCounts(db);
  const fresh = await openDatabase({});
  let seeded: Map<string, number>;
  try {
    await migrate(fresh.kysely, migrations.filter((m) => applied.has(m.version)));
    seeded = await rowCounts(fresh.kysely);
  } finally {
    await fresh.close();
  }
  for (const [table, count] of counts) {
    if (count > (seeded.get(table) ?? 0)) throw new RestoreRefused(`the database is not empty (${table} has ${count} rows); restore only into an empty database`);
  }
}

async function rowCounts(db: Kysely<Database>): Promise<Map<string, number>> {
  return db.transaction().execute(async (trx) => {
    await useCanonicalText(trx); // the system role: forced row-level security would hide rows from the owner
    const catalogue = await readCatalogue(trx);
    const counts = new Map<string, number>();
    for (const t of catalogue.tables) {
      const { rows } = await sql.raw<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteIdent(t.name)}`).execute(trx);
      counts.set(t.name, Number(rows[0]!.n));
    }
    return counts;
  });
}

/** Monthly probe partitions as they were; the bound comes from the file, so only the form PostgreSQL prints for a range is accepted. */
async function createPartitions(trx: Transaction<Database>, header: ArchiveHeader): Promise<void> {
  const tables = new Set(header.tables.map((t) => t.name));
  for (const p of header.partitions) {
    if (!tables.has(p.parent) || !/^[a-z0-9_]{1,63}$/.test(p.name) || !/^FOR VALUES FROM \('[0-9 :+.-]+'\) TO \('[0-9 :+.-]+'\)$/.test(p.bound)) {
      throw new ArchiveError(`partition ${p.name} of the archive is not a plain range partition of a table in it`);
    }
    await sql.raw(`CREATE TABLE IF NOT EXISTS ${quoteIdent(p.name)} PARTITION OF ${quoteIdent(p.parent)} ${p.bound}`).execute(trx);
  }
}

async function loadTables(trx: Transaction<Database>, file: string, header: ArchiveHeader, target: Map<string, TableInfo>): Promise<number> {
  const expected = new Map(header.tables.map((t) => [t.name, t]));
  const seen = new Set<string>();
  let current: { info: TableInfo; digest: TableDigest; batch: (string | null)[][]; chars: number } | null = null;
  let total = 0;

  const flush = async () => {
    if (!current || current.batch.length === 0) return;
    await insertRows(trx, current.info, current.info.selfReferences.length > 0 ? parentsFirst(current.batch, current.info) : current.batch);
    current.batch = [];
    current.chars = 0;
  };
  const finish = async () => {
    if (!current) return;
    await flush();
    const want = expected.get(current.info.name)!;
    const sha = current.digest.hex();
    if (current.digest.rows !== want.rows || sha !== want.sha256) {
      throw new ArchiveError(`table ${current.info.name}: ${current.digest.rows} rows with checksum ${sha.slice(0, 12)}… in the archive, its header says ${want.rows} rows, ${want.sha256.slice(0, 12)}…; the archive was altered or damaged`);
    }
    total += current.digest.rows;
    current = null;
  };

  for await (const item of readArchive(file)) {
    if ('format' in item) continue;
    if (item.kind === 'table') {
      await finish();
      if (!expected.has(item.name) || seen.has(item.name)) throw new ArchiveError(`table ${item.name} is not in the header, or appears twice`);
      seen.add(item.name);
      current = { info: target.get(item.name)!, digest: new TableDigest(), batch: [], chars: 0 };
    } else if (item.kind === 'row') {
      if (!current) throw new ArchiveError('a row before any table marker');
      if (item.values.length !== current.info.columns.length) throw new ArchiveError(`table ${current.info.name}: a row has ${item.values.length} values for ${current.info.columns.length} columns`);
      current.digest.add(item.raw);
      current.batch.push(item.values);
      current.chars += item.raw.length;
      // Rows of a table that refers to itself wait for the whole table, to be ordered parents first.
      if (current.info.selfReferences.length === 0 && (current.batch.length >= BATCH_ROWS || current.chars >= BATCH_CHARS)) await flush();
    } else {
      await finish();
    }
  }
  const missing = header.tables.filter((t) => !seen.has(t.name));
  if (missing.length > 0) throw new ArchiveError(`tables ${missing.map((t) => t.name).join(', ')} are in the header but not in the archive`);
  return total;
}

/** The text of each value cast back to its column's type: the type's own input function, lossless. */
async function insertRows(trx: Transaction<Database>, table: TableInfo, rows: (string | null)[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const chunk = rows.slice(start, start + BATCH_ROWS);
    const columns = table.columns.map(quoteIdent).join(', ');
    const values = table.types.map((type, i) => `(r->>${i})::${type}`).join(', ');
    const overriding = table.identityAlways ? ' OVERRIDING SYSTEM VALUE' : '';
    await sql`${sql.raw(`INSERT INTO ${quoteIdent(table.name)} (${columns})${overriding} SELECT ${values} FROM json_array_elements(`)}${JSON.stringify(chunk)}${sql.raw('::text::json) AS r')}`.execute(trx);
  }
}

/** Rows ordered so that a row another row refers to (a credit note's invoice) is inserted first. */
function parentsFirst(rows: (string | null)[][], table: TableInfo): (string | null)[][] {
  const keyOf = (row: (string | null)[], positions: number[]) => (positions.some((p) => row[p] === null) ? null : JSON.stringify(positions.map((p) => row[p])));
  const present = table.selfReferences.map((ref) => new Set(rows.map((r) => keyOf(r, ref.referenced))));
  const placed = new Set<string>();
  const ordered: (string | null)[][] = [];
  let waiting = rows;
  while (waiting.length > 0) {
    const next: (string | null)[][] = [];
    for (const row of waiting) {
      const ready = table.selfReferences.every((ref, i) => {
        const parent = keyOf(row, ref.columns);
        return parent === null || placed.has(`${i}:${parent}`) || !present[i]!.has(parent);
      });
      if (ready) {
        ordered.push(row);
        table.selfReferences.forEach((ref, i) => {
          const own = keyOf(row, ref.referenced);
          if (own !== null) placed.add(`${i}:${own}`);
        });
      } else next.push(row);
    }
    if (next.length === waiting.length) throw new ArchiveError(`table ${table.name}: rows refer to each other in a circle`);
    waiting = next;
  }
  return ordered;
}
