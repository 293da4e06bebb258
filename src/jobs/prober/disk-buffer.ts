import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Batches the server has not yet accepted, one JSON line each, oldest first. The agent
 * appends when the server is unreachable and replays before sending anything new; the
 * server's ingestion is idempotent, so a batch replayed twice after a crash is harmless.
 */
export function createDiskBuffer<T>(dir: string, name: string) {
  const file = join(dir, `${name}.jsonl`);

  async function read(): Promise<T[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    // A line cut short by a crash mid-write is skipped, not fatal.
    return text.split('\n').flatMap((line) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as T];
      } catch {
        return [];
      }
    });
  }

  return {
    file,
    async append(batch: T): Promise<void> {
      await mkdir(dir, { recursive: true });
      await appendFile(file, `${JSON.stringify(batch)}\n`, 'utf8');
    },
    read,
    /** Sends stored batches in order; stops at the first that fails and keeps it and the rest. */
    async drain(send: (batch: T) => Promise<boolean>): Promise<{ sent: number; left: number }> {
      const batches = await read();
      let sent = 0;
      while (sent < batches.length && (await send(batches[sent]!))) sent++;
      if (sent === 0) return { sent, left: batches.length };
      const rest = batches.slice(sent);
      if (rest.length === 0) await rm(file, { force: true });
      else {
        await writeFile(`${file}.tmp`, rest.map((b) => JSON.stringify(b)).join('\n') + '\n', 'utf8');
        await rename(`${file}.tmp`, file);
      }
      return { sent, left: rest.length };
    },
  };
}
