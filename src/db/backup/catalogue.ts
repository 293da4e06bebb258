import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

type Conn = Kysely<Database> | Transaction<Database>;

/** One table as the backup sees it: the columns it writes (generated ones are left out) and how rows are ordered. */
export interface TableInfo {
  name: string;
  columns: string[];
  /** `format_type` of each column: what the text of a value is cast back to on restore. */
  types: string[];
  /** A `GENERATED ALWAYS AS IDENTITY` column needs OVERRIDING SYSTEM VALUE to be written. */
  identityAlways: boolean;
  /** A deterministic order (primary key, text columns in the "C" collation), so checksums agree across servers. */
  orderBy: string;
  /** Foreign keys to the table itself, as column positions: rows must be inserted parents first. */
  selfReferences: { columns: number[]; referenced: number[] }[];
  /** FORCE ROW LEVEL SECURITY: the owner is filtered too, so the restore lifts it while loading. */
  forcedRowSecurity: boolean;
}

export interface PartitionInfo {
  name: string;
  parent: string;
  bound: string;
}

export interface Catalogue {
  /** Parents before children (foreign keys), ties by name: the order of the archive and of loading. */
  tables: TableInfo[];
  sequences: string[];
  partitions: PartitionInfo[];
}

/** Kopa's schema bookkeeping: rebuilt by the migrations, described in the archive's header instead. */
export const LEDGER = 'kopa_schema_migrations';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Reads the tables of schema public from the catalogue, so a new migration's tables are backed up without code changes. */
export async function readCatalogue(db: Conn): Promise<Catalogue> {
  const columns = await sql<{ table: string; column: string; type: string; identity: string; collatable: boolean; forced: boolean }>`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attidentity::text AS identity, a.attcollation <> 0 AS collatable, c.relforcerowsecurity AS forced
    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY c.relname, a.attnum`.execute(db);
  const keys = await sql<{ table: string; column: string }>`
    SELECT c.relname AS table, a.attname AS column
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
    CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS x(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum
    WHERE k.contype = 'p' AND c.relnamespace = 'public'::regnamespace AND NOT c.relispartition
    ORDER BY c.relname, x.ord`.execute(db);
  const references = await sql<{ table: string; referenced: string; constraint: string; column: string; referenced_column: string }>`
    SELECT c.relname AS table, r.relname AS referenced, k.conname AS constraint, a.attname AS column, ra.attname AS referenced_column
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
    CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS x(attnum, refnum, ord)
    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum
    JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = x.refnum
    WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND NOT c.relispartition AND NOT r.relispartition
    ORDER BY c.relname, k.conname, x.ord`.execute(db);
  const sequences = await sql<{ name: string }>`
    SELECT relname AS name FROM pg_class WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace ORDER BY relname`.execute(db);
  const partitions = await sql<PartitionInfo>`
    SELECT c.relname AS name, p.relname AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
    WHERE c.relispartition AND c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace ORDER BY c.relname`.execute(db);

  const byName = new Map<string, TableInfo & { collatable: boolean[] }>();
  for (const row of columns.rows) {
    if (row.table === LEDGER) continue;
    let table = byName.get(row.table);
    if (!table) {
      table = { name: row.table, columns: [], types: [], collatable: [], identityAlways: false, orderBy: '', selfReferences: [], forcedRowSecurity: row.forced };
      byName.set(row.table, table);
    }
    table.columns.push(row.column);
    table.types.push(row.type);
    table.collatable.push(row.collatable);
    if (row.identity === 'a') table.identityAlways = true;
  }
  const primaryKeys = new Map<string, string[]>();
  for (const k of keys.rows) primaryKeys.set(k.table, [...(primaryKeys.get(k.table) ?? []), k.column]);
  for (const table of byName.values()) {
    const key = primaryKeys.get(table.name) ?? table.columns;
    table.orderBy = key
      .map((column) => {
        const i = table.columns.indexOf(column);
        // Text sorts by the server's locale unless told; "C" is the same on every server.
        return primaryKeys.has(table.name) ? (table.collatable[i] ? `${quoteIdent(column)} COLLATE "C"` : quoteIdent(column)) : `${quoteIdent(column)}::text COLLATE "C"`;
      })
      .join(', ');
  }

  const edges = new Map<string, Set<string>>();
  const selfRefs = new Map<string, { columns: number[]; referenced: number[] }>();
  for (const ref of references.rows) {
    if (!byName.has(ref.table) || !byName.has(ref.referenced)) continue;
    if (ref.table === ref.referenced) {
      const table = byName.get(ref.table)!;
      const entry = selfRefs.get(`${ref.table}/${ref.constraint}`) ?? { columns: [], referenced: [] };
      entry.columns.push(table.columns.indexOf(ref.column));
      entry.referenced.push(table.columns.indexOf(ref.referenced_column));
      selfRefs.set(`${ref.table}/${ref.constraint}`, entry);
      continue;
    }
    edges.set(ref.table, (edges.get(ref.table) ?? new Set()).add(ref.referenced));
  }
  for (const [key, entry] of selfRefs) byName.get(key.split('/')[0]!)!.selfReferences.push(entry);

  const ordered = topologicalOrder([...byName.keys()].sort(), edges).map((name) => {
    const { collatable: _unused, ...table } = byName.get(name)!;
    return table;
  });
  return { tables: ordered, sequences: sequences.rows.map((s) => s.name), partitions: partitions.rows };
}

/** Kahn's algorithm with ties broken by name, so two servers with the same schema agree on the order. */
function topologicalOrder(names: string[], dependsOn: Map<string, Set<string>>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < names.length) {
    const next = names.find((n) => !done.has(n) && [...(dependsOn.get(n) ?? [])].every((d) => done.has(d)));
    if (!next) throw new Error(`Foreign keys form a cycle among: ${names.filter((n) => !done.has(n)).join(', ')}`);
    done.add(next);
    order.push(next);
  }
  return order;
}

/**
 * Session settings under which every value's text is the same on PGlite and PostgreSQL and reads
 * back to the same value: UTC, ISO dates, hex bytea, shortest exact floats. And the system role,
 * which every row-level security policy lets see every row.
 */
export async function useCanonicalText(trx: Conn): Promise<void> {
  await sql`SELECT set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, MDY', true),
                   set_config('IntervalStyle', 'postgres', true), set_config('bytea_output', 'hex', true),
                   set_config('extra_float_digits', '1', true), set_config('kopa.role', 'system', true),
                   set_config('kopa.tenant_id', '', true)`.execute(trx);
  // A whole-table read or load may rightly take longer than the server's statement timeout
  // (KOPA_DATABASE_STATEMENT_TIMEOUT_SECONDS guards requests, not backups); for this transaction only.
  await sql`SELECT set_config('statement_timeout', '0', true)`.execute(trx);
}
