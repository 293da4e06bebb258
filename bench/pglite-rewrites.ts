/**
 * Two PGlite measurements behind ADR 0022 and ADR 0025 ("2026-12-07"), on an in-memory database:
 *
 * 1. "Written since" over 8,000 rows, four of them changed: migration 040's test (a snapshot of
 *    the server twice per row) against migration 042's (`age()`), ms per statement.
 * 2. What the embedded database, which runs no autovacuum, keeps of rows rewritten in place: a
 *    table shaped like `monitor_latest_results` (2,000 rows) rewritten whole by one statement per
 *    round, its size and HOT updates after some rounds. (Ingestion rewrites the kept rows a batch
 *    at a time, in their own transactions; `bench/monitoring-load.ts --only pglite` prints what
 *    the data folder does then.)
 * 3. One ~700 KB text value updated 200 times in place, without and with a VACUUM of its table
 *    after each update (the status page keeps an answer every 30 s and then vacuums the table):
 *    the table's size, and what a VACUUM takes.
 *
 *   node --import tsx bench/pglite-rewrites.ts
 */
import { PGlite } from '@electric-sql/pglite';

const OLD = `SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint
  - ((pg_snapshot_xmax(pg_current_snapshot())::text::bigint - written_by::text::bigint) & 4294967295))::text::xid8 >= pg_snapshot_xmin(since)`;
const NEW = `SELECT age(written_by) <= age((pg_snapshot_xmin(since)::text::bigint & 4294967295)::text::xid)`;

async function writtenSince(): Promise<void> {
  const db = new PGlite();
  for (const [name, body] of [['ws_040', OLD], ['ws_042', NEW]]) await db.exec(`CREATE FUNCTION ${name}(written_by xid, since pg_snapshot) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$ ${body} $$`);
  await db.exec(`CREATE TABLE a (id int PRIMARY KEY, t text); INSERT INTO a SELECT g, md5(g::text) FROM generate_series(1, 8000) g`);
  const since = (await db.query<{ s: string }>('SELECT pg_current_snapshot()::text AS s')).rows[0]!.s;
  await db.exec(`UPDATE a SET t = 'x' WHERE id < 5`);
  console.log('"Written since" over 8,000 rows (4 changed), ms per statement, mean of 20:');
  for (const name of ['ws_040', 'ws_042', 'ws_040', 'ws_042']) {
    const query = `SELECT count(*)::int AS n FROM a WHERE ${name}(xmin, $1::pg_snapshot)`;
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < 20; i++) n = (await db.query<{ n: number }>(query, [since])).rows[0]!.n;
    console.log(`  ${name === 'ws_040' ? 'migration 040' : 'migration 042'}: ${((performance.now() - t0) / 20).toFixed(2)} ms, ${n} rows found`);
  }
  await db.close();
}

async function rewrites(): Promise<void> {
  const db = new PGlite();
  await db.exec(`CREATE TABLE k (monitor_id int, location text, ats timestamptz[], oks boolean[], latencies int[], PRIMARY KEY (monitor_id, location));
    INSERT INTO k SELECT g, l, array_fill(now(), ARRAY[21]), array_fill(true, ARRAY[21]), array_fill(100, ARRAY[21]) FROM generate_series(1, 1000) g, (VALUES ('lvrtc'), ('lnb')) v(l)`);
  console.log('2,000 kept-results-shaped rows rewritten whole by one statement per round, no vacuum:');
  for (let round = 1; round <= 120; round++) {
    await db.exec(`UPDATE k SET ats = ats[2:21] || now(), oks = oks[2:21] || (random() > 0.01), latencies = latencies[2:21] || (random() * 100)::int`);
    if ([1, 10, 30, 60, 120].includes(round)) {
      const r = (await db.query<{ size: string; dead: string; upd: string; hot: string }>(`SELECT pg_total_relation_size('k')::text AS size, n_dead_tup::text AS dead, n_tup_upd::text AS upd, n_tup_hot_upd::text AS hot FROM pg_stat_user_tables WHERE relname = 'k'`)).rows[0]!;
      console.log(`  after ${String(round).padStart(3)} rounds: ${(Number(r.size) / 1e6).toFixed(1)} MB; dead rows ${r.dead}, updates ${r.upd} of which HOT ${r.hot} (the counters lag a few rounds)`);
    }
  }
  await db.close();
}

async function keptAnswers(): Promise<void> {
  const body = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ i, v: Math.random() })));
  for (const vacuum of [false, true]) {
    const db = new PGlite();
    await db.exec('CREATE TABLE t (k text PRIMARY KEY, body text)');
    const updates: number[] = [];
    const vacuums: number[] = [];
    for (let i = 0; i < 200; i++) {
      let t0 = performance.now();
      await db.query(`INSERT INTO t VALUES ('a', $1) ON CONFLICT (k) DO UPDATE SET body = excluded.body`, [body + i]);
      updates.push(performance.now() - t0);
      if (!vacuum) continue;
      t0 = performance.now();
      await db.exec('VACUUM t');
      vacuums.push(performance.now() - t0);
    }
    const size = (await db.query<{ size: string }>(`SELECT pg_total_relation_size('t')::text AS size`)).rows[0]!.size;
    const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[ms.length >> 1]!.toFixed(1);
    const max = (ms: number[]) => Math.max(...ms).toFixed(1);
    console.log(
      vacuum
        ? `The same, each update followed by VACUUM of the table (what the status page does since it keeps an answer every 30 s): ${(Number(size) / 1e6).toFixed(2)} MB; VACUUM median ${median(vacuums)} ms, max ${max(vacuums)} ms; update median ${median(updates)} ms`
        : `One row of ${(body.length / 1000).toFixed(0)} KB text updated 200 times, no vacuum: the table is ${(Number(size) / 1e6).toFixed(1)} MB; update median ${median(updates)} ms`,
    );
    await db.close();
  }
}

await writtenSince();
await rewrites();
await keptAnswers();
