/**
 * The monitors page's first requests against a server restarted cold, without a browser: what
 * `bench:dashboard` sees of the server alone, repeatable against one kept database. For each
 * start: the server is started (`kopa serve`, the compiled dist/ of each tree given), left alone for
 * `--delay` ms (the bench's browser comes about a second after the banner), then asked at once for
 * the session and the first screen's four lists, with a signed-in operator's cookie; prints each
 * request's own time, and the CPU the server and its PostgreSQL backends used from the banner to
 * the last answer (from /proc: what the load changes little).
 *
 *   node --import tsx bench/cold-requests.ts prepare            (writes the database and the state file)
 *   node --import tsx bench/cold-requests.ts run <tree> [<tree> …] [--rounds 3] [--delay 1000] [--fresh-days] [--no-kept-answer] [--end-backends] [--serial] [--again] [--repeat-counts 50 [--repeat-path <path>]] [--only postgres|pglite]
 *
 * Each line also gives the start itself, counted from the process's spawn: the wall time to the banner
 * and the CPU the server and its backends used until then — so that work moved before the banner
 * (warming the first screen's paths) is counted, not hidden. `--serial` asks the five one after
 * another instead of at once, each with its own CPU (server + backends): which request costs what.
 * `--again` then asks the five once more, warm: the floor the cold figures are set beside.
 * `--repeat-counts N` then asks the counts N times, one after another: their CPU per request, warm.
 *
 * `--end-backends` (PostgreSQL) ends the server's connections just before asking: new backends, as
 * with a pool that kept none open. `--no-kept-answer` deletes the status page's kept answer before
 * each start, as a server down for over a minute finds none it may give: its start computation
 * then runs (a restart within 15 s of the last answer kept would skip it). `--fresh-days` empties the status page's kept days before each start, as on the bench's first
 * start after its history was written (a restarted server of a running installation has them).
 * `BENCH_SERVER_FLAGS` adds flags to the server's node (`--cpu-prof --cpu-prof-dir=…`, say).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { benchDatabase, emptyKeptTable } from './bench-database.js';
import { onPGlite, onPostgres, writeYearOfHistory, type Sql } from './history.js';
import { benchServerFlags, loadAverage, stopServer } from './measure.js';
import { backendsOf, cpuSeconds } from './proc-cpu.js';

const STATE = process.env.COLD_STATE ?? join(tmpdir(), 'kopa-cold-requests.json');
const option = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
process.env.BENCH_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_URL = process.env.BENCH_DATABASE_URL;
/** `--repeat-path`: what `--repeat-counts` asks again (the counts unless told). */
const REPEATED = process.argv.includes('--repeat-path') ? process.argv[process.argv.indexOf('--repeat-path') + 1]! : '/api/v1/monitors/counts';
const PATHS = ['/api/v1/session', '/api/v1/monitors?sort=name&limit=50', '/api/v1/monitors/counts', '/api/v1/services?limit=200', '/api/v1/tenants?limit=200'];

interface State {
  postgres: { url: string; cookie: string };
  pglite: { dataDir: string; cookie: string };
  secretKey: string;
}

const start = (tree: string, env: Record<string, string>): Promise<ServerProcess> =>
  spawnServer([...benchServerFlags(), join(tree, 'bin/kopa.js'), 'serve', '--port', '0'], serverEnv({ ...env, KOPA_PROBER: 'false', KOPA_JOBS: 'false' }), { timeoutMs: 600_000 });

async function prepareOne(tree: string, env: Record<string, string>, write: () => Promise<void>): Promise<string> {
  const bootstrap = randomBytes(24).toString('base64url');
  const server = await start(tree, { ...env, KOPA_BOOTSTRAP_TOKEN: bootstrap });
  const password = randomBytes(18).toString('base64url');
  try {
    const email = 'cold.operator@rda.lv';
    const added = await fetch(`${server.url}/api/v1/users`, { method: 'POST', headers: { authorization: `Bearer ${bootstrap}`, 'content-type': 'application/json' }, body: JSON.stringify({ email, name: 'Cold Operators', role: 'operator', password }) });
    if (added.status !== 201) throw new Error(`adding the operator: ${added.status} ${await added.text()}`);
    const signedIn = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = /kopa_session=[^;]+/.exec(signedIn.headers.get('set-cookie') ?? '')?.[0];
    if (!cookie) throw new Error(`signing in: ${signedIn.status}`);
    await stopServer(server);
    await write();
    return cookie;
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}

async function prepare(): Promise<void> {
  const history = (exec: Sql) => writeYearOfHistory(exec, { monitors: 2000, services: 20, rawHours: 24 });
  const secretKey = randomBytes(32).toString('base64');
  process.env.BENCH_KEEP_DATABASE = '1';
  const database = await benchDatabase('kopa-cold-', { requirePostgres: true });
  const postgresCookie = await prepareOne(process.cwd(), { DATABASE_URL: database.url!, KOPA_SECRET_KEY: secretKey }, () => onPostgres(database.url!, history));
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-cold-pglite-'));
  const pgliteCookie = await prepareOne(process.cwd(), { KOPA_DATA_DIR: dataDir }, () => onPGlite(dataDir, history));
  const state: State = { postgres: { url: database.url!, cookie: postgresCookie }, pglite: { dataDir, cookie: pgliteCookie }, secretKey };
  writeFileSync(STATE, JSON.stringify(state, null, 2));
  console.log(`prepared: ${STATE}`);
}

/** Ends the server's database connections: its pool then opens new ones, as a pool that kept none would. */
async function endBackends(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [new URL(url).pathname.slice(1)]);
  await admin.end();
}

async function once(tree: string, label: string, env: Record<string, string>, cookie: string): Promise<void> {
  if (process.argv.includes('--fresh-days')) await emptyKeptTable(env, 'status_days');
  if (process.argv.includes('--no-kept-answer')) await emptyKeptTable(env, 'status_answers');
  const spawnedAt = performance.now();
  const server = await start(tree, env);
  const startMs = performance.now() - spawnedAt;
  try {
    const pid = server.child.pid!;
    const backends = env.DATABASE_URL ? () => backendsOf(env.DATABASE_URL!, ADMIN_URL) : async () => [];
    const cpu = async () => cpuSeconds(pid) + (await backends()).reduce((sum, b) => sum + cpuSeconds(b), 0);
    const cpuAtBanner = await cpu();
    await new Promise((resolve) => setTimeout(resolve, option('delay', 1000)));
    if (process.argv.includes('--end-backends') && env.DATABASE_URL) await endBackends(env.DATABASE_URL);
    const cpuBefore = await cpu();
    const ask = async (path: string, t0: number) => {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return performance.now() - t0;
    };
    const ms = (n: number) => `${n.toFixed(0).padStart(5)}`;
    const t0 = performance.now();
    let times: number[];
    const each: string[] = [];
    if (process.argv.includes('--serial')) {
      times = [];
      for (const path of PATHS) {
        const cpuThen = await cpu();
        times.push(await ask(path, performance.now()));
        each.push(`${path.split('?')[0]!.replace('/api/v1/', '')} ${ms((await cpu() - cpuThen) * 1000).trim()}`);
      }
    } else {
      times = await Promise.all(PATHS.map((path) => ask(path, t0)));
    }
    const cpuAfter = await cpu();
    // `--again`: the same five at once on the now warm server, the floor a cold start is set beside.
    let again = '';
    if (process.argv.includes('--again')) {
      const t1 = performance.now();
      const warmTimes = await Promise.all(PATHS.map((path) => ask(path, t1)));
      again = `\n  ${''.padEnd(34)} again, warm: longest ${ms(Math.max(...warmTimes.slice(1)))} ms, CPU ${ms((await cpu() - cpuAfter) * 1000)} ms`;
    }
    // `--repeat-counts N`: the counts asked N times more, one after another, warm: their own CPU per
    // request (server + backends), which one cold request's 10 ms CPU ticks cannot show.
    const repeats = option('repeat-counts', 0);
    if (repeats > 0) {
      const cpuThen = await cpu();
      const walls: number[] = [];
      for (let i = 0; i < repeats; i++) walls.push(await ask(REPEATED, performance.now()));
      walls.sort((a, b) => a - b);
      again += `\n  ${''.padEnd(34)} ${REPEATED} ×${repeats}, warm: CPU ${(((await cpu()) - cpuThen) * 1000 / repeats).toFixed(1)} ms each, wall p50 ${walls[Math.floor(repeats / 2)]!.toFixed(1)} ms, max ${walls.at(-1)!.toFixed(1)} ms`;
    }
    console.log(
      `  ${label.padEnd(34)} start → banner ${ms(startMs)} ms, CPU ${ms(cpuAtBanner * 1000)} ms   ${times.map(ms).join(' ')} ms   longest ${ms(Math.max(...times.slice(1)))} ms   ` +
        `CPU (server + backends): banner → asked ${ms((cpuBefore - cpuAtBanner) * 1000)} ms, asked → answered ${ms((cpuAfter - cpuBefore) * 1000)} ms   load ${loadAverage()}` +
        (each.length > 0 ? `\n  ${''.padEnd(34)} CPU each (ms): ${each.join(', ')}` : '') +
        again,
    );
  } finally {
    await stopServer(server);
  }
}

async function run(trees: string[]): Promise<void> {
  if (!existsSync(STATE)) throw new Error(`no ${STATE}: run \`prepare\` first`);
  const state = JSON.parse(readFileSync(STATE, 'utf8')) as State;
  console.log(`the first screen's requests, cold: ${PATHS.join('  ')}  (ms from asking, each)`);
  for (let round = 1; round <= option('rounds', 3); round++) {
    for (const tree of trees) {
      if (ONLY !== 'pglite') await once(tree, `${tree} PostgreSQL`, { DATABASE_URL: state.postgres.url, KOPA_SECRET_KEY: state.secretKey }, state.postgres.cookie);
      if (ONLY !== 'postgres') await once(tree, `${tree} PGlite`, { KOPA_DATA_DIR: state.pglite.dataDir }, state.pglite.cookie);
    }
  }
}

const trees = process.argv.slice(3).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (process.argv[2] === 'prepare') await prepare();
else if (process.argv[2] === 'run') await run(trees);
else throw new Error('usage: cold-requests.ts prepare | run <tree> [<tree> …]');
