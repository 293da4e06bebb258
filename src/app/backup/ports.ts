/** What scheduled backups need: somewhere to write archives, a record of each run, and the alert path. */
import type { UserStore } from '../identity/ports.js';
import type { Clock, NotificationSettings, OutboxStore, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';

export interface BackupRun {
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  file: string | null;
  bytes: number | null;
  error: string | null;
}

export interface BackupRunStore {
  record(tx: Tx, run: BackupRun): Promise<void>;
  /** When the newest good backup finished; null when there has been none. */
  lastSuccess(tx: Tx): Promise<Date | null>;
}

/** The archive files: db/ writes them (one snapshot of every table), the folder is listed for rotation. */
export interface BackupArchiver {
  /** Writes the whole archive to `file` (complete or not at all) and returns its size. */
  write(file: string): Promise<{ bytes: number }>;
  /** File names in `dir`, creating it when missing. */
  list(dir: string): Promise<string[]>;
  remove(file: string): Promise<void>;
}

export interface BackupDeps {
  store: Transactions & { backups: BackupRunStore; outbox: Pick<OutboxStore, 'record'>; users: Pick<UserStore, 'list'> };
  clock: Clock;
  backupArchiver?: BackupArchiver;
  notifications?: NotificationSettings;
}

export interface BackupSchedule {
  dir: string;
  /** How many archives rotation keeps, newest first. */
  keep: number;
}
