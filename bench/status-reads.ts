/**
 * The status page's two largest reads, each against a candidate form, on a PostgreSQL database that
 * `npm run bench:status -- --only postgres` kept (`BENCH_KEEP_DATABASE=1` prints its address):
 *
 *   node --import tsx bench/status-reads.ts postgres://postgres@127.0.0.1:5432/kopa_bench_…
 *
 * Prints, as medians of 15 alternating runs, the executor's time (`EXPLAIN (ANALYZE, TIMING OFF)`),
 * the round trip with the driver's parsing, and the size of the answer: the monitors read in full
 * against the page's columns (ADR 0022 "Reading only past the lines"), and the kept newest results
 * as text, all of them, against only each pair's answer past its line (tried and reverted there),
 * and with float8 instead of numeric epoch arithmetic (exact only for whole milliseconds).
 */
import pg from 'pg';

const client = new pg.Client({ connectionString: process.argv[2] });
await client.connect();
const { rows: pairs } = await client.query<{ m: string; l: string; f: Date; g: number }>(
  `SELECT r.monitor_id::text AS m, r.location AS l, r.rolled_to AS f, m.failures_to_confirm + 1 AS g FROM monitor_rollups r JOIN monitors m ON m.id = r.monitor_id`,
);
const to = new Date();
const params = [pairs.map((p) => p.m), pairs.map((p) => p.l), pairs.map((p) => p.f.toISOString()), pairs.map((p) => p.g), to];
const keptText = (epochMs: string, select: string, counts: boolean) => `SELECT q.i, (SELECT string_agg(${epochMs} || CASE WHEN u.ok THEN '+' ELSE '-' END, ',' ORDER BY u.at) FROM unnest(k.ats, k.oks) WITH ORDINALITY AS u(at, ok, n) ${select}) AS results
  FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[]) WITH ORDINALITY AS q(monitor_id, location, from_at, margin, i)
  JOIN monitor_latest_results k ON k.monitor_id = q.monitor_id AND k.location = q.location
  ${counts ? 'CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE a.at >= q.from_at) AS past_from, count(*) FILTER (WHERE a.at >= $5) AS past_to FROM unnest(k.ats) AS a(at)) c' : 'WHERE $5::timestamptz IS NOT NULL'}`;
const NUMERIC = 'floor(extract(epoch FROM u.at) * 1000)::bigint';
const candidates: [string, string, unknown[]][] = [
  ['monitors, every column', 'SELECT * FROM monitors ORDER BY name, id', []],
  ['monitors, the page\'s columns', 'SELECT id, service_id, tenant_id, critical, locations, interval_seconds, failures_to_confirm FROM monitors WHERE active ORDER BY name, id', []],
  ['kept results, all 21 (numeric)', keptText(NUMERIC, '', false), params],
  ['kept results, past the line only', keptText(NUMERIC, 'WHERE u.n > c.past_to - q.margin AND u.n <= c.past_from + q.margin', true), params],
  ['kept results, all 21 (float8)', keptText("round(date_part('epoch', u.at) * 1000)::bigint", '', false), params],
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const taken = candidates.map(() => ({ executor: [] as number[], roundTrip: [] as number[], bytes: 0 }));
for (let run = 0; run < 15; run++) {
  for (const [i, [, text, values]] of candidates.entries()) {
    const plan = await client.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${text}`, values);
    taken[i]!.executor.push((plan.rows[0] as { 'QUERY PLAN': { 'Execution Time': number }[] })['QUERY PLAN'][0]!['Execution Time']);
    const start = performance.now();
    await client.query(text, values);
    taken[i]!.roundTrip.push(performance.now() - start);
  }
}
for (const [i, [name, text, values]] of candidates.entries()) {
  taken[i]!.bytes = (await client.query<{ b: number }>(`SELECT coalesce(sum(pg_column_size(x.*)), 0)::int AS b FROM (${text}) x`, values)).rows[0]!.b;
  const t = taken[i]!;
  console.log(`${name.padEnd(34)} executor ${median(t.executor).toFixed(1).padStart(6)} ms  round trip ${median(t.roundTrip).toFixed(1).padStart(6)} ms  ${t.bytes} bytes of rows`);
}
console.log(`${pairs.length} (monitor, location) pairs; load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
await client.end();
