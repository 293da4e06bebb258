import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../connect.js';
import type { Database } from '../schema.js';
import { readArchive, TableDigest, type ArchiveHeader } from './archive.js';
import { dumpDatabase } from './dump.js';
import { restoreFromFile } from './restore.js';

export interface VerifyReport {
  ok: boolean;
  header: ArchiveHeader | null;
  /** What was compared, one line each, for the operator to read. */
  lines: string[];
}

/**
 * The restore drill: check each table's rows in the file against the header, restore into a
 * scratch PGlite database in a temporary folder, read it back the way a backup does, and compare
 * every table's count and checksum and every sequence with the archive. `inspect` looks at the
 * restored database too (the audit chain).
 */
export async function verifyArchive(file: string, inspect?: (db: Kysely<Database>) => Promise<{ ok: boolean; line: string }>): Promise<VerifyReport> {
  const lines: string[] = [];
  let header: ArchiveHeader | null = null;
  const digests = new Map<string, TableDigest>();
  let current: TableDigest | null = null;
  for await (const item of readArchive(file)) {
    if ('format' in item) header = item;
    else if (item.kind === 'table') digests.set(item.name, (current = new TableDigest()));
    else if (item.kind === 'row') current?.add(item.raw);
  }
  if (!header) return { ok: false, header, lines: ['no header'] };
  lines.push(`archive ${file}: schema version ${header.schemaVersion}, made ${header.createdAt} on ${header.source.backend} ${header.source.serverVersion}`);
  let ok = true;
  const inFile = new Map([...digests].map(([name, d]) => [name, { rows: d.rows, sha256: d.hex() }]));
  for (const table of header.tables) {
    const found = inFile.get(table.name);
    const same = found !== undefined && found.rows === table.rows && found.sha256 === table.sha256;
    if (!same) {
      ok = false;
      lines.push(`DIFFERS  file ${table.name}: header ${table.rows} rows ${table.sha256.slice(0, 16)}, file ${found ? `${found.rows} rows ${found.sha256.slice(0, 16)}` : 'no such table'}`);
    }
  }
  if (!ok) return { ok, header, lines: [...lines, 'the archive does not match its own header; not restored'] };
  lines.push(`file: ${header.tables.length} tables, ${header.tables.reduce((n, t) => n + t.rows, 0)} rows match the header's counts and SHA-256 checksums`);

  const dir = await mkdtemp(join(tmpdir(), 'kopa-verify-'));
  const scratch = await openDatabase({ dataDir: dir });
  try {
    await restoreFromFile(scratch.kysely, file, { migrateAfter: false });
    const restored = await dumpDatabase(scratch.kysely, { backend: 'pglite', now: new Date(header.createdAt) });
    const back = new Map(restored.tables.map((t) => [t.name, t]));
    for (const table of header.tables) {
      const got = back.get(table.name);
      const same = got !== undefined && got.rows === table.rows && got.sha256 === table.sha256;
      if (!same) ok = false;
      lines.push(`${same ? 'same    ' : 'DIFFERS '} ${table.name.padEnd(28)} ${String(table.rows).padStart(8)} rows  sha256 ${table.sha256.slice(0, 16)}${same ? '' : ` — restored ${got ? `${got.rows} rows ${got.sha256.slice(0, 16)}` : 'missing'}`}`);
    }
    const sequences = new Map(restored.sequences.map((s) => [s.name, s]));
    for (const s of header.sequences) {
      const got = sequences.get(s.name);
      const same = got !== undefined && got.lastValue === s.lastValue && got.isCalled === s.isCalled;
      if (!same) ok = false;
      lines.push(`${same ? 'same    ' : 'DIFFERS '} sequence ${s.name} = ${s.lastValue}${same ? '' : ` — restored ${got?.lastValue ?? 'missing'}`}`);
    }
    if (inspect) {
      const result = await inspect(scratch.kysely);
      if (!result.ok) ok = false;
      lines.push(result.line);
    }
  } finally {
    await scratch.close();
    await rm(dir, { recursive: true, force: true });
  }
  lines.push(ok ? 'restore drill passed: the restored database equals the archive' : 'restore drill FAILED');
  return { ok, header, lines };
}
