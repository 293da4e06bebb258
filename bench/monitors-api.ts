/**
 * The operators' monitors API at scale: `kopa serve` started the way users start it, on PostgreSQL
 * (a fresh database, dropped afterwards) and on the embedded PGlite, with 2,000 monitors; prints the
 * latency of `GET /api/v1/monitors/counts` and of the monitors list filtered by state (`state=down`)
 * and sorted by state (`sort=state`), the statements one request sends, and p50/p99 over
 * sequential requests.
 *
 *   npm run bench:monitors [-- --monitors 2000] [-- --raw-hours 3] [-- --requests 40] [-- --only postgres|pglite]
 *
 * Results are written with set-based SQL while the server is stopped: every 60 s for the last
 * `--raw-hours` and the next 15 minutes (so the monitors stay known while measured), 1 % of the
 * monitors failing from five minutes before now. Where the database keeps each location's newest
 * results (migration 031), the seed asks it to derive them from the results just written, as the
 * migration does for an upgraded database; before that migration there is nothing to derive.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { kopaCommand } from '../test/support/kopa-command.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { benchDatabase } from './bench-database.js';
import { machineContext } from './context.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MONITORS = option('monitors', 2000);
const SERVICES = 20;
const RAW_HOURS = option('raw-hours', 3);
const REQUESTS = option('requests', 40);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const PATHS = ['/api/v1/monitors/counts', '/api/v1/monitors?state=down&limit=50', '/api/v1/monitors?sort=state&limit=50'];

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

type Sql = (text: string) => Promise<void>;

async function seed(exec: Sql): Promise<void> {
  const now = Date.now();
  const rawFrom = now - RAW_HOURS * 3_600_000;
  await exec(`
    INSERT INTO services (code, name_lv, name_en, critical)
      SELECT 'BENCH-' || i, 'Pakalpojums ' || i, 'Service ' || i, i % 2 = 0 FROM generate_series(1, ${SERVICES}) i;
    INSERT INTO monitors (service_id, name, type, target, interval_seconds, failures_to_confirm, critical, locations, active)
      SELECT s.id, 'bench ' || i, 'http', 'https://bench-' || i || '.example.lv/', 60, 2, i % 5 <> 0, '{local}', i % 97 <> 0
      FROM generate_series(1, ${MONITORS}) i
      JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM services WHERE code LIKE 'BENCH-%') s ON s.n = i % ${SERVICES};
    SELECT kopa_ensure_probe_partition('${new Date(rawFrom).toISOString().slice(0, 10)}'::date);
    SELECT kopa_ensure_probe_partition('${new Date(now + 3_600_000).toISOString().slice(0, 10)}'::date);
    INSERT INTO probe_results (monitor_id, location, at, ok, latency_ms)
      SELECT m.id, 'local', '${new Date(rawFrom).toISOString()}'::timestamptz + make_interval(secs => t * 60 + abs(hashtext(m.id::text)) % 60),
        NOT (m.name LIKE '%00' AND t >= ${RAW_HOURS * 60 - 5}), 100 + abs(hashtext(m.id::text || t)) % 200
      FROM monitors m CROSS JOIN generate_series(0, ${RAW_HOURS * 60 + 14}) t
      WHERE m.name LIKE 'bench %';
    DO $$ BEGIN
      IF to_regproc('kopa_rebuild_latest_results') IS NOT NULL THEN PERFORM kopa_rebuild_latest_results(); END IF;
    END $$;
  `);
}

async function seedPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await seed(async (text) => void (await client.query(text)));
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function seedPGlite(dataDir: string): Promise<void> {
  const db = await PGlite.create(join(dataDir, 'pglite'));
  try {
    await seed(async (text) => void (await db.exec(text)));
    await db.exec('ANALYZE');
  } finally {
    await db.close();
  }
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer(
    ['--import', join(HERE, 'count-statements.mjs'), ...kopaCommand('serve', '--port', '0')],
    // No probing and no job worker while measuring: the results are already there, and the cores are few.
    serverEnv({ ...env, LOG_LEVEL: 'warn', KOPA_PROBER: 'false', KOPA_JOBS: 'false' }),
    { timeoutMs: 600_000 },
  );
}

async function stop(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

async function statementsSent(server: ServerProcess): Promise<number> {
  const before = server.output().length;
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const line = /statements-sent (\d+) /.exec(server.output().slice(before));
    if (line) return Number(line[1]);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server did not report its statements');
}

async function timedGet(url: string, token: string): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${body.slice(0, 300)}`);
  return { ms, body };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;

async function measure(label: string, env: Record<string, string>): Promise<void> {
  console.log(`${label} — load average ${load()}`);
  const token = randomBytes(24).toString('base64url');
  const server = await start({ ...env, KOPA_BOOTSTRAP_TOKEN: token });
  try {
    for (const path of PATHS) {
      const url = `${server.url}${path}`;
      const first = await timedGet(url, token);
      const before = await statementsSent(server);
      await timedGet(url, token);
      const statements = (await statementsSent(server)) - before;
      const samples: number[] = [];
      const deadline = performance.now() + 120_000;
      for (let i = 0; i < REQUESTS && performance.now() < deadline; i++) samples.push((await timedGet(url, token)).ms);
      const sorted = samples.sort((a, b) => a - b);
      const answer = path.endsWith('counts') ? first.body : `${(JSON.parse(first.body) as { items: unknown[] }).items.length} rows`;
      console.log(`  ${path.padEnd(40)} first ${fmt(first.ms)}  n ${String(samples.length).padStart(3)}  p50 ${fmt(quantile(sorted, 0.5))}  p99 ${fmt(quantile(sorted, 0.99))}  statements ${statements}  answer ${answer}`);
    }
  } finally {
    await stop(server);
  }
  console.log(`  load average after: ${load()}`);
}

async function prepare(env: Record<string, string>, seedWith: () => Promise<void>): Promise<void> {
  const server = await start(env);
  await stop(server);
  const t0 = performance.now();
  await seedWith();
  console.log(`  results written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  process.env.BENCH_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(`Monitors API — ${machineContext()}; ${MONITORS} monitors, ${RAW_HOURS} h of results every 60 s`);
  if (ONLY !== 'pglite') {
    const database = await benchDatabase('kopa-monitors-', { requirePostgres: true });
    try {
      const env = { DATABASE_URL: database.url!, KOPA_SECRET_KEY: randomBytes(32).toString('base64') };
      console.log(`${database.label}:`);
      await prepare(env, () => seedPostgres(database.url!));
      await measure(`Kopa, ${database.label}`, env);
    } finally {
      await database.drop();
    }
  }
  if (ONLY !== 'postgres') {
    const dataDir = mkdtempSync(join(tmpdir(), 'kopa-monitors-pglite-'));
    try {
      const env = { KOPA_DATA_DIR: dataDir };
      console.log('PGlite (embedded):');
      await prepare(env, () => seedPGlite(dataDir));
      await measure('Kopa, PGlite (embedded)', env);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

await main();
