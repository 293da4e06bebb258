import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';

/**
 * The archive: gzip'd JSON lines. Line 1 is the header (below); then, table by table in loading
 * order, a line `{"table":"name"}` followed by one JSON array per row (each value the column's
 * text, or null); last `{"end":"kopa-backup"}`, so a cut-off file is told from a short table.
 * A table's checksum is SHA-256 over its row lines, each with its "\n".
 */
export const ARCHIVE_FORMAT = 'kopa-backup';
export const FORMAT_VERSION = 1;

export interface ArchiveTable {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { backend: 'pglite' | 'postgres'; serverVersion: string };
  /** The newest migration applied to the database that was backed up. */
  schemaVersion: number;
  migrations: { version: number; name: string; checksum: string }[];
  tables: ArchiveTable[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  partitions: { name: string; parent: string; bound: string }[];
}

export type ArchiveLine = { kind: 'table'; name: string } | { kind: 'row'; values: (string | null)[]; raw: string } | { kind: 'end' };

/** Not a Kopa archive, or one this code cannot read; the message is the one line the CLI prints. */
export class ArchiveError extends Error {}

/** Running SHA-256 and count of one table's row lines. */
export class TableDigest {
  private hash = createHash('sha256');
  rows = 0;
  add(line: string): void {
    this.hash.update(line).update('\n');
    this.rows += 1;
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Writes the body first (its counts and checksums are known only at the end), then the file as
 * two gzip members — header, body — which gunzip reads as one stream. Written beside the target
 * and renamed at the end, so a file with the final name is always complete; readable by the owner only.
 */
export async function writeArchive(file: string, produce: (writeLine: (line: string) => Promise<void>) => Promise<ArchiveHeader>): Promise<ArchiveHeader> {
  const body = `${file}.${process.pid}.body`;
  const partial = `${file}.${process.pid}.partial`;
  try {
    const gzip = createGzip();
    const out = createWriteStream(body, { mode: 0o600 });
    const written = pipeline(gzip, out);
    let header: ArchiveHeader;
    try {
      header = await produce(async (line) => {
        if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
      });
      gzip.end(`${JSON.stringify({ end: ARCHIVE_FORMAT })}\n`);
    } catch (error) {
      gzip.destroy();
      await written.catch(() => {});
      throw error;
    }
    await written;
    await writeFile(partial, gzipSync(`${JSON.stringify(header)}\n`), { mode: 0o600 });
    await pipeline(createReadStream(body), createWriteStream(partial, { flags: 'a' }));
    await rename(partial, file);
    return header;
  } finally {
    await rm(body, { force: true });
    await rm(partial, { force: true });
  }
}

/** The header and then every line of the archive, streamed (an archive may be larger than memory). */
export async function* readArchive(file: string): AsyncGenerator<ArchiveHeader | ArchiveLine> {
  const gunzip = createGunzip();
  createReadStream(file)
    .on('error', (error) => gunzip.destroy(error))
    .pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let lineNumber = 0;
  let ended = false;
  try {
    for await (const chunk of gunzip) {
      pending += decoder.write(chunk as Buffer);
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        lineNumber += 1;
        if (ended) throw new ArchiveError(`line ${lineNumber}: data after the end marker`);
        const parsed = parseLine(line, lineNumber);
        if (parsed && 'kind' in parsed && parsed.kind === 'end') ended = true;
        if (parsed) yield parsed;
      }
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ArchiveError(`${file}: no such file`);
    throw new ArchiveError(`${file} is not a readable gzip archive (${code ?? (error as Error).message})`);
  }
  if (pending.length > 0 || !ended) throw new ArchiveError(`${file} is cut off: the end marker is missing`);
}

/** The first line only. */
export async function readHeader(file: string): Promise<ArchiveHeader> {
  for await (const item of readArchive(file)) {
    if ('format' in item) return item;
    break;
  }
  throw new ArchiveError(`${file} has no header`);
}

function parseLine(line: string, lineNumber: number): ArchiveHeader | ArchiveLine | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ArchiveError(`line ${lineNumber} is not JSON`);
  }
  if (lineNumber === 1) return checkHeader(value);
  if (Array.isArray(value)) {
    if (!value.every((v) => v === null || typeof v === 'string')) throw new ArchiveError(`line ${lineNumber}: a row holds only text and nulls`);
    return { kind: 'row', values: value as (string | null)[], raw: line };
  }
  const object = value as { table?: unknown; end?: unknown } | null;
  if (object && typeof object.table === 'string') return { kind: 'table', name: object.table };
  if (object && object.end === ARCHIVE_FORMAT) return { kind: 'end' };
  throw new ArchiveError(`line ${lineNumber} is neither a row nor a table marker`);
}

function checkHeader(value: unknown): ArchiveHeader {
  const header = value as Partial<ArchiveHeader> | null;
  if (!header || header.format !== ARCHIVE_FORMAT) throw new ArchiveError('not a Kopa backup archive (no kopa-backup header)');
  if (header.formatVersion !== FORMAT_VERSION) throw new ArchiveError(`archive format ${String(header.formatVersion)} is not readable by this Kopa (format ${FORMAT_VERSION})`);
  if (!Number.isInteger(header.schemaVersion) || !Array.isArray(header.tables) || !Array.isArray(header.migrations) || !Array.isArray(header.sequences) || !Array.isArray(header.partitions)) {
    throw new ArchiveError('the archive header is incomplete');
  }
  return header as ArchiveHeader;
}
