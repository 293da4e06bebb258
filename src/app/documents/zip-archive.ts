import { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ArchiveEntry {
  /** Forward-slash path inside the archive. */
  path: string;
  content: Uint8Array;
  /** Already-compressed formats (PDF, images) are stored as they are. */
  compress: boolean;
}

/** Deflate is pointless for formats that compress themselves. */
export function worthCompressing(path: string): boolean {
  return !/\.(pdf|png|jpe?g|gif|webp|zip|gz|7z|docx|xlsx|odt|ods)$/i.test(path);
}

/**
 * Writes the entries as a ZIP stream (fflate), pulling the next entry only when the reader
 * wants more bytes, so a large municipality's archive is never held in memory whole.
 */
export function zipStream(entries: AsyncIterable<ArchiveEntry>, modifiedAt: Date): Readable {
  return Readable.from(zipChunks(entries, modifiedAt), { objectMode: false });
}

async function* zipChunks(entries: AsyncIterable<ArchiveEntry>, modifiedAt: Date): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate's synchronous entries call back during push(), so each entry's bytes are ready right after it.
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  for await (const entry of entries) {
    const file = entry.compress ? new ZipDeflate(entry.path, { level: 6 }) : new ZipPassThrough(entry.path);
    file.mtime = modifiedAt;
    // Made on Unix (rw-r--r--): Info-ZIP's unzip honours the UTF-8 name flag only for Unix-made entries,
    // and Latvian file names (kļūda.txt) must come out as they went in.
    file.os = 3;
    file.attrs = (0o100644 << 16) >>> 0;
    zip.add(file);
    file.push(entry.content, true);
    if (failure) throw failure;
    yield* ready.splice(0);
  }
  zip.end();
  if (failure) throw failure;
  yield* ready.splice(0);
}
