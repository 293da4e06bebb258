/**
 * Soak: two compiled `kopa serve` replicas on one PostgreSQL, mixed traffic from people and
 * scripts spread over both, for `--minutes N` (default 10). Prints per minute the requests, the
 * errors, the throughput, the latency and each replica's resident memory; at the end the totals
 * and a verdict (0 errors, memory drift, throughput drift).
 *
 *   npm run bench:soak -- --minutes 10
 *
 * The database is a PostgreSQL cluster of its own (test/support/postgres-cluster.ts), or a fresh
 * database on BENCH_DATABASE_URL's server when that is set. The replicas run `bin/kopa.js` (the
 * compiled dist/): `npm run bench:soak` builds the server first.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { createMonitor } from '../src/app/monitoring/manage-monitors.js';
import { seedDemoData, DEMO_PASSWORD } from '../src/app/demo/seed-demo-data.js';
import { systemActor } from '../src/domain/actor.js';
import { COMMENT_WINDOW_SECONDS, COMMENTS_PER_WINDOW } from '../src/domain/desk/comment-limit.js';
import { loadConfig } from '../src/main/config.js';
import { openRuntime } from '../src/main/runtime.js';
import { COMPILED_BIN, compiledIsCurrent } from '../test/support/kopa-command.js';
import { postgresBinDir, startPostgresCluster } from '../test/support/postgres-cluster.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { benchDatabase } from './bench-database.js';
import { machineContext } from './context.js';
import { CLOCK_TICKS, processTree } from './proc-cpu.js';
import { inspectTicketLists } from './soak-inspect.js';

const minutesArg = process.argv.indexOf('--minutes');
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 10;
if (!Number.isFinite(MINUTES) || MINUTES <= 0) throw new Error('--minutes takes a positive number');
const CLIENT_TIMEOUT_MS = 10_000;
/** Pause between one person's requests: people think; scripts poll. */
const THINK_MS = 100;

interface Minute {
  requests: number;
  errors: number;
  latencies: number[];
  rss: number[][];
  /** CPU seconds used in the minute by the replicas and by the PostgreSQL cluster. */
  cpu?: { app: number; pg: number };
  /** pg_stat_statements' change over the minute, by statement (empty where the extension is not loaded). */
  statements?: Map<string, StatementCost>;
}
interface StatementCost {
  query: string;
  calls: number;
  ms: number;
  rows: number;
  buffers: number;
}
const newMinute = (replicas: number): Minute => ({ requests: 0, errors: 0, latencies: [], rss: Array.from({ length: replicas }, () => []) });

async function main(): Promise<void> {
  if (!compiledIsCurrent()) throw new Error('dist/ is missing or older than src/: run `npm run build:server` (npm run bench:soak does)');

  // The database.
  let database: { url: string; label: string; drop(): Promise<void> };
  if (process.env.BENCH_DATABASE_URL) {
    const fresh = await benchDatabase('kopa-soak-', { requirePostgres: true });
    database = { url: fresh.url!, label: fresh.label, drop: fresh.drop };
  } else {
    if (!postgresBinDir()) throw new Error('No PostgreSQL binaries under /usr/lib/postgresql/*/bin; set BENCH_DATABASE_URL to use a server instead');
    // pg_stat_statements: what each statement costs per call, minute by minute, as the data grows.
    const cluster = await startPostgresCluster({ settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'top' } });
    database = { url: await cluster.createDatabase('kopa'), label: `PostgreSQL cluster of its own on port ${cluster.port}`, drop: () => cluster.destroy() };
  }

  const secretKey = randomBytes(32).toString('base64');
  const bootstrap = randomBytes(24).toString('base64url');
  const replicas: ServerProcess[] = [];
  let closeStats = async () => {};
  // Interrupted: stop the replicas and remove the database rather than leave them behind.
  const interrupt = () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    void database.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  try {
    // Demo municipalities, people and agreements, and monitors to list (at a location nobody probes here).
    const runtime = await openRuntime(loadConfig({ DATABASE_URL: database.url, KOPA_SECRET_KEY: secretKey }));
    try {
      await seedDemoData(runtime.deps, { history: false });
      const services = (await sql<{ id: string }>`SELECT id::text FROM services ORDER BY id`.execute(runtime.db.kysely)).rows;
      for (let i = 0; i < 20; i++) {
        await createMonitor(runtime.deps, systemActor('soak'), {
          serviceId: services[i % services.length]!.id, tenantId: null, name: `soak monitor ${i + 1}`, type: 'http', target: `https://soak-${i + 1}.example.lv/`,
          config: { method: 'GET', expectedStatus: 200 }, intervalSeconds: 60, timeoutMs: 10_000, failuresToConfirm: 2, critical: false, locations: ['lvrtc'], active: true,
        });
      }
    } finally {
      await runtime.close();
    }

    const stats = await StatementStats.open(database.url);
    closeStats = () => stats.close();
    const env = serverEnv({ DATABASE_URL: database.url, KOPA_SECRET_KEY: secretKey, KOPA_BOOTSTRAP_TOKEN: bootstrap, LOG_LEVEL: 'warn' });
    for (let i = 0; i < 2; i++) replicas.push(await spawnServer([COMPILED_BIN, 'serve', '--port', '0'], env));
    const bases = replicas.map((r) => r.url);

    let turn = 0;
    let minute = newMinute(replicas.length);
    const examples: string[] = [];
    /** The first errors are printed as they happen, the rest only counted. */
    const report = (example: string) => {
      if (examples.push(example) <= 10) console.log(`  error: ${example}`);
    };
    /** One request to the next replica in turn; anything but the expected status is an error. */
    async function request(method: string, path: string, options: { token?: string; cookie?: string; csrf?: string; body?: unknown; expect?: number } = {}): Promise<unknown> {
      const base = bases[turn++ % bases.length]!;
      const headers: Record<string, string> = {};
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      if (options.csrf) headers['x-csrf-token'] = options.csrf;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      const started = performance.now();
      const counted = minute;
      try {
        const res = await fetch(`${base}${path}`, { method, headers, ...(options.body !== undefined && { body: JSON.stringify(options.body) }), signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
        const text = await res.text();
        counted.requests += 1;
        counted.latencies.push(performance.now() - started);
        if (res.status !== (options.expect ?? 200)) {
          counted.errors += 1;
          report(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
          return null;
        }
        return text ? JSON.parse(text) : null;
      } catch (error) {
        counted.requests += 1;
        counted.errors += 1;
        report(`${method} ${path} → ${String(error)}`);
        return null;
      }
    }

    // Who uses it: desk agents signed in (session + CSRF), an operator's script and municipalities' scripts (tokens), the public status page.
    const tenants = (await request('GET', '/api/v1/tenants?limit=100', { token: bootstrap })) as { items: { id: string; name: string }[] };
    const tenantTokens: { tenantId: string; token: string }[] = [];
    for (const tenant of tenants.items.slice(0, 3)) {
      const created = (await request('POST', '/api/v1/tokens', { token: bootstrap, body: { name: `soak ${tenant.name}`, role: 'tenant_user', tenantId: tenant.id }, expect: 201 })) as { token: string };
      tenantTokens.push({ tenantId: tenant.id, token: created.token });
    }
    const signIn = async (email: string) => {
      const res = await fetch(`${bases[0]}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
      if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
      const cookie = /kopa_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
      return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    // Each desk agent works its own tickets, so two never race for the same move.
    const agents = [await signIn('dienests@rda.lv'), await signIn('operators@rda.lv')];
    const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
    // People do not write more than COMMENTS_PER_WINDOW comments a minute on one ticket (the server
    // answers 429 past it, rightly): a ticket is commented on only while it has room.
    const commented = new Map<string, number[]>();
    const roomFor = (ticketId: string) => (commented.get(ticketId) ?? []).filter((t) => t > Date.now() - COMMENT_WINDOW_SECONDS * 1000).length < COMMENTS_PER_WINDOW;
    const comment = async (ticketId: string, auth: { token?: string; cookie?: string; csrf?: string }, body: string) => {
      commented.set(ticketId, [...(commented.get(ticketId) ?? []).filter((t) => t > Date.now() - COMMENT_WINDOW_SECONDS * 1000), Date.now()]);
      await request('POST', `/api/v1/tickets/${ticketId}/comments`, { ...auth, body: { body }, expect: 201 });
    };
    const STAFF_MOVES: Record<string, string[]> = { new: ['in_progress', 'waiting_for_customer'], in_progress: ['waiting_for_customer', 'resolved'], waiting_for_customer: ['in_progress', 'resolved'], resolved: ['in_progress', 'closed'], closed: ['in_progress'] };

    let running = true;
    const pause = () => new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
    async function deskAgent(session: { cookie: string; csrf: string }) {
      const mine: { id: string; status: string }[] = [];
      while (running) {
        const roll = Math.random();
        const auth = { cookie: session.cookie, csrf: session.csrf };
        if (roll < 0.2 || mine.length === 0) {
          const ticket = (await request('POST', '/api/v1/tickets', { ...auth, body: { tenantId: pick(tenants.items).id, priority: pick(['P2', 'P3', 'P4']), subject: 'Soak: pieprasījums', description: 'Soak traffic' }, expect: 201 })) as { id: string; status: string } | null;
          if (ticket) mine.push({ id: ticket.id, status: ticket.status });
        } else if (roll < 0.45) {
          const ticket = pick(mine);
          // A closed ticket takes no comments until reopened (409 invalid_state): agents read it instead.
          if (ticket.status !== 'closed' && roomFor(ticket.id)) await comment(ticket.id, auth, 'Strādājam pie tā.');
          else await request('GET', `/api/v1/tickets/${ticket.id}/timeline`, auth);
        } else if (roll < 0.6) {
          const ticket = pick(mine);
          const to = pick(STAFF_MOVES[ticket.status]!);
          if (await request('POST', `/api/v1/tickets/${ticket.id}/status`, { ...auth, body: { status: to } })) ticket.status = to;
        } else if (roll < 0.8) {
          await request('GET', '/api/v1/tickets?limit=20', auth);
        } else {
          await request('GET', `/api/v1/tickets/${pick(mine).id}`, auth);
        }
        if (mine.length > 200) mine.shift();
        await pause();
      }
    }
    async function operatorScript() {
      while (running) {
        await request('GET', pick(['/api/v1/monitors?limit=50', '/api/v1/monitors/counts', '/api/v1/tenants?limit=50', '/api/v1/services']), { token: bootstrap });
        await pause();
      }
    }
    async function municipalityScript(own: { tenantId: string; token: string }) {
      const mine: string[] = [];
      while (running) {
        const roll = Math.random();
        if (roll < 0.1 || (roll < 0.3 && mine.length === 0)) {
          const ticket = (await request('POST', '/api/v1/tickets', { token: own.token, body: { priority: 'P4', subject: 'Soak: jautājums', description: 'Soak traffic' }, expect: 201 })) as { id: string } | null;
          if (ticket) mine.push(ticket.id);
        } else if (roll < 0.3) {
          const ticketId = pick(mine);
          if (roomFor(ticketId)) await comment(ticketId, { token: own.token }, 'Paldies!');
          else await request('GET', `/api/v1/tickets/${ticketId}`, { token: own.token });
        } else if (roll < 0.6) {
          await request('GET', '/api/v1/tickets?limit=20', { token: own.token });
        } else if (roll < 0.8) {
          await request('GET', `/api/v1/tenants/${own.tenantId}`, { token: own.token });
        } else {
          await request('GET', `/api/v1/tenants/${own.tenantId}/status`, { token: own.token });
        }
        if (mine.length > 200) mine.shift();
        await pause();
      }
    }
    async function publicVisitor() {
      while (running) {
        await request('GET', '/api/v1/status');
        await pause();
      }
    }

    console.log(`Soak: ${MINUTES} min, 2 replicas (compiled bin/kopa.js, pids ${replicas.map((r) => r.child.pid).join(', ')}) on ${database.label}`);
    console.log(machineContext());
    console.log('Traffic: 2 desk agents (sessions), 1 operator script, 3 municipality scripts (tokens), 1 public status reader; each pauses 50–150 ms between requests; requests alternate between the replicas.');
    console.log('Load-independent columns: CPU ms per request of the replicas and of the PostgreSQL cluster (/proc), and per request the statements, rows and shared buffers (pg_stat_statements).');
    console.log('minute  requests  errors  req/s   p50 ms  p95 ms  max ms  ' + replicas.map((_, i) => `rss${i + 1} MiB`).join('  ') + '  cpu app  cpu pg  stmts  rows  bufs  load1');
    const cpu = new CpuMeter(replicas.map((r) => r.child.pid!), await stats.postmasterPid());
    await stats.snapshot();
    cpu.take();

    const sampleRss = setInterval(() => {
      replicas.forEach((r, i) => {
        const mib = rssMiB(r.child.pid);
        if (mib !== null) minute.rss[i]!.push(mib);
      });
    }, 5_000);
    const minutes: Minute[] = [];
    const users = [...agents.map(deskAgent), operatorScript(), ...tenantTokens.map(municipalityScript), publicVisitor()];
    for (let m = 1; m <= Math.ceil(MINUTES); m++) {
      const length = Math.min(60_000, (MINUTES - (m - 1)) * 60_000);
      await new Promise((r) => setTimeout(r, length));
      const done = minute;
      minute = newMinute(replicas.length);
      minutes.push(done);
      done.cpu = cpu.take();
      done.statements = await stats.snapshot();
      console.log(formatMinute(m, done, length));
      for (const r of replicas) if (r.child.exitCode !== null) throw new Error(`a replica exited:\n${r.output()}`);
    }
    running = false;
    clearInterval(sampleRss);
    await Promise.all(users);

    const total = minutes.reduce((sum, m) => ({ requests: sum.requests + m.requests, errors: sum.errors + m.errors }), { requests: 0, errors: 0 });
    const all = minutes.flatMap((m) => m.latencies).sort((a, b) => a - b);
    // The first minute warms up (JIT, pools, caches): drift is measured from the second when there is one.
    const first = minutes.length > 2 ? minutes[1]! : minutes[0]!;
    const last = minutes[minutes.length - 1]!;
    const throughputDrift = percent(last.requests / lengthOf(minutes.length, minutes.length) - first.requests / lengthOf(minutes.indexOf(first) + 1, minutes.length), first.requests / lengthOf(minutes.indexOf(first) + 1, minutes.length));
    const memoryDrifts = replicas.map((_, i) => percent(mean(last.rss[i]!) - mean(first.rss[i]!), mean(first.rss[i]!)));
    const replicaErrors = replicas.map((r) => r.output().split('\n').filter((line) => /"level":(50|60)/.test(line)).length);
    console.log('');
    console.log(`Total: ${total.requests} requests, ${total.errors} errors, ${(total.requests / (MINUTES * 60)).toFixed(1)} req/s, latency p50 ${quantile(all, 0.5).toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms, p99 ${quantile(all, 0.99).toFixed(1)} ms`);
    console.log(`Replica log lines at error level: ${replicaErrors.join(', ')}`);
    console.log(`Memory drift (mean RSS, minute ${minutes.indexOf(first) + 1} → minute ${minutes.length}): ${memoryDrifts.map((d, i) => `replica ${i + 1} ${signed(d)}`).join(', ')}`);
    console.log(`Throughput drift (req/s, minute ${minutes.indexOf(first) + 1} → minute ${minutes.length}): ${signed(throughputDrift)}`);
    const cpuPerRequest = (m: Minute) => (m.cpu ? ((m.cpu.app + m.cpu.pg) * 1000) / Math.max(1, m.requests) : NaN);
    const cpuDrift = percent(cpuPerRequest(last) - cpuPerRequest(first), cpuPerRequest(first));
    const buffersDrift = percent(perRequest(last, 'buffers') - perRequest(first, 'buffers'), perRequest(first, 'buffers'));
    console.log(`CPU per request, replicas + PostgreSQL (minute ${minutes.indexOf(first) + 1} → minute ${minutes.length}; does not depend on other processes' load): ${cpuPerRequest(first).toFixed(2)} → ${cpuPerRequest(last).toFixed(2)} ms, ${signed(cpuDrift)}`);
    console.log(`Shared buffers per request (same minutes): ${perRequest(first, 'buffers').toFixed(1)} → ${perRequest(last, 'buffers').toFixed(1)}, ${signed(buffersDrift)}`);
    printGrowth(first, last, minutes.indexOf(first) + 1, minutes.length);
    const flat = (d: number) => Math.abs(d) <= 15;
    const verdict = [total.errors === 0 ? '0 errors' : `${total.errors} errors`, memoryDrifts.every(flat) ? 'memory flat (±15%)' : 'memory NOT flat', flat(throughputDrift) ? 'throughput flat (±15%)' : 'throughput NOT flat', Number.isNaN(cpuDrift) ? 'CPU per request not measured' : flat(cpuDrift) ? 'CPU per request flat (±15%)' : 'CPU per request NOT flat'];
    // On a shared machine req/s moves with other processes' load; CPU per request does not, so it is judged as well.
    const pass = total.errors === 0 && memoryDrifts.every(flat) && flat(throughputDrift) && (Number.isNaN(cpuDrift) || flat(cpuDrift));
    console.log(`Verdict: ${pass ? 'PASS' : 'FAIL'} — ${verdict.join(', ')}`);
    if (!pass) process.exitCode = 1;
    await stats.inspect(tenantTokens[0]!.tenantId);
  } finally {
    for (const r of replicas) r.child.kill('SIGTERM');
    await Promise.all(replicas.map((r) => Promise.race([r.exited, new Promise((resolve) => setTimeout(resolve, 30_000))])));
    for (const r of replicas) r.child.kill('SIGKILL');
    await closeStats();
    await database.drop();
  }
}

/**
 * CPU seconds of the replicas and of the PostgreSQL cluster since the last take: each root
 * process's own and its reaped children's time (utime, stime, cutime, cstime) plus its live
 * children's, so a backend that exits between takes (its time moves into the postmaster's
 * cutime) is neither lost nor counted twice.
 */
class CpuMeter {
  private last = { app: 0, pg: 0 };
  constructor(private readonly replicaPids: number[], private readonly postmaster: number | null) {}
  take(): { app: number; pg: number } {
    const now = { app: this.replicaPids.reduce((s, pid) => s + treeSeconds(pid), 0), pg: this.postmaster ? treeSeconds(this.postmaster) : 0 };
    const used = { app: now.app - this.last.app, pg: now.pg - this.last.pg };
    this.last = now;
    return used;
  }
}
function treeSeconds(root: number): number {
  const [, ...children] = processTree(root);
  return withReaped(root) + children.reduce((s, pid) => s + withReaped(pid), 0);
}
/** utime + stime + cutime + cstime of a process, in seconds (0 once it is gone). */
function withReaped(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** pg_stat_statements of the soak's database, read between minutes; does nothing where the extension is not loaded. */
class StatementStats {
  private last = new Map<string, StatementCost>();
  private constructor(private readonly client: pg.Client | null) {}
  static async open(url: string): Promise<StatementStats> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query('SELECT pg_stat_statements_reset()');
      return new StatementStats(client);
    } catch {
      await client.end();
      return new StatementStats(null);
    }
  }
  async postmasterPid(): Promise<number | null> {
    if (!this.client) return null;
    const { rows } = await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    try {
      return Number(readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    } catch {
      return null;
    }
  }
  async snapshot(): Promise<Map<string, StatementCost>> {
    const changes = new Map<string, StatementCost>();
    if (!this.client) return changes;
    const { rows } = await this.client.query<{ id: string; query: string; calls: string; ms: number; rows: string; buffers: string }>(
      `SELECT queryid::text || ':' || userid::text AS id, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query, calls, total_exec_time AS ms, rows, shared_blks_hit + shared_blks_read AS buffers
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'`,
    );
    const now = new Map(rows.map((r) => [r.id, { query: r.query, calls: Number(r.calls), ms: Number(r.ms), rows: Number(r.rows), buffers: Number(r.buffers) }]));
    for (const [id, cost] of now) {
      const before = this.last.get(id) ?? { calls: 0, ms: 0, rows: 0, buffers: 0 };
      if (cost.calls > before.calls) changes.set(id, { query: cost.query, calls: cost.calls - before.calls, ms: cost.ms - before.ms, rows: cost.rows - before.rows, buffers: cost.buffers - before.buffers });
    }
    this.last = now;
    return changes;
  }
  async inspect(tenantId: string): Promise<void> {
    if (this.client) await inspectTicketLists(this.client, tenantId);
  }
  async close(): Promise<void> {
    await this.client?.end().catch(() => undefined);
  }
}

function perRequest(m: Minute, what: 'calls' | 'rows' | 'buffers'): number {
  if (!m.statements || m.statements.size === 0) return NaN;
  let sum = 0;
  for (const cost of m.statements.values()) sum += cost[what];
  return sum / Math.max(1, m.requests);
}

/** The statements whose buffers per call grew most from the first judged minute to the last: what grows with the data. */
function printGrowth(first: Minute, last: Minute, firstNumber: number, lastNumber: number): void {
  if (!first.statements?.size || !last.statements?.size) return;
  const rows: { query: string; a: StatementCost; b: StatementCost; growth: number }[] = [];
  for (const [id, b] of last.statements) {
    const a = first.statements.get(id);
    if (!a) continue;
    rows.push({ query: b.query, a, b, growth: (b.buffers / b.calls - a.buffers / a.calls) * b.calls });
  }
  rows.sort((x, y) => y.growth - x.growth);
  console.log(`Statements whose shared buffers grew most (per call, minute ${firstNumber} → ${lastNumber}; weighted by calls):`);
  console.log('  calls/min  buffers/call        rows/call       ms/call          statement');
  for (const r of rows.slice(0, 10)) {
    const per = (c: StatementCost, k: 'buffers' | 'rows' | 'ms') => c[k] / c.calls;
    console.log(
      `  ${String(r.b.calls).padStart(9)}  ${per(r.a, 'buffers').toFixed(1).padStart(6)} → ${per(r.b, 'buffers').toFixed(1).padEnd(7)}  ${per(r.a, 'rows').toFixed(1).padStart(5)} → ${per(r.b, 'rows').toFixed(1).padEnd(7)}  ${per(r.a, 'ms').toFixed(2).padStart(5)} → ${per(r.b, 'ms').toFixed(2).padEnd(7)}  ${r.query}`,
    );
  }
}

/** Resident memory of a process from /proc (Linux), in MiB. */
function rssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Seconds in minute `m` (1-based): the last may be partial. */
function lengthOf(m: number, count: number): number {
  return m < count ? 60 : (MINUTES - (count - 1)) * 60;
}

function formatMinute(m: number, minute: Minute, lengthMs: number): string {
  const sorted = [...minute.latencies].sort((a, b) => a - b);
  const rss = minute.rss.map((samples) => (samples.length ? samples[samples.length - 1]!.toFixed(0) : '?').padStart(8)).join('  ');
  return [
    String(m).padStart(6),
    String(minute.requests).padStart(9),
    String(minute.errors).padStart(7),
    (minute.requests / (lengthMs / 1000)).toFixed(1).padStart(6),
    quantile(sorted, 0.5).toFixed(1).padStart(8),
    quantile(sorted, 0.95).toFixed(1).padStart(7),
    (sorted[sorted.length - 1] ?? 0).toFixed(0).padStart(7),
    rss,
    (minute.cpu ? ((minute.cpu.app * 1000) / Math.max(1, minute.requests)).toFixed(2) : '?').padStart(8),
    (minute.cpu ? ((minute.cpu.pg * 1000) / Math.max(1, minute.requests)).toFixed(2) : '?').padStart(7),
    perRequest(minute, 'calls').toFixed(1).padStart(6),
    perRequest(minute, 'rows').toFixed(0).padStart(5),
    perRequest(minute, 'buffers').toFixed(0).padStart(5),
    loadavg()[0]!.toFixed(2).padStart(6),
  ].join(' ');
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const percent = (delta: number, base: number) => (delta / base) * 100;
const signed = (d: number) => `${d >= 0 ? '+' : ''}${d.toFixed(1)}%`;

await main();
