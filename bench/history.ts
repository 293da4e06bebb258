import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Runs SQL as the database owner, on whichever database the server uses. */
export type Sql = (text: string) => Promise<void>;

export interface HistoryShape {
  monitors: number;
  services: number;
  /** Hours of raw results every 60 s before now (and 5 minutes after, so monitors stay known while measured). */
  rawHours: number;
  /** Minutes of raw results after now (default 5); 0 when results go on arriving through the server (bench/live-arrivals.ts). */
  aheadMinutes?: number;
}

/**
 * What a server that has run for a year holds, written with set-based SQL straight into the tables
 * while the server is stopped — making a year of it through probe ingestion would take days: per
 * monitor a year of rolled-up segments (an outage of 2–30 minutes every ten days or so), its rollup
 * cursor at the settled frontier (as the rollup job leaves it, with the latency of each whole hour
 * of raw results before it kept), raw results every 60 s for the last
 * `rawHours` and the next 5 minutes (1 % of the monitors failing from five minutes before now) —
 * a few minutes, as results stand to the rollup line in a running server: the newest kept results
 * of each location reach back past the line (ADR 0022), as they do when the prober keeps up.
 * The monitors are `bench 1` … `bench N` in services `BENCH-1` …, located at `local`.
 */
export async function writeYearOfHistory(exec: Sql, { monitors, services, rawHours, aheadMinutes = 5 }: HistoryShape): Promise<number> {
  const now = Date.now();
  // The rollup job keeps segments final up to the settled frontier: 2 × (2 + 3) × 60 s behind now.
  const rolledTo = new Date(now - 11 * 60_000).toISOString();
  const yearAgo = new Date(now - 365 * 86_400_000).toISOString();
  const rawFrom = now - rawHours * 3_600_000;
  await exec(`
    INSERT INTO services (code, name_lv, name_en, critical)
      SELECT 'BENCH-' || i, 'Pakalpojums ' || i, 'Service ' || i, i % 2 = 0 FROM generate_series(1, ${services}) i;
    INSERT INTO monitors (service_id, name, type, target, interval_seconds, failures_to_confirm, critical, locations)
      SELECT s.id, 'bench ' || i, 'http', 'https://bench-' || i || '.example.lv/', 60, 2, i % 5 <> 0, '{local}'
      FROM generate_series(1, ${monitors}) i
      JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM services WHERE code LIKE 'BENCH-%') s ON s.n = i % ${services};
    -- 36 outages a year per monitor, each at a pseudo-random point of its ten days, 2–30 minutes long.
    CREATE TEMP TABLE bench_outages AS
      SELECT m.id AS monitor_id, k,
        '${yearAgo}'::timestamptz + make_interval(secs => k * 876000 + 3600 + (abs(hashtext(m.id::text || k)) % 860000)) AS start_at,
        make_interval(secs => 120 + abs(hashtext(k || m.id::text)) % 1680) AS length
      FROM monitors m CROSS JOIN generate_series(0, 35) k
      WHERE m.name LIKE 'bench %';
    INSERT INTO monitor_segments (monitor_id, location, start_at, end_at, state)
      SELECT monitor_id, 'local', start_at, start_at + length, 'down' FROM bench_outages;
    INSERT INTO monitor_segments (monitor_id, location, start_at, end_at, state)
      SELECT monitor_id, 'local', coalesce(lag(start_at + length) OVER w, '${yearAgo}'::timestamptz), start_at, 'up'
      FROM bench_outages WINDOW w AS (PARTITION BY monitor_id ORDER BY k);
    INSERT INTO monitor_segments (monitor_id, location, start_at, end_at, state)
      SELECT monitor_id, 'local', max(start_at + length), '${rolledTo}'::timestamptz, 'up' FROM bench_outages GROUP BY monitor_id;
    INSERT INTO monitor_rollups (monitor_id, location, rolled_to)
      SELECT id, 'local', '${rolledTo}'::timestamptz FROM monitors WHERE name LIKE 'bench %';
    SELECT kopa_ensure_probe_partition('${new Date(rawFrom).toISOString().slice(0, 10)}'::date);
    SELECT kopa_ensure_probe_partition('${new Date(now).toISOString().slice(0, 10)}'::date);
    INSERT INTO probe_results (monitor_id, location, at, ok, latency_ms)
      SELECT m.id, 'local', '${new Date(rawFrom).toISOString()}'::timestamptz + make_interval(secs => t * 60 + abs(hashtext(m.id::text)) % 60),
        NOT (m.name LIKE '%00' AND t >= ${rawHours * 60 - 5}), 120
      FROM monitors m CROSS JOIN generate_series(0, ${rawHours * 60 + aheadMinutes - 1}) t
      WHERE m.name LIKE 'bench %';
    -- The rollup keeps each location's latency per whole hour before its line (migration 035, ADR 0026).
    INSERT INTO monitor_latency_hours (monitor_id, location, hour, checks, failures, measured, latency_sum, latency_max)
      SELECT monitor_id, location, date_bin('1 hour', at, timestamptz '1970-01-01 00:00:00+00'), count(*), count(*) FILTER (WHERE NOT ok),
        count(latency_ms), coalesce(sum(latency_ms), 0), max(latency_ms)
      FROM probe_results WHERE at < date_bin('1 hour', '${rolledTo}'::timestamptz, timestamptz '1970-01-01 00:00:00+00') GROUP BY 1, 2, 3;
    UPDATE monitor_rollups SET latency_from = date_bin('1 hour', '${new Date(rawFrom).toISOString()}'::timestamptz, timestamptz '1970-01-01 00:00:00+00');
    -- Probe ingestion keeps each location's newest results as it stores them (migration 031); rows
    -- written straight into the table need the same kept state, as the migration makes it.
    SELECT kopa_rebuild_latest_results();
  `);
  return now;
}

/** Runs `write` on a PostgreSQL database, then ANALYZE, as the server would find it after a while. */
export async function onPostgres(url: string, write: (exec: Sql) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await write(async (text) => void (await client.query(text)));
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

/** The same on the embedded database of a `kopa serve` data folder (the server must be stopped). */
export async function onPGlite(dataDir: string, write: (exec: Sql) => Promise<unknown>): Promise<void> {
  const db = await PGlite.create(join(dataDir, 'pglite'));
  try {
    await write(async (text) => void (await db.exec(text)));
    await db.exec('ANALYZE');
  } finally {
    await db.close();
  }
}
