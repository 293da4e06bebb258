import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type Backend = 'pglite' | 'postgres';

export interface KopaDatabase {
  kysely: Kysely<Database>;
  backend: Backend;
  /** Pool figures for /metrics; PGlite has one session. */
  poolStats(): { total: number; idle: number; waiting: number };
  /** Opens the connections the pool keeps (`keepOpen`) now, before a request needs them; PGlite has nothing to open. */
  openKept(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string | undefined;
  /** Folder for PGlite's files; absent means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /** How long a request waits for a connection (a new one, or a free one from a busy pool); default 5 s. */
  connectTimeoutMs?: number;
  /** PostgreSQL's statement_timeout for every session; 0 or absent means none. */
  statementTimeoutMs?: number;
  /**
   * Connections the pool keeps open however long it is idle (pg closes an idle one after 10 s
   * otherwise, and the next request pays for a new backend); opened at once by `openKept`.
   */
  keepOpen?: number;
}

// Dates, numerics and bigints stay text: calendar dates have no zone and money must stay exact.
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const asText = (value: string) => value;

export async function openDatabase(options: DatabaseOptions): Promise<KopaDatabase> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options.dataDir);
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<KopaDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    min: Math.min(options.keepOpen ?? 0, options.poolSize ?? 10),
    application_name: 'kopa',
    // Bounded waits, so a database that is down or a pool that is exhausted gives an answer
    // (503) instead of a request that hangs: pg's default is to wait for ever.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    // TCP keep-alive finds a connection whose server vanished without closing it (a network cut).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === OID.INT8 || oid === OID.NUMERIC || oid === OID.DATE) return asText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // A connection that breaks must not crash the process. The pool listens to its idle
  // connections ('error' below) but not to those lent out: one whose server goes away between two
  // statements of a transaction would emit an 'error' nobody hears, and Node exits on that. The
  // statement in progress, or the next one, fails instead and the pool drops the connection.
  pool.on('connect', (client) => client.on('error', () => {}));
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    backend: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    openKept: async () => {
      const clients = await Promise.all(Array.from({ length: pool.options.min ?? 0 }, () => pool.connect()));
      for (const client of clients) client.release();
    },
    close: () => kysely.destroy(),
  };
}

/**
 * PostgreSQL's memory settings for the embedded database. PGlite's Postgres lives in the Node
 * process's WebAssembly memory, which grows and never shrinks, so what Postgres allocates once it
 * keeps for the life of the process — and all of it counts as the server's memory. Its defaults are
 * a dedicated server's: 128 MB of shared buffers, which PGlite touches at start, took the process
 * from about 190 to 310 MiB before a single query. Pages the buffers do not hold are read from the
 * data folder through the operating system's file cache, which is not the server's memory.
 * - shared_buffers 16 MB (2,048 pages): the monitors, their rollup cursors and the newest results
 *   and index pages a minute of probing touches fit; wal_buffers follows it (1/32).
 * - maintenance_work_mem 16 MB: an index a migration builds on a large table sorts on disk past it,
 *   instead of growing the memory by up to the default 64 MB for good.
 */
const EMBEDDED_SETTINGS = ['shared_buffers=16MB', 'maintenance_work_mem=16MB'];

/**
 * PGlite's Postgres is 9 MB of WebAssembly, which V8 compiles lazily with its baseline compiler
 * (Liftoff) and then, function by function as they run hot, again with its optimizing compiler
 * (TurboFan) on background threads. Those optimizing compilations were the embedded server's peak
 * memory: each takes megabytes of compiler memory, several threads at once while PGlite opens and
 * the first work runs, and the C allocator keeps much of it afterwards. Measured on 1,000 monitors
 * (ADR 0025, "2026-12-07"): the server's peak 304–312 MiB with them, 227 without; queries run on Liftoff's
 * code, which the same ADR measures against the API's throughput.
 * V8 reads the flag when it compiles, so it is set before PGlite is created; it holds for the
 * process, whose only WebAssembly besides PGlite's is Node's HTTP parser for fetch (small).
 * `--liftoff-only` alone holds at run time on Node 20 and 22 but not on 24: there its implied
 * `--no-wasm-tier-up --no-wasm-dynamic-tiering` are applied only from the command line, and V8 went
 * on tiering hot functions up (338 optimizing compilations in a migration). Given explicitly, all
 * three hold on 20, 22 and 24 (test/integration/embedded-compilation.test.ts, run on Node 24 in CI).
 */
function compileWebAssemblyWithLiftoffOnly(): void {
  setFlagsFromString('--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering');
}

async function openPGlite(dataDir: string | undefined): Promise<KopaDatabase> {
  compileWebAssemblyWithLiftoffOnly();
  let location: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    location = join(dataDir, 'pglite');
  }
  const pglite = await PGlite.create(location, {
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS.flatMap((setting) => ['-c', setting])],
    parsers: {
      [pgliteTypes.INT8]: asText,
      [pgliteTypes.NUMERIC]: asText,
      [pgliteTypes.DATE]: asText,
    },
  });
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    kysely,
    backend: 'pglite',
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    openKept: async () => {},
    close: async () => {
      await kysely.destroy();
      await pglite.close();
    },
  };
}
