/**
 * The operators' monitors API at scale: `kopa serve` started the way users start it, on PostgreSQL
 * (a fresh database, dropped afterwards) and on the embedded PGlite, with 2,000 monitors; prints the
 * latency of `GET /api/v1/monitors/counts` and of the monitors list filtered by state (`state=down`)
 * and sorted by state (`sort=state`), the statements one request sends, and p50/p99 over
 * sequential requests.
 *
 *   npm run bench:monitors [-- --monitors 2000] [-- --raw-hours 3] [-- --requests 40] [-- --only postgres|pglite] [-- --paths a,b]
 *
 * `--paths` measures other GET paths instead (comma-separated), e.g. the sparklines' series
 * `/api/v1/monitors/latency?limit=50` (288 five-minute buckets) against `…&buckets=24` (ADR 0026).
 *
 * The history is bench/history.ts's year (rolled-up segments, raw results every 60 s for the last
 * `--raw-hours` and the next 5 minutes, 1 % of the monitors failing from five minutes before now,
 * each location's newest results kept as ingestion keeps them), with every 97th monitor paused.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kopaCommand } from '../test/support/kopa-command.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { benchDatabase } from './bench-database.js';
import { onPGlite, onPostgres, writeYearOfHistory, type Sql } from './history.js';
import { machineContext } from './context.js';
import { fmtMs, loadAverage, quantile, statementsSent, stopServer, timedGet } from './measure.js';

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
const PATHS = process.argv.includes('--paths')
  ? process.argv[process.argv.indexOf('--paths') + 1]!.split(',')
  : ['/api/v1/monitors/counts', '/api/v1/monitors?state=down&limit=50', '/api/v1/monitors?sort=state&limit=50'];


/** A year of history (bench/history.ts), and every 97th monitor paused, as an operator's list has some. */
async function seed(exec: Sql): Promise<void> {
  await writeYearOfHistory(exec, { monitors: MONITORS, services: SERVICES, rawHours: RAW_HOURS });
  await exec(`UPDATE monitors SET active = false WHERE name LIKE 'bench %' AND substring(name from 7)::int % 97 = 0`);
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer(
    ['--import', join(HERE, 'count-statements.mjs'), ...kopaCommand('serve', '--port', '0')],
    // No probing and no job worker while measuring: the results are already there, and the cores are few.
    serverEnv({ ...env, LOG_LEVEL: 'warn', KOPA_PROBER: 'false', KOPA_JOBS: 'false' }),
    { timeoutMs: 600_000 },
  );
}


async function measure(label: string, env: Record<string, string>): Promise<void> {
  console.log(`${label} — load average ${loadAverage()}`);
  const token = randomBytes(24).toString('base64url');
  const server = await start({ ...env, KOPA_BOOTSTRAP_TOKEN: token });
  try {
    for (const path of PATHS) {
      const url = `${server.url}${path}`;
      const headers = { authorization: `Bearer ${token}` };
      const first = await timedGet(url, headers);
      const before = (await statementsSent(server)).count;
      await timedGet(url, headers);
      const statements = (await statementsSent(server)).count - before;
      const samples: number[] = [];
      const deadline = performance.now() + 120_000;
      for (let i = 0; i < REQUESTS && performance.now() < deadline; i++) samples.push((await timedGet(url, headers)).ms);
      const sorted = samples.sort((a, b) => a - b);
      const answer = `${path.endsWith('counts') ? first.body : `${(JSON.parse(first.body) as { items: unknown[] }).items.length} rows`}, ${Math.round(Buffer.byteLength(first.body) / 1024)} kB`;
      console.log(`  ${path.padEnd(40)} first ${fmtMs(first.ms)}  n ${String(samples.length).padStart(3)}  p50 ${fmtMs(quantile(sorted, 0.5))}  p99 ${fmtMs(quantile(sorted, 0.99))}  statements ${statements}  answer ${answer}`);
    }
  } finally {
    await stopServer(server);
  }
  console.log(`  load average after: ${loadAverage()}`);
}

async function prepare(env: Record<string, string>, seedWith: () => Promise<void>): Promise<void> {
  const server = await start(env);
  await stopServer(server);
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
      await prepare(env, () => onPostgres(database.url!, seed));
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
      await prepare(env, () => onPGlite(dataDir, seed));
      await measure('Kopa, PGlite (embedded)', env);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

await main();
