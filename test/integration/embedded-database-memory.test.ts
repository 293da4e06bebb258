import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type KopaDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

// The embedded database's Postgres runs inside the server's own WebAssembly memory, which never
// shrinks: it is opened with small buffers (ADR 0025). Small buffers must cost speed at most,
// never an answer: work larger than them still completes. PGlite only — PostgreSQL's memory is
// its administrator's.
describe('the embedded database (PGlite in a data folder, as `kopa serve` opens it)', () => {
  let dir: string;
  let db: KopaDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kopa-embedded-memory-'));
    db = await openDatabase({ dataDir: dir });
    await migrate(db.kysely);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const setting = async (name: string) => (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(db.kysely)).rows[0]!.value;

  it('runs with 16 MB of shared buffers and 16 MB for maintenance, not the 128 MB and 64 MB of a dedicated server', async () => {
    expect(await setting('shared_buffers')).toBe('16MB');
    expect(await setting('maintenance_work_mem')).toBe('16MB');
  });

  it('builds an index, sorts and joins tables several times the size of its buffers', async () => {
    // 400,000 rows of ~100 bytes: some 50 MB of table, three times the buffers; the index sort
    // is larger than maintenance_work_mem and the ordered read larger than work_mem.
    await sql`create table memory_probe as
      select i as id, md5(i::text) || md5((i * 7)::text) as body from generate_series(1, 400000) i`.execute(db.kysely);
    await sql`create index memory_probe_body on memory_probe (body)`.execute(db.kysely);
    const sorted = await sql<{ n: string; first: string; last: string }>`
      select count(*) as n, min(body) as first, max(body) as last
      from (select body from memory_probe order by body desc, id) ordered`.execute(db.kysely);
    expect(sorted.rows[0]!.n).toBe('400000');
    const joined = await sql<{ n: string }>`
      select count(*) as n from memory_probe a join memory_probe b on b.id = a.id + 1 where a.body < b.body`.execute(db.kysely);
    // About half of the neighbours are in ascending order; the exact count is the data's, so
    // only its range is asserted — the point is the answer arrives.
    expect(Number(joined.rows[0]!.n)).toBeGreaterThan(150_000);
    expect(Number(joined.rows[0]!.n)).toBeLessThan(250_000);
    const viaIndex = await sql<{ id: number }>`select id from memory_probe where body = md5('12345') || md5('86415')`.execute(db.kysely);
    expect(viaIndex.rows).toEqual([{ id: 12345 }]);
  }, 300_000);
});
