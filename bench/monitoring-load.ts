/**
 * Monitoring load: `kopa serve` started the way users start it (the compiled dist/), its in-server
 * prober checking N HTTP monitors every 60 s against a local target server, storing the results
 * and rolling them up — on PostgreSQL (a fresh database, dropped afterwards) and on the embedded
 * PGlite. Measured like Uptime Kuma in issue 11: a warm-up, then a window over which it prints the
 * cores the server used (utime + stime of the server process and its children from /proc), the
 * cores PostgreSQL's backends serving the bench database used, the server's resident memory (now,
 * the most seen in the window, and the peak since start, VmHWM), the requests the target saw
 * against the schedule, the load average, and the ratios to the goals.
 *
 *   npm run bench:monitoring [-- --monitors 1000] [-- --warmup 120] [-- --window 180] [-- --only postgres|pglite]
 *                            [-- --statements] [-- --profile] [-- --memory-trace]
 *
 * `--statements` preloads bench/count-statements.mjs and prints the statements the server sent in the
 * window (per check, and by kind); `--profile` writes a CPU profile (node --cpu-prof) and prints
 * where the time went (BENCH_KEEP_PROFILE=1 keeps the file for a closer look). Both add a little work of their own: leave them off for the figures.
 * `--memory-trace` preloads bench/memory-trace.mjs and prints, after the run, each moment the
 * server's peak memory (VmHWM) grew: when since its start, with the V8 heap, external and
 * WebAssembly memory then (and, with `--statements`, the statements sent just before).
 *
 * The target runs in a child process of its own, so its CPU is not the server's. The monitors are
 * written with set-based SQL while the server is stopped (after a first start has migrated the
 * database); the running server finds them as it finds monitors an operator adds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { COMPILED_BIN, compiledIsCurrent } from '../test/support/kopa-command.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { benchDatabase } from './bench-database.js';
import { machineContext } from './context.js';
import { topOfProfile } from './cpu-profile.js';
import { onPGlite, onPostgres, type Sql } from './history.js';
import { backendsOf, CLOCK_TICKS, cpuSeconds, memoryMiB, processTree } from './proc-cpu.js';
import { loadAverage, statementsSent } from './measure.js';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
};
const MONITORS = option('monitors', 1000);
const WARMUP_S = option('warmup', 120);
const WINDOW_S = option('window', 180);
const INTERVAL_S = 60;
/** `--only postgres` or `--only pglite` measures one database. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const STATEMENTS = process.argv.includes('--statements');
const PROFILE = process.argv.includes('--profile');
const MEMORY_TRACE = process.argv.includes('--memory-trace');
const HERE = fileURLToPath(new URL('.', import.meta.url));
/**
 * Issue 11 writes the embedded goal as "300 MB" and defines no other unit, so it is read as SI:
 * 300,000,000 bytes, 286.1 MiB. /proc reports KiB, so memory is measured in MiB and printed in both.
 */
const GOAL = { pgliteCores: 0.035, pgliteBytes: 300_000_000, postgresServerCores: 0.02, postgresTotalCores: 0.035 };
const MIB = 1_048_576;
/** A figure measured in MiB, with the same in SI megabytes (10^6 bytes), the goal's unit. */
const mibAndMB = (mib: number) => `${mib.toFixed(0)} MiB = ${((mib * MIB) / 1e6).toFixed(0)} MB`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The monitored system: a plain HTTP server in a process of its own that counts the requests it
 * answers and tells the bench on request (IPC). Plain JavaScript, so no loader adds to its start.
 */
const TARGET_SOURCE = `
const http = require('node:http');
let seen = 0;
const server = http.createServer((req, res) => { seen++; res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Pakalpojums darbojas</body></html>'); });
server.keepAliveTimeout = 120000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', () => process.send({ seen }));
`;

interface Target {
  url: string;
  seen(): Promise<number>;
  stop(): Promise<void>;
}

async function startTarget(): Promise<Target> {
  const child: ChildProcess = spawn(process.execPath, ['-e', TARGET_SOURCE], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const next = () => new Promise<{ port?: number; seen?: number }>((resolve) => child.once('message', (m) => resolve(m as { port?: number; seen?: number })));
  const { port } = await next();
  return {
    url: `http://127.0.0.1:${port}`,
    seen: async () => {
      const answer = next();
      child.send('seen?');
      return (await answer).seen!;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** N HTTP monitors at 60 s on the target, each its own path, in ten services, probed from `local`. */
function writeMonitors(targetUrl: string): (exec: Sql) => Promise<void> {
  return (exec) =>
    exec(`
      INSERT INTO services (code, name_lv, name_en, critical)
        SELECT 'LOAD-' || i, 'Pakalpojums ' || i, 'Service ' || i, false FROM generate_series(1, 10) i;
      INSERT INTO monitors (service_id, name, type, target, config, interval_seconds, failures_to_confirm, critical, locations)
        SELECT s.id, 'load ' || i, 'http', '${targetUrl}/m/' || i, '{"method": "GET", "expectedStatus": 200}', ${INTERVAL_S}, 2, false, '{local}'
        FROM generate_series(1, ${MONITORS}) i
        JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM services WHERE code LIKE 'LOAD-%') s ON s.n = i % 10;
    `);
}

interface Figures {
  label: string;
  serverCores: number;
  /** Of serverCores, the kernel's share (stime). */
  serverSystemCores: number;
  databaseCores: number | null;
  rssMiB: number;
  windowMaxRssMiB: number;
  peakMiB: number;
  seen: number;
  expected: number;
  load: string;
}

/**
 * The server's CPU seconds in user and in kernel mode (utime, stime of /proc/<pid>/stat): the kernel's
 * share is mostly the sockets (the checks' and the database's), which no JavaScript change removes.
 */
function userAndSystem(pid: number): { user: number; system: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** CPU seconds of a set of processes, each counted from its first sight (a process born in the window from zero). */
function cpuOf(pids: number[], since: Map<number, number>): number {
  return pids.reduce((total, pid) => total + cpuSeconds(pid) - (since.get(pid) ?? 0), 0);
}

/** The bytes of the files under a folder, in MiB. */
function folderMiB(dir: string): number {
  const bytes = (path: string): number => (statSync(path).isDirectory() ? readdirSync(path).reduce((t, name) => t + bytes(join(path, name)), 0) : statSync(path).size);
  return bytes(dir) / 2 ** 20;
}

async function measure(label: string, env: Record<string, string>, target: Target, databaseUrl: string | undefined): Promise<Figures> {
  const bootstrap = randomBytes(24).toString('base64url');
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'kopa-load-prof-')) : undefined;
  const nodeFlags = [...(STATEMENTS ? ['--import', join(HERE, 'count-statements.mjs')] : []), ...(MEMORY_TRACE ? ['--import', join(HERE, 'memory-trace.mjs')] : []), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const server: ServerProcess = await spawnServer([...nodeFlags, COMPILED_BIN, 'serve', '--port', '0'], serverEnv({ ...env, KOPA_BOOTSTRAP_TOKEN: bootstrap }), { timeoutMs: 600_000 });
  const pid = server.child.pid!;
  try {
    console.log(`  ${label}: started; warm-up ${WARMUP_S} s — load average ${loadAverage()}`);
    await sleep(WARMUP_S * 1000);

    const adminUrl = process.env.BENCH_DATABASE_URL!;
    const serverStart = new Map(processTree(pid).map((p) => [p, cpuSeconds(p)]));
    const systemStart = userAndSystem(pid).system;
    const databaseStart = new Map((databaseUrl ? await backendsOf(databaseUrl, adminUrl) : []).map((p) => [p, cpuSeconds(p)]));
    const statementsStart = STATEMENTS ? await statementsSent(server) : null;
    const seenStart = await target.seen();
    const folderStart = env.KOPA_DATA_DIR ? folderMiB(env.KOPA_DATA_DIR) : null;
    const loadStart = loadAverage();
    const t0 = performance.now();
    let windowMaxRssMiB = 0;
    while (performance.now() - t0 < WINDOW_S * 1000) {
      windowMaxRssMiB = Math.max(windowMaxRssMiB, memoryMiB(pid, 'VmRSS'));
      await sleep(Math.min(5000, WINDOW_S * 1000 - (performance.now() - t0)));
    }
    const seconds = (performance.now() - t0) / 1000;
    const seen = (await target.seen()) - seenStart;
    const serverCpu = cpuOf(processTree(pid), serverStart);
    const serverSystem = userAndSystem(pid).system - systemStart;
    // A backend that closed during the window takes its CPU with it: the pool keeps its connections, so few do.
    const databaseCpu = databaseUrl ? cpuOf(await backendsOf(databaseUrl, adminUrl), databaseStart) : null;
    const rssMiB = memoryMiB(pid, 'VmRSS');
    if (statementsStart) {
      const end = await statementsSent(server);
      const sent = end.count - statementsStart.count;
      console.log(`  ${label}: ${sent} statements sent in the window, ${(sent / Math.max(seen, 1)).toFixed(2)} per check; per check, by kind:`);
      const kinds = Object.entries(end.byKind).map(([kind, n]) => [kind, n - (statementsStart.byKind[kind] ?? 0)] as const).filter(([, n]) => n > 0);
      for (const [kind, n] of kinds.sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${(n / Math.max(seen, 1)).toFixed(3).padStart(7)}  ${kind}`);
    }

    if (databaseUrl) console.log(`  ${label}: ${await rollupLag(databaseUrl)}`);
    // The embedded database runs no autovacuum: what its folder gains over the window is what a day of probing would multiply.
    if (folderStart !== null) console.log(`  ${label}: data folder ${folderStart.toFixed(1)} MiB at the window's start, ${folderMiB(env.KOPA_DATA_DIR!).toFixed(1)} MiB at its end`);
    const counts = await fetch(`${server.url}/api/v1/monitors/counts`, { headers: { authorization: `Bearer ${bootstrap}` } }).then((r) => r.json() as Promise<Record<string, number>>);
    console.log(`  ${label}: monitors after the window — ${JSON.stringify(counts)}`);
    return {
      label,
      serverCores: serverCpu / seconds,
      serverSystemCores: serverSystem / seconds,
      databaseCores: databaseCpu === null ? null : databaseCpu / seconds,
      rssMiB,
      windowMaxRssMiB: Math.max(windowMaxRssMiB, rssMiB),
      peakMiB: memoryMiB(pid, 'VmHWM'),
      seen,
      expected: (MONITORS * seconds) / INTERVAL_S,
      load: `${loadStart} → ${loadAverage()}`,
    };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    if (MEMORY_TRACE) {
      console.log(`  ${label}: when the peak memory grew (seconds since start, MiB):`);
      for (const line of server.output().split('\n').filter((l) => l.startsWith('memtrace '))) console.log(`    ${line.slice('memtrace '.length)}`);
    }
    if (profileDir) {
      console.log(`  CPU profile of ${label} over the window (self time):`);
      for (const line of topOfProfile(profileDir, WINDOW_S, 20)) console.log(`    ${line}`);
      if (process.env.BENCH_KEEP_PROFILE) console.log(`  the profile is kept in ${profileDir}`);
      else rmSync(profileDir, { recursive: true, force: true });
    }
  }
}

/**
 * How far the availability rollup's lines are behind: a line keeping up is at most its settling time
 * (10 min at 60 s and two failures), a step (5 min) and a run (1 min) behind, so ~16 minutes.
 */
async function rollupLag(databaseUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ lines: number; started: number; p50: number | null; max: number | null; behind: number }>(`
      SELECT (SELECT count(*) FROM monitors m CROSS JOIN LATERAL unnest(m.locations))::int AS lines, count(r.*)::int AS started,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM now() - r.rolled_to) / 60) AS p50,
             max(extract(epoch FROM now() - r.rolled_to) / 60)::float8 AS max,
             count(*) FILTER (WHERE r.rolled_to < now() - interval '17 minutes')::int AS behind
      FROM monitor_rollups r`);
    const r = rows[0]!;
    return `rollup lines ${r.started} of ${r.lines} started; behind now by ${r.p50?.toFixed(1) ?? '—'} min (median), ${r.max?.toFixed(1) ?? '—'} min at most; ${r.behind} more than 17 min behind (a line keeping up is at most ~16)`;
  } finally {
    await client.end();
  }
}

/**
 * Migrates the database with a first start, then writes the monitors while the server is stopped.
 * What that first server holds in memory with no monitors, idle, is what the monitors add to.
 */
async function prepare(label: string, env: Record<string, string>, write: () => Promise<void>): Promise<void> {
  const server = await spawnServer([COMPILED_BIN, 'serve', '--port', '0'], serverEnv({ ...env, KOPA_PROBER: 'false', KOPA_JOBS: 'false' }), { timeoutMs: 600_000 });
  await sleep(5000);
  console.log(`  ${label}: migrated; with no monitors, prober and jobs off, after 5 s idle: RSS ${memoryMiB(server.child.pid!, 'VmRSS').toFixed(0)} MiB, peak ${memoryMiB(server.child.pid!, 'VmHWM').toFixed(0)} MiB`);
  server.child.kill('SIGTERM');
  await server.exited;
  await write();
}

const f3 = (n: number) => n.toFixed(3);
const ratio = (value: number, goal: number) => `${(value / goal).toFixed(2)} ×`;

function report(f: Figures): void {
  console.log(`  ${f.label}`);
  console.log(`    server CPU:       ${f3(f.serverCores)} core (kernel ${f3(f.serverSystemCores)})${f.databaseCores !== null ? `   PostgreSQL backends of the bench database: ${f3(f.databaseCores)} core   together: ${f3(f.serverCores + f.databaseCores)} core` : ''}`);
  console.log(`    server memory:    RSS ${mibAndMB(f.rssMiB)} at the end, ${mibAndMB(f.windowMaxRssMiB)} at most in the window, peak since start (VmHWM) ${mibAndMB(f.peakMiB)}`);
  console.log(`    target requests:  ${f.seen} seen, ${f.expected.toFixed(0)} scheduled — ${(f.seen / f.expected).toFixed(3)} of the schedule`);
  console.log(`    load average:     ${f.load}`);
  if (f.databaseCores === null) {
    console.log(`    ratio to goals:   CPU ${ratio(f.serverCores, GOAL.pgliteCores)} of ${GOAL.pgliteCores} core, memory (peak) ${ratio(f.peakMiB * MIB, GOAL.pgliteBytes)} of ${GOAL.pgliteBytes / 1e6} MB = ${(GOAL.pgliteBytes / MIB).toFixed(1)} MiB (window max ${ratio(f.windowMaxRssMiB * MIB, GOAL.pgliteBytes)}, RSS at the end ${ratio(f.rssMiB * MIB, GOAL.pgliteBytes)})`);
  } else {
    console.log(`    ratio to goals:   server ${ratio(f.serverCores, GOAL.postgresServerCores)} of ${GOAL.postgresServerCores} core, server + database ${ratio(f.serverCores + f.databaseCores, GOAL.postgresTotalCores)} of ${GOAL.postgresTotalCores} core`);
  }
}

async function main(): Promise<void> {
  if (!compiledIsCurrent()) throw new Error('dist/ is missing or older than src/: run `npm run build:server` (npm run bench:monitoring does)');
  process.env.BENCH_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(`Monitoring load — ${machineContext()}; ${MONITORS} HTTP monitors every ${INTERVAL_S} s against a local target (its own process); warm-up ${WARMUP_S} s, window ${WINDOW_S} s`);
  const target = await startTarget();
  const figures: Figures[] = [];
  try {
    if (ONLY !== 'pglite') {
      const database = await benchDatabase('kopa-load-', { requirePostgres: true });
      try {
        const env = { DATABASE_URL: database.url!, KOPA_SECRET_KEY: randomBytes(32).toString('base64') };
        await prepare(`Kopa, ${database.label}`, env, () => onPostgres(database.url!, writeMonitors(target.url)));
        figures.push(await measure(`Kopa, ${database.label}`, env, target, database.url));
      } finally {
        await database.drop();
      }
    }
    if (ONLY !== 'postgres') {
      const dataDir = mkdtempSync(join(tmpdir(), 'kopa-load-pglite-'));
      try {
        const env = { KOPA_DATA_DIR: dataDir };
        await prepare('Kopa, PGlite (embedded)', env, () => onPGlite(dataDir, writeMonitors(target.url)));
        figures.push(await measure('Kopa, PGlite (embedded)', env, target, undefined));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await target.stop();
  }
  console.log('');
  console.log(`Goals (issue 11): embedded ≤ ${GOAL.pgliteCores} core and ≤ ${GOAL.pgliteBytes / 1e6} MB (SI: ${(GOAL.pgliteBytes / MIB).toFixed(1)} MiB); PostgreSQL server ≤ ${GOAL.postgresServerCores} core, server + database ≤ ${GOAL.postgresTotalCores} core`);
  for (const f of figures) report(f);
}

await main();
