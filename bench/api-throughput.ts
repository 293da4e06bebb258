/**
 * API throughput: `kopa serve` started the way users start it, a municipality and a Bearer token of
 * one of its people's role, then `wrk -t2 -c32` against `GET /api/v1/tenants/{id}` — on PostgreSQL
 * (a fresh database, dropped afterwards) and on the embedded PGlite — and, in the same run and on
 * the same PostgreSQL database, a minimal Fastify + pg server doing the same token lookup and
 * row-level-security read (bench/api-baseline.ts). Prints req/s, p50, p99, the ratio
 * Kopa/baseline, the load average seen, and how many statements one request sends.
 *
 * Then, on the same PostgreSQL database, a second replica (bench/api-replicas.ts): two `kopa serve`
 * behind the real nginx with deploy/nginx/kopa.conf (TLS), against one replica behind the same
 * nginx, measured one, two, two, one. Prints req/s, p50, p99, CPU ms per request of the replicas
 * (both together), of PostgreSQL and of nginx, how many requests each replica served (by its own
 * metrics), and the scaling ratio two / one. Skipped, with a line saying so, without /usr/sbin/nginx.
 * Expect no scaling on two shared cores: wrk, nginx, two Node processes and PostgreSQL share them,
 * so a second replica adds no CPU, only a second event loop, and on a machine short of CPU it costs
 * more per request (measured: 0.5–1.0 × the throughput of one). CPU per request is the figure that
 * does not depend on the machine: with cores to spare, throughput grows by about 1,000 / (replica
 * CPU ms per request) per core given to replicas until PostgreSQL's cores run out (docs/adr/0019,
 * "A second replica").
 *
 *   npm run bench:api [-- --seconds 20] [-- --profile] [-- --replicas-only | --pglite-only]
 *
 * `--replicas-only` runs only the replica comparison (a fresh PostgreSQL database of its own);
 * `--pglite-only` only the embedded database's token and cookie runs.
 *
 * PostgreSQL is BENCH_DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432/postgres.
 * The server runs the compiled dist/ when it is current (npm run bench:api builds it), otherwise
 * the sources through tsx. `--profile` writes a CPU profile of each Kopa server (node --cpu-prof)
 * and prints the functions with the most self time.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kopaCommand } from '../test/support/kopa-command.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { call, createBenchTenant, TENANT_PATH } from './api-client.js';
import { HAVE_NGINX, measureReplicas, replicaReport, type ReplicaRun } from './api-replicas.js';
import { benchDatabase } from './bench-database.js';
import { machineContext } from './context.js';
import { topOfProfile } from './cpu-profile.js';
import { bearerHeader, measured, WRK, WRK_SHAPE, wrk, type AuthHeader, type MeasuredFigures } from './wrk.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const arg = (name: string) => process.argv.indexOf(`--${name}`);
const SECONDS = arg('seconds') > 0 ? Number(process.argv[arg('seconds') + 1]) : 20;
const PROFILE = arg('profile') > 0;
const REPLICAS_ONLY = arg('replicas-only') > 0;
const PGLITE_ONLY = arg('pglite-only') > 0;

interface Figures extends MeasuredFigures {
  label: string;
  statements?: number;
}

/** Statements the server sent for `requests` sequential requests, per request (background jobs included, so a little over). */
async function statementsPerRequest(server: ServerProcess, url: string, token: string, requests: number, auth = bearerHeader(token)): Promise<{ perRequest: number; sample: string[] }> {
  const read = async () => {
    const before = server.output().length;
    server.child.kill('SIGUSR2');
    for (let i = 0; i < 100; i++) {
      const line = /statements-sent (\d+) (\[.*\])\n/.exec(server.output().slice(before));
      if (line) return { count: Number(line[1]), recent: JSON.parse(line[2]!) as string[] };
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the server did not report its statements');
  };
  const start = await read();
  for (let i = 0; i < requests; i++) await fetch(url, { headers: { [auth[0]]: auth[1] } }).then((r) => r.text());
  const afterMany = await read();
  await fetch(url, { headers: { [auth[0]]: auth[1] } }).then((r) => r.text());
  const afterOne = await read();
  const lastCount = afterOne.count - afterMany.count;
  return { perRequest: (afterMany.count - start.count) / requests, sample: afterOne.recent.slice(-lastCount) };
}

async function measureKopa(label: string, env: Record<string, string>): Promise<{ figures: Figures; url: string; token: string; stop(): Promise<void> }> {
  const bootstrap = randomBytes(24).toString('base64url');
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'kopa-api-prof-')) : undefined;
  const nodeFlags = ['--import', join(HERE, 'count-statements.mjs'), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const server = await spawnServer([...nodeFlags, ...kopaCommand('serve', '--port', '0')], serverEnv({ ...env, KOPA_BOOTSTRAP_TOKEN: bootstrap, LOG_LEVEL: 'warn' }));
  // The server is stopped after the other runs (the baseline, the cookie's), so the profile's
  // window is the token run's seconds, counted back from when that run ended, not from the exit.
  let measuredEndedAt: number | null = null;
  const stop = async () => {
    const sinceMeasured = measuredEndedAt === null ? 0 : (performance.now() - measuredEndedAt) / 1000;
    server.child.kill('SIGTERM');
    await server.exited;
    if (profileDir) {
      console.log(`  CPU profile of ${label}, its token run (self time):`);
      for (const line of topOfProfile(profileDir, SECONDS, 12, sinceMeasured)) console.log(`    ${line}`);
      // BENCH_KEEP_PROFILES=<folder> keeps each profile there, to read beyond the top functions.
      if (process.env.BENCH_KEEP_PROFILES) cpSync(profileDir, join(process.env.BENCH_KEEP_PROFILES, label.replace(/\W+/g, '-')), { recursive: true });
      rmSync(profileDir, { recursive: true, force: true });
    }
  };
  try {
    const { path, token } = await createBenchTenant(server.url, bootstrap);
    const url = `${server.url}${path}`;
    await call(server.url, 'GET', path, token);
    const { perRequest, sample } = await statementsPerRequest(server, url, token, 50);
    console.log(`  ${label}: statements sent for one request (with any background job's in between):`);
    for (const s of sample) console.log(`    ${s}`);
    await wrk(url, token, 3); // warm-up: JIT, pool, caches
    const figures = await measured(url, token, SECONDS, [server.child.pid!], env.DATABASE_URL);
    measuredEndedAt = performance.now();
    return { figures: { label, ...figures, statements: perRequest }, url, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function measureBaseline(databaseUrl: string, tenantUrlPath: string, token: string): Promise<Figures> {
  // The same statement-counting preload as Kopa's servers carry (it wraps pg's query, a few
  // microseconds a statement), so the two CPU figures per request compare like with like.
  const server = spawn(process.execPath, ['--import', join(HERE, 'count-statements.mjs'), '--import', 'tsx', join(HERE, 'api-baseline.ts')], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const found = /baseline listening at (\S+)/.exec(text)?.[1];
        if (found) resolve(found);
      });
      void exited.then(() => reject(new Error(`the baseline server exited: ${text}`)));
    });
    await call(base, 'GET', tenantUrlPath, token);
    await wrk(`${base}${tenantUrlPath}`, token, 3);
    const figures = await measured(`${base}${tenantUrlPath}`, token, SECONDS, [server.pid!], databaseUrl);
    return { label: 'baseline Fastify + pg, PostgreSQL', ...figures, statements: 6 };
  } finally {
    server.kill('SIGTERM');
    await exited;
  }
}

/**
 * The browser's way in, on each database: a person of the municipality signs in once with a
 * password, then wrk sends the session cookie on the same GET. Its own servers and databases, so
 * the token runs are untouched; printed after them.
 */
async function measureCookieRuns(): Promise<void> {
  const results: Figures[] = [];
  if (!PGLITE_ONLY) {
    const database = await benchDatabase('kopa-api-cookie-', { requirePostgres: true });
    try {
      results.push(await measureKopaCookie(`Kopa cookie, ${database.label}`, { DATABASE_URL: database.url!, KOPA_SECRET_KEY: randomBytes(32).toString('base64') }));
    } finally {
      await database.drop();
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-api-cookie-pglite-'));
  try {
    results.push(await measureKopaCookie('Kopa cookie, PGlite (embedded)', { KOPA_DATA_DIR: dataDir }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('\nthe same GET with a session cookie (a tenant_user signed in once):');
  for (const f of results) console.log(row(f));
}

async function measureKopaCookie(label: string, env: Record<string, string>): Promise<Figures> {
  const bootstrap = randomBytes(24).toString('base64url');
  const server = await spawnServer(['--import', join(HERE, 'count-statements.mjs'), ...kopaCommand('serve', '--port', '0')], serverEnv({ ...env, KOPA_BOOTSTRAP_TOKEN: bootstrap, LOG_LEVEL: 'warn' }));
  try {
    const tenant = await call(server.url, 'POST', '/api/v1/tenants', bootstrap, { name: 'Bench novads', registrationNumber: '90000031828', status: 'active' });
    // tenant_user: no second factor is required of it by default, so a password signs it in fully.
    const email = 'lasitajs@bench.lv';
    const password = randomBytes(18).toString('base64url');
    await call(server.url, 'POST', `/api/v1/tenants/${tenant.id as string}/users`, bootstrap, { email, name: 'Bench Lasītājs', role: 'tenant_user', password });
    const signIn = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    const cookie = signIn.headers.getSetCookie().map((c) => /^kopa_session=([^;]+)/.exec(c)?.[1]).find(Boolean);
    if (signIn.status !== 200 || !cookie) throw new Error(`signing in → ${signIn.status} ${await signIn.text()}`);
    const auth: AuthHeader = ['cookie', `kopa_session=${cookie}`];
    const url = `${server.url}${TENANT_PATH(tenant.id as string)}`;
    const first = await fetch(url, { headers: { [auth[0]]: auth[1] } });
    if (first.status !== 200) throw new Error(`GET with the cookie → ${first.status} ${await first.text()}`);
    const { perRequest, sample } = await statementsPerRequest(server, url, '', 50, auth);
    console.log(`  ${label}: statements sent for one request (with any background job's in between):`);
    for (const s of sample) console.log(`    ${s}`);
    await wrk(url, '', 3, auth); // warm-up
    const figures = await measured(url, '', SECONDS, [server.child.pid!], env.DATABASE_URL, undefined, auth);
    return { label, ...figures, statements: perRequest };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

const row = (f: Figures) =>
  `${f.label.padEnd(36)} ${Math.round(f.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${f.p50.toFixed(2).padStart(7)} ms  p99 ${f.p99.toFixed(2).padStart(7)} ms  errors ${f.errors}` +
  `  statements/request ${f.statements?.toFixed(1) ?? '?'}  CPU ms/request server ${f.serverCpu.toFixed(2)}${f.databaseCpu !== undefined ? ` database ${f.databaseCpu.toFixed(2)}` : ''}  load ${f.load}`;

const NO_NGINX = 'second replica: skipped, /usr/sbin/nginx is missing (apt-get install nginx)';

/** The replica comparison's explanation, printed under its figures: what the ratio can and cannot say here. */
const REPLICA_NOTE = [
  'wrk, nginx, both replicas and PostgreSQL share this machine\'s cores: a second replica brings a second event loop, not more CPU,',
  'and on a machine already short of CPU each loop has half the requests to batch and PostgreSQL twice the connections, so the',
  'ratio can fall below 1 here. CPU ms per request is what carries to a bigger machine: replicas on cores of their own scale',
  'until PostgreSQL\'s cores are spent (docs/adr/0019, "A second replica").',
];

async function main(): Promise<void> {
  if (!existsSync(WRK)) throw new Error(`${WRK} is missing`);
  process.env.BENCH_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(`API throughput — ${machineContext()}; wrk ${WRK_SHAPE} -d${SECONDS}s; server and load generator share the cores; load average before → after each run`);
  const results: Figures[] = [];
  let replicas: ReplicaRun[] = [];
  if (PGLITE_ONLY) return measurePGliteOnly();

  const database = await benchDatabase('kopa-api-', { requirePostgres: true });
  try {
    const secretKey = randomBytes(32).toString('base64');
    let tenant: { path: string; token: string } | undefined;
    if (!REPLICAS_ONLY) {
      const kopa = await measureKopa(`Kopa, ${database.label}`, { DATABASE_URL: database.url!, KOPA_SECRET_KEY: secretKey });
      // The baseline and the replicas read the same municipality with the same token, from the same database.
      await kopa.stop();
      results.push(kopa.figures);
      tenant = { path: new URL(kopa.url).pathname, token: kopa.token };
      results.push(await measureBaseline(database.url!, tenant.path, tenant.token));
    }
    if (HAVE_NGINX) replicas = await measureReplicas({ databaseUrl: database.url!, secretKey, seconds: SECONDS, tenant });
  } finally {
    await database.drop();
  }

  if (!REPLICAS_ONLY) {
    const dataDir = mkdtempSync(join(tmpdir(), 'kopa-api-pglite-'));
    try {
      const kopa = await measureKopa('Kopa, PGlite (embedded)', { KOPA_DATA_DIR: dataDir });
      await kopa.stop();
      results.push(kopa.figures);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  console.log('');
  if (!REPLICAS_ONLY) {
    for (const f of results) console.log(row(f));
    const [pgKopa, baseline, pglite] = results as [Figures, Figures, Figures];
    console.log(`ratio Kopa/baseline on PostgreSQL: ${(pgKopa.rps / baseline.rps).toFixed(2)} × throughput, p99 ${(pgKopa.p99 / baseline.p99).toFixed(2)} ×`);
    console.log(`goals: PostgreSQL ≥ 4,000 req/s, p99 ≤ 25 ms, ≥ 0.7 × baseline; PGlite ≥ 1,500 req/s`);
    console.log(
      `met: PostgreSQL ${pgKopa.rps >= 4000 && pgKopa.p99 <= 25 && pgKopa.rps >= 0.7 * baseline.rps ? 'yes' : 'no'} ` +
        `(req/s ${pgKopa.rps >= 4000 ? 'yes' : 'no'}, p99 ${pgKopa.p99 <= 25 ? 'yes' : 'no'}, ratio ${pgKopa.rps >= 0.7 * baseline.rps ? 'yes' : 'no'}); PGlite ${pglite.rps >= 1500 ? 'yes' : 'no'}`,
    );
    await measureCookieRuns();
    console.log('');
  }
  if (!HAVE_NGINX) return console.log(NO_NGINX);
  console.log(`a second replica on ${database.label}, through nginx (deploy/nginx/kopa.conf, TLS), in the order run:`);
  for (const line of replicaReport(replicas)) console.log(line);
  for (const line of REPLICA_NOTE) console.log(`  ${line}`);
}

/** The embedded database alone: its token run, then its cookie run (no PostgreSQL, no baseline, no replicas). */
async function measurePGliteOnly(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-api-pglite-'));
  try {
    const kopa = await measureKopa('Kopa, PGlite (embedded)', { KOPA_DATA_DIR: dataDir });
    await kopa.stop();
    console.log(`\n${row(kopa.figures)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  await measureCookieRuns();
}

await main();
