import { join } from 'node:path';
import { alertOperators } from '../shared/alert-operators.js';
import { SYSTEM, type Tx } from '../shared/transaction.js';
import type { BackupDeps, BackupSchedule } from './ports.js';

/** Scheduled archives are named by their start in UTC, so names sort by age. */
export const SCHEDULED_ARCHIVE = /^kopa-backup-\d{8}T\d{6}Z\.jsonl\.gz$/;

function archiveName(at: Date): string {
  return `kopa-backup-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}.jsonl.gz`;
}

/**
 * The periodic `backup` job: one archive into the folder, then the oldest scheduled archives
 * beyond `keep` are removed — only after a good backup, so a failing one never costs an old one.
 * A failure is recorded, alerts the operators (e-mail, webhooks) and is thrown, so the job
 * queue retries it with back-off.
 */
export async function runScheduledBackup(deps: BackupDeps, schedule: BackupSchedule | null): Promise<{ file: string; removed: string[] }> {
  const startedAt = deps.clock.now();
  const file = schedule ? join(schedule.dir, archiveName(startedAt)) : null;
  try {
    if (!schedule || !file) throw new Error('KOPA_BACKUP_DIR is not set on the replica that ran the backup job');
    if (!deps.backupArchiver) throw new Error('no backup archiver is wired');
    const { bytes } = await deps.backupArchiver.write(file);
    await deps.store.run(SYSTEM, (tx) => deps.store.backups.record(tx, { startedAt, finishedAt: deps.clock.now(), ok: true, file, bytes, error: null }));
    const archives = (await deps.backupArchiver.list(schedule.dir)).filter((name) => SCHEDULED_ARCHIVE.test(name)).sort().reverse();
    const removed = archives.slice(schedule.keep);
    for (const name of removed) await deps.backupArchiver.remove(join(schedule.dir, name));
    return { file, removed };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.store.run(SYSTEM, async (tx) => {
      const finishedAt = deps.clock.now();
      await deps.store.backups.record(tx, { startedAt, finishedAt, ok: false, file, bytes: null, error: message });
      await alertBackupFailure(deps, tx, { file, error: message, at: finishedAt });
    });
    throw error;
  }
}

/** Operators hear of a failed backup by e-mail and webhook (`backup.failed`). */
async function alertBackupFailure(deps: BackupDeps, tx: Tx, failure: { file: string | null; error: string; at: Date }): Promise<void> {
  await alertOperators(deps, tx, {
    event: 'backup.failed',
    key: `backup:${failure.at.toISOString()}`,
    subject: 'Kopa: rezerves kopija neizdevās / backup failed',
    lines: [
      `Rezerves kopiju neizdevās izveidot ${failure.at.toISOString()}.`,
      `The scheduled backup failed at ${failure.at.toISOString()}.`,
      `File: ${failure.file ?? '(none)'}`,
      `Error: ${failure.error}`,
      'The job is retried with back-off; /metrics kopa_backup_last_success_age_seconds shows the age of the last good backup.',
    ],
    body: { at: failure.at.toISOString(), file: failure.file, error: failure.error },
    at: failure.at,
  });
}
