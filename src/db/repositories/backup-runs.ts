import { sql } from 'kysely';
import type { BackupRunStore } from '../../app/backup/ports.js';
import { trxOf } from '../tx.js';

export const backupRunRepository: BackupRunStore = {
  async record(tx, run) {
    await sql`INSERT INTO backup_runs (started_at, finished_at, ok, file, bytes, error)
              VALUES (${run.startedAt}, ${run.finishedAt}, ${run.ok}, ${run.file}, ${run.bytes}, ${run.error})`.execute(trxOf(tx));
  },
  async lastSuccess(tx) {
    const { rows } = await sql<{ at: Date | null }>`SELECT max(finished_at) AS at FROM backup_runs WHERE ok`.execute(trxOf(tx));
    return rows[0]?.at ?? null;
  },
};
