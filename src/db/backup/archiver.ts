import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BackupArchiver } from '../../app/backup/ports.js';
import type { KopaDatabase } from '../connect.js';
import { backupToFile } from './dump.js';

/** Archives of this database, written as `kopa backup --out` writes them. */
export function createBackupArchiver(db: KopaDatabase, clock: { now(): Date }): BackupArchiver {
  return {
    async write(file) {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await backupToFile(db.kysely, file, { backend: db.backend, now: clock.now() });
      return { bytes: (await stat(file)).size };
    },
    async list(dir) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      return readdir(dir);
    },
    remove: (file) => rm(file, { force: true }),
  };
}
