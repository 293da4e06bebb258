import { stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { SYSTEM } from '../app/shared/transaction.js';
import { verifyAuditChain } from '../app/audit/verify-audit-chain.js';
import { ArchiveError } from '../db/backup/archive.js';
import { backupToFile } from '../db/backup/dump.js';
import { restoreFromFile, RestoreRefused } from '../db/backup/restore.js';
import { verifyArchive } from '../db/backup/verify.js';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import { createStore } from '../db/store.js';
import type { Config } from './config.js';

/** A failure the CLI reports in one line, with its exit code. */
export class CommandFailure extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

async function auditChainOf(db: Kysely<Database>): Promise<{ ok: boolean; line: string }> {
  const report = await verifyAuditChain({ store: createStore(db) });
  return report.ok
    ? { ok: true, line: `audit chain intact: ${report.checked} events verified` }
    : { ok: false, line: `audit chain BROKEN: ${report.problems.length} problem(s) in ${report.checked} events` };
}

/** Archive problems and refusals are the operator's to read: one line, exit 1, no stack. */
function oneLine(error: unknown): never {
  if (error instanceof ArchiveError || error instanceof RestoreRefused) throw new CommandFailure(error.message);
  throw error;
}

export async function backupCommand(config: Config, options: { out?: string; verify?: string }): Promise<void> {
  if ((options.out === undefined) === (options.verify === undefined)) throw new CommandFailure('give exactly one of --out FILE or --verify FILE', 2);
  if (options.verify !== undefined) {
    const report = await verifyArchive(options.verify, auditChainOf).catch(oneLine);
    for (const line of report.lines) console.log(line);
    if (!report.ok) throw new CommandFailure(`${options.verify}: the restore drill found differences`);
    return;
  }
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const startedAt = new Date();
    const header = await backupToFile(db.kysely, options.out!, { backend: db.backend, now: startedAt });
    const { size } = await stat(options.out!);
    // For /metrics' age of the last good backup; a database that cannot take the note (a read-only
    // standby, a schema before migration 020) still got its backup.
    const store = createStore(db.kysely);
    await store
      .run(SYSTEM, (tx) => store.backups.record(tx, { startedAt, finishedAt: new Date(), ok: true, file: options.out!, bytes: size, error: null }))
      .catch(() => {});
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    console.log(`Backup written to ${options.out}: schema version ${header.schemaVersion}, ${header.tables.length} tables, ${rows} rows, ${size} bytes.`);
  } finally {
    await db.close();
  }
}

export async function restoreCommand(config: Config, options: { in: string }): Promise<void> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    const summary = await restoreFromFile(db.kysely, options.in).catch(oneLine);
    console.log(`Restored ${summary.rows} rows in ${summary.tables} tables from ${options.in} (schema version ${summary.schemaVersion}).`);
    if (summary.migratedAfter.length > 0) console.log(`Then applied: ${summary.migratedAfter.join(', ')}`);
    const chain = await auditChainOf(db.kysely);
    console.log(chain.line);
    if (!chain.ok) throw new CommandFailure('the restored audit chain does not verify');
  } finally {
    await db.close();
  }
}
