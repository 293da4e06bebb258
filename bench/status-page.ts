/**
 * The public status page at scale: `kopa serve` started the way users start it, on PostgreSQL (a
 * fresh database, dropped afterwards) and on the embedded PGlite, with 2,000 monitors and a year of
 * history; prints the latency of `GET /api/v1/status` cold (the first request after a restart, then
 * sequential requests each computed afresh: KOPA_STATUS_CACHE_SECONDS=0, what one computation
 * costs) and warm (the default 15 s cache for at least 20 s, so an expiry falls among the requests:
 * the answer in hand is given while the next is computed), the statements one computation sends,
 * and the ratios to the goals of issue 11 (≤ 100 ms at most, p99 ≤ 50 ms). The warm server's first
 * request comes once the bench's agent has caught up (its monitors read and its results sent, as a
 * probe agent does when the server is back). The warm server then crashes (SIGKILL) and the next
 * one is asked as soon as it is ready (a server waits up to 0.5 s for its start computation before
 * it listens; answers are kept every 30 s); then, its kept answers deleted while it is stopped, once
 * more at the very start; then, its kept days deleted too (the history's first computation), at the
 * very start and every 50 ms until the first look is replaced by the whole answer (ADR 0029); then
 * it is stopped and restarted once more and
 * its first request is answered with the answer the server before it kept at its stop (ADR 0022,
 * "The answer kept across a restart"); the bench prints how long until its own came.
 *
 *   npm run bench:status [-- --monitors 2000] [-- --services 20] [-- --raw-hours 3] [-- --requests 30] [-- --profile]
 *
 * `--phases` prints, for uncached computations, each statement's time from sent to answered (the
 * driver's parsing of its rows included) and rows, and the server's time between statements (its
 * JavaScript: the sweep after the last read, …), medians over 9 requests — load changes them less
 * than the totals, as each phase waits for the same cores.
 *
 * `BENCH_SERVER_FLAGS` adds flags to the server's node (an experiment's V8 flags, say).
 *
 * `--profile` writes a CPU profile of the uncached server (node --cpu-prof), prints where its
 * time went while it answered the sequential requests and where the profile is kept.
 *
 * The history is written with set-based SQL straight into the tables while the server is stopped —
 * making a year of it through probe ingestion would take days. What is written is what a server
 * that has run for a year holds: per monitor a year of rolled-up segments (an outage of 2–30 minutes
 * every ten days or so), its rollup cursor at the settled frontier (as the rollup job leaves it),
 * raw results every 60 s for the last `--raw-hours` and the next 5 minutes, so that monitors stay
 * known while the server starts and is measured (1 % of the monitors failing from five minutes before now),
 * and the kept current state of each monitor's location derived from those results.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kopaCommand } from '../test/support/kopa-command.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { benchDatabase, emptyKeptTable } from './bench-database.js';
import { frameName, latestProfile, topOfProfile } from './cpu-profile.js';
import { backendsOf, cpuSeconds, processTree } from './proc-cpu.js';
import { machineContext } from './context.js';
import { onPGlite as writeOnPGlite, onPostgres as writeOnPostgres, writeYearOfHistory } from './history.js';
import { liveArrivals, type Arrivals } from './live-arrivals.js';
import { benchServerFlags, fmtMs, loadAverage, quantile, statementsSent, statementsTimed, stopServer, timedGet, type TimedStatement } from './measure.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MONITORS = option('monitors', 2000);
const SERVICES = option('services', 20);
const RAW_HOURS = option('raw-hours', 3);
const REQUESTS = option('requests', 30);
/** `--spaced N`: how many computations 15 s after the last (what the first visitor after an expiry meets). */
const SPACED = option('spaced', 3);
/** `--only postgres` or `--only pglite` measures one database. */
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const PROFILE = process.argv.includes('--profile');
/** `--phases` splits uncached computations by their statements (bench/count-statements.mjs times each). */
const PHASES = process.argv.includes('--phases');
const GOAL_MAX_MS = 100;
const GOAL_P99_MS = 50;
/** When the written history ends: results arrive through the server from then on (bench/live-arrivals.ts). */
let historyEnds = 0;
const history = async (exec: (text: string) => Promise<void>) => {
  historyEnds = await writeYearOfHistory(exec, { monitors: MONITORS, services: SERVICES, rawHours: RAW_HOURS, aheadMinutes: 0 });
};
/**
 * The kept newest results (21 a location) reach back past the rollup line the history leaves
 * (11 minutes before its end) by 3 results or more — what a pair needs to be answered from them —
 * until about 7 minutes after it: the job worker, which would move the line on, is off while measuring.
 */
const KEPT_REACH_MINUTES = 7;
const sinceHistory = () => `${((Date.now() - historyEnds) / 60_000).toFixed(1)} min after the history's end${Date.now() - historyEnds > KEPT_REACH_MINUTES * 60_000 ? ` — past the ${KEPT_REACH_MINUTES} min the kept results reach back past the unmoved line: pairs fall back to raw reads` : ''}`;


/** The probe agents' token: the operator token the server registers at start-up. */
const AGENT_TOKEN = randomBytes(24).toString('base64url');

async function start(env: Record<string, string>, cacheSeconds: number, profileDir?: string): Promise<ServerProcess> {
  return spawnServer(
    ['--import', join(HERE, 'count-statements.mjs'), ...benchServerFlags(), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...kopaCommand('serve', '--port', '0')],
    // No probing and no job worker while measuring: results arrive from the bench as an agent sends them, and the cores are few.
    serverEnv({ ...env, LOG_LEVEL: 'warn', KOPA_PROBER: 'false', KOPA_JOBS: 'false', KOPA_STATUS_CACHE_SECONDS: String(cacheSeconds), KOPA_BOOTSTRAP_TOKEN: AGENT_TOKEN }),
    // Migrating PGlite on a busy machine takes minutes.
    { timeoutMs: 600_000 },
  );
}


function line(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const p50 = quantile(sorted, 0.5);
  const p99 = quantile(sorted, 0.99);
  const max = sorted.at(-1)!;
  return `  ${label.padEnd(38)} n ${String(samples.length).padStart(4)}  p50 ${fmtMs(p50)}  p99 ${fmtMs(p99)}  max ${fmtMs(max)}   max/${GOAL_MAX_MS} ms ${(max / GOAL_MAX_MS).toFixed(2)} ×  p99/${GOAL_P99_MS} ms ${(p99 / GOAL_P99_MS).toFixed(2)} ×`;
}

/**
 * One uncached computation with its statements (the arrivals due sent first, outside them): its
 * time, its statements, and how many locations' kept results it read — the rows of the statement
 * that returns only the changed ones (ADR 0022 "Reusing unchanged tails"), or of the one that read
 * them all before it — and whether any location fell back to the raw results.
 */
async function computation(server: ServerProcess, url: string, arrivals: Arrivals): Promise<{ ms: number; statements: TimedStatement[]; arrived: number; keptRead: number | null; fellBack: boolean }> {
  const arrived = await arrivals.sendDue();
  const before = (await statementsSent(server)).count;
  const { ms } = await timedGet(url);
  const sent = (await statementsSent(server)).count - before;
  const statements = (await statementsTimed(server)).slice(-sent);
  const kept = statements.filter((s) => s.kind.startsWith('SELECT q.i, cardinality(k.ats)'));
  // The read of the kept rows written since the last (ADR 0022, "Reading only what changed"): its first row is its snapshot and count.
  const since = statements.filter((s) => s.kind.startsWith('SELECT (SELECT count(*)::int FROM monitor_latest_results) AS count'));
  const keptRead = since.length > 0 ? since.reduce((n, s) => n + Math.max(0, (s.rows ?? 1) - 1), 0) : kept.length === 0 ? null : kept.reduce((n, s) => n + (s.rows ?? 0), 0);
  return { ms, statements, arrived, keptRead, fellBack: statements.some((s) => s.kind.includes('floor(extract(epoch FROM r.at)')) };
}

function printKeptRead(label: string, runs: Awaited<ReturnType<typeof computation>>[]): void {
  const read = runs.map((r) => r.keptRead);
  const ms = runs.map((r) => r.ms.toFixed(0)).join(', ');
  console.log(`  ${label}: results arrived before each ${runs.map((r) => r.arrived).join(', ')}; locations' kept results read ${read.map((n) => n ?? '–').join(', ')}${runs.some((r) => r.fellBack) ? '; SOME LOCATIONS READ FROM THE RAW RESULTS' : ''}; ms ${ms}`);
}

/** Medians over a few uncached computations of each statement's time and the server's time before it. */
async function phases(server: ServerProcess, url: string, arrivals: Arrivals): Promise<void> {
  const runs: { statements: TimedStatement[]; ms: number }[] = [];
  const all = [];
  for (let i = 0; i < 9; i++) {
    const one = await computation(server, url, arrivals);
    all.push(one);
    runs.push(one);
  }
  printKeptRead('uncached computations one after another', all);
  if (!PHASES) return;
  printPhases(`one uncached computation by phase (medians of ${runs.length}; "before" is the server's own work since the previous answer; load ${loadAverage()}):`, runs);
}

/** Each statement's time and the server's own work before it, medians over the runs. */
function printPhases(title: string, runs: { statements: TimedStatement[]; ms: number }[]): void {
  const n = Math.min(...runs.map((r) => r.statements.length));
  const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
  console.log(`  ${title}`);
  for (let k = 0; k < n; k++) {
    const at = (r: (typeof runs)[number]) => r.statements[k]!;
    const gap = k === 0 ? null : median(runs.map((r) => at(r).sent - (r.statements[k - 1]!.answered ?? at(r).sent)));
    const took = median(runs.map((r) => (at(r).answered ?? at(r).sent) - at(r).sent));
    const rows = median(runs.map((r) => at(r).rows ?? 0));
    console.log(`    ${gap === null ? ' '.repeat(17) : `before ${fmtMs(gap)}`}  statement ${fmtMs(took)} ${String(rows).padStart(6)} rows  ${runs[0]!.statements[k]!.kind.slice(0, 90)}`);
  }
  // The last statement answered: one still in flight when the list was taken (the kept answer's write, after the answer) has no end yet.
  const span = median(runs.map((r) => (r.statements.slice(0, n).reduce((end, s) => s.answered ?? end, r.statements[0]!.sent)) - r.statements[0]!.sent));
  const inStatements = median(runs.map((r) => r.statements.slice(0, n).reduce((t, s) => t + ((s.answered ?? s.sent) - s.sent), 0)));
  console.log(`    first statement sent to last answered ${fmtMs(span)} (in statements ${fmtMs(inStatements)}); whole request ${fmtMs(median(runs.map((r) => r.ms)))}`);
}

/** Now on the monotonic clock V8's profiles use (CLOCK_MONOTONIC, the same in every process), in µs. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Where the server's CPU went within the given windows (µs, monotonic): self time of each
 * function, and the time spent inside each of Kopa's own functions (inclusive), per window.
 */
function profileWithin(dir: string, windows: [number, number][], count = 18): string[] {
  const profile = latestProfile(dir);
  if (!profile) return ['(no profile written)'];
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (id: number) => frameName(byNode.get(id)!.callFrame);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (!windows.some(([a, b]) => at >= a && at <= b)) return;
    total += dt;
    self.set(name(id), (self.get(name(id)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const key = name(n);
      if (!/ (src|dist)\//.test(key) || seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  const ms = (t: number) => `${(t / 1000 / windows.length).toFixed(1).padStart(6)} ms`;
  return [
    `sampled ${ms(total)} per window`,
    'self, per window:',
    ...[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, t]) => `  ${ms(t)}  ${key}`),
    "inside Kopa's functions, per window:",
    ...[...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, t]) => `  ${ms(t)}  ${key}`),
  ];
}

/** The computations 15 s apart, on the monotonic clock (µs), for the profile. */
let spacedWindows: [number, number][] = [];

let firstStatements: TimedStatement[] = [];

async function measure(label: string, env: Record<string, string>): Promise<void> {
  console.log(`${label} — load average ${loadAverage()}`);
  // Cold: each request computed afresh; the first one right after the start.
  const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'kopa-status-prof-')) : undefined;
  let server = await start(env, 0, profileDir);
  let coldSeconds = 0;
  let coldEnded = 0;
  try {
    const url = `${server.url}/api/v1/status`;
    const arrivals = await liveArrivals(server.url, AGENT_TOKEN, historyEnds);
    // The results due since the history's end (the server was down meanwhile), as an agent's buffer delivers them.
    const caughtUp = await arrivals.sendDue();
    const first = await timedGet(url);
    if (PHASES) firstStatements = (await statementsTimed(server)).slice(-(await statementsSent(server)).count);
    const status = JSON.parse(first.body) as { services: { state: string; monitors: number }[] };
    const monitors = status.services.reduce((n, s) => n + s.monitors, 0);
    const states = status.services.map((s) => s.state).join(' ');
    console.log(`  answer: ${status.services.length} services, ${monitors} monitors speaking for them, states: ${states}; ${(first.body.length / 1024).toFixed(0)} KiB`);
    console.log(`  results arriving through POST /api/v1/probe-results at ${((MONITORS / 60)).toFixed(1)}/s, every result due sent before each uncached request (${caughtUp} caught up after the start)`);
    await arrivals.sendDue();
    const before = (await statementsSent(server)).count;
    await timedGet(url);
    console.log(`  statements one computation sends: ${(await statementsSent(server)).count - before}`);
    // CPU seconds used by the server and by its database's backends (PostgreSQL on this machine): what load changes least.
    const cpuOf = (pids: number[]) => pids.reduce((t, pid) => t + cpuSeconds(pid), 0);
    const backends = async () => (env.DATABASE_URL ? await backendsOf(env.DATABASE_URL, process.env.BENCH_DATABASE_URL!) : []);
    const databasePids = await backends();
    // What the arrivals alone cost (storing them, the kept rows, their versions), in batches as small as between two requests, so it can be told apart below.
    const idle0 = { server: cpuOf(processTree(server.child.pid!)), database: cpuOf(databasePids), sent: arrivals.sent, batches: arrivals.batches };
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 150));
      await arrivals.sendDue();
    }
    const idleBatches = arrivals.batches - idle0.batches;
    const perBatch = { server: ((cpuOf(processTree(server.child.pid!)) - idle0.server) * 1000) / idleBatches, database: ((cpuOf(databasePids) - idle0.database) * 1000) / idleBatches, results: (arrivals.sent - idle0.sent) / idleBatches };
    const cold: number[] = [];
    const deadline = performance.now() + 120_000;
    const coldStart = performance.now();
    const serverCpu0 = cpuOf(processTree(server.child.pid!));
    const databaseCpu0 = cpuOf(databasePids);
    const sent0 = { results: arrivals.sent, batches: arrivals.batches };
    for (let i = 0; i < REQUESTS && performance.now() < deadline; i++) {
      await arrivals.sendDue();
      cold.push((await timedGet(url)).ms);
    }
    coldSeconds = (performance.now() - coldStart) / 1000;
    coldEnded = performance.now();
    const arrivedPer = (arrivals.sent - sent0.results) / cold.length;
    const batchesPer = (arrivals.batches - sent0.batches) / cold.length;
    const serverCpuMs = ((cpuOf(processTree(server.child.pid!)) - serverCpu0) * 1000) / cold.length;
    const databaseCpuMs = ((cpuOf(databasePids) - databaseCpu0) * 1000) / cold.length;
    console.log(`  first request after the start, its history's first computation (no day kept yet: a first start, or after an upgrade): ${fmtMs(first.ms)}`);
    if (PHASES) printPhases('the first request after the start by phase (every statement since the start):', [{ statements: firstStatements, ms: first.ms }]);
    console.log(line('uncached (KOPA_STATUS_CACHE_SECONDS=0)', cold));
    console.log(`  CPU per uncached computation: server ${fmtMs(serverCpuMs)}${env.DATABASE_URL ? `, PostgreSQL's backends ${fmtMs(databaseCpuMs)}` : ' (the embedded database inside)'}`);
    console.log(`    with the ${arrivedPer.toFixed(1)} results (${batchesPer.toFixed(2)} requests) that arrived meanwhile stored; a request of ${perBatch.results.toFixed(1)} results alone costs server ${fmtMs(perBatch.server)}${env.DATABASE_URL ? `, backends ${fmtMs(perBatch.database)}` : ''} (${idleBatches} requests without status requests): without them server ${fmtMs(serverCpuMs - batchesPer * perBatch.server)}${env.DATABASE_URL ? `, backends ${fmtMs(databaseCpuMs - batchesPer * perBatch.database)}` : ''}`);
    await phases(server, url, arrivals);
    // As the first visitor after a 15 s cache expires meets it (had the computation not already run in the background).
    const spaced = [];
    const spacedCpu: { server: number; database: number }[] = [];
    spacedWindows = [];
    for (let i = 0; i < SPACED; i++) {
      arrivals.every(1000);
      await new Promise((r) => setTimeout(r, 15_000));
      await arrivals.stop();
      // The arrivals due are stored first (inside `computation`, before the request); the CPU is taken around the request alone.
      const arrived = await arrivals.sendDue();
      const server0 = cpuOf(processTree(server.child.pid!));
      const database0 = cpuOf(databasePids);
      const startUs = monotonicUs();
      const one = await computation(server, url, arrivals);
      spacedWindows.push([startUs, monotonicUs()]);
      spacedCpu.push({ server: (cpuOf(processTree(server.child.pid!)) - server0) * 1000, database: (cpuOf(databasePids) - database0) * 1000 });
      spaced.push({ ...one, arrived: one.arrived + arrived });
    }
    printKeptRead('uncached computations 15 s apart', spaced);
    const sum = (f: (c: { server: number; database: number }) => number) => spacedCpu.reduce((t, c) => t + f(c), 0) / spacedCpu.length;
    // /proc counts CPU in clock ticks (10 ms): one computation's figure is coarse, their mean is not.
    console.log(`  CPU of each computation 15 s apart: server ${spacedCpu.map((c) => c.server.toFixed(0)).join(', ')} ms (mean ${sum((c) => c.server).toFixed(1)})${env.DATABASE_URL ? `; backends ${spacedCpu.map((c) => c.database.toFixed(0)).join(', ')} ms (mean ${sum((c) => c.database).toFixed(1)})` : ''}`);
    if (PHASES) printPhases(`the computations 15 s apart by phase (medians of ${spaced.length}; load ${loadAverage()}):`, spaced);
    console.log(`  ${sinceHistory()}`);
  } finally {
    await stopServer(server);
  }
  const afterCold = (performance.now() - coldEnded) / 1000;
  if (profileDir) {
    console.log(`  where the uncached server spent its CPU while answering the sequential requests (the profile's ${coldSeconds.toFixed(1)} s before its last ${afterCold.toFixed(1)} s):`);
    for (const l of topOfProfile(profileDir, coldSeconds, 16, afterCold)) console.log(`    ${l}`);
    console.log('  where it spent its CPU during the computations 15 s apart:');
    for (const l of profileWithin(profileDir, spacedWindows)) console.log(`    ${l}`);
    console.log(`  the profile is kept in ${profileDir} (open it in Chrome's DevTools, Performance)`);
  }
  // Warm: the default cache, as visitors meet it between expiries, results arriving every second meanwhile.
  server = await start(env, 15);
  try {
    const url = `${server.url}/api/v1/status`;
    const arrivals = await liveArrivals(server.url, AGENT_TOKEN, historyEnds);
    await arrivals.sendDue();
    const statementsBefore = PHASES ? (await statementsSent(server)).count : 0;
    const first = await timedGet(url);
    console.log(`  first request after a restart (the days kept by the server before, the default cache), once the agent has caught up: ${fmtMs(first.ms)}`);
    if (PHASES) printPhases('the first request after a restart by phase (every statement since the results caught up):', [{ statements: (await statementsTimed(server)).slice(statementsBefore - (await statementsSent(server)).count), ms: first.ms }]);
    arrivals.every(1000);
    // For 20 s at least, so an expiry of the 15 s answer falls among them.
    const warm: number[] = [];
    const since = performance.now();
    for (let i = 0; i < 500 || performance.now() - since < 20_000; i++) warm.push((await timedGet(url)).ms);
    await arrivals.stop();
    console.log(line('cached (15 s), over 20 s', warm));
    console.log(`  ${sinceHistory()}`);
  } finally {
    // A crash: the process ends at once and keeps no answer for the next.
    server.child.kill('SIGKILL');
    await server.exited;
  }
  // Restarted after the crash, a visitor at the very start: given the start computation's answer if
  // it was done before the server listened (it waits up to 0.5 s for it), else what the crashed server
  // kept last (every 30 s) while it computes (ADR 0022, "2026-12-07, later").
  server = await start(env, 15);
  try {
    const first = await timedGet(`${server.url}/api/v1/status`);
    console.log(`  first request after a crash, asked as the server is ready: ${fmtMs(first.ms)} (the answer's age ${answerAge(first.body).toFixed(1)} s: the start computation's, or the crashed server's kept one)`);
  } finally {
    await stopServer(server);
  }
  // Nothing kept, or kept over a minute ago (a first start, a start after a longer stop): a start
  // computation not done before the server listened is taken over by the visitor at the very start,
  // who waits for the rest of it (ADR 0026, "The start that gives way").
  await emptyKeptTable(env, 'status_answers');
  server = await start(env, 15);
  try {
    const first = await timedGet(`${server.url}/api/v1/status`);
    console.log(`  first request asked as the server is ready, no answer kept: ${fmtMs(first.ms)} (the answer's age ${answerAge(first.body).toFixed(1)} s; a start computation not done before the server listened is taken over)`);
  } finally {
    await stopServer(server);
  }
  // The history's first computation under the default cache (nothing kept at all: a first start over
  // history, an upgrade): the visitors at the very start are given a first look, each service's state
  // now, until the 90 days are computed (ADR 0029).
  await emptyKeptTable(env, 'status_answers');
  await emptyKeptTable(env, 'status_days');
  server = await start(env, 15);
  try {
    const url = `${server.url}/api/v1/status`;
    const asked = performance.now();
    const first = await timedGet(url);
    const history = (body: string) => (JSON.parse(body) as { history: string }).history;
    const waits = [first.ms];
    let next = first;
    while (history(next.body) !== 'complete' && performance.now() - asked < 30_000) {
      await new Promise((r) => setTimeout(r, 50));
      next = await timedGet(url);
      waits.push(next.ms);
    }
    console.log(`  first request asked as the server is ready, no day and no answer kept (the history's first computation): ${fmtMs(first.ms)}, history '${history(first.body)}'; the whole answer given ${((performance.now() - asked) / 1000).toFixed(2)} s after it; ${waits.length} requests every 50 ms meanwhile, the longest ${fmtMs(Math.max(...waits))}`);
  } finally {
    await stopServer(server);
  }
  // Restarted again: now the server before kept its last answer (ADR 0022, "The answer kept across a restart").
  const stopped = performance.now();
  server = await start(env, 15);
  try {
    const url = `${server.url}/api/v1/status`;
    const arrivals = await liveArrivals(server.url, AGENT_TOKEN, historyEnds);
    await arrivals.sendDue();
    const first = await timedGet(url);
    const age = answerAge(first.body);
    console.log(`  first request after a restart ${((performance.now() - stopped) / 1000).toFixed(1)} s after the stop, the answer kept by the server before: ${fmtMs(first.ms)} (the answer's age ${age.toFixed(1)} s)`);
    let next = first;
    const since = performance.now();
    while (next.body === first.body && performance.now() - since < 30_000) {
      await new Promise((r) => setTimeout(r, 50));
      next = await timedGet(url);
    }
    console.log(`  its own first answer was given ${((performance.now() - since) / 1000).toFixed(1)} s after that request (a kept answer within its 15 s is served until they have passed)`);
  } finally {
    await stopServer(server);
  }
  console.log(`  load average after: ${loadAverage()}`);
}

async function prepare(env: Record<string, string>, seedWith: () => Promise<void>): Promise<void> {
  // The first start migrates the database; the history goes in while the server is stopped.
  const server = await start(env, 0);
  await stopServer(server);
  const t0 = performance.now();
  await seedWith();
  console.log(`  history written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  process.env.BENCH_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
  console.log(`Status page — ${machineContext()}; ${MONITORS} monitors in ${SERVICES} services, a year of rolled-up history, ${RAW_HOURS} h of raw results every 60 s; goals: every answer ≤ ${GOAL_MAX_MS} ms, p99 ≤ ${GOAL_P99_MS} ms`);

  if (ONLY !== 'pglite') await onPostgres();
  if (ONLY !== 'postgres') await onPGlite();
}

/** How old an answer is, in seconds. */
const answerAge = (body: string) => (Date.now() - Date.parse((JSON.parse(body) as { generatedAt: string }).generatedAt)) / 1000;

async function onPostgres(): Promise<void> {
  const database = await benchDatabase('kopa-status-', { requirePostgres: true });
  try {
    const env = { DATABASE_URL: database.url!, KOPA_SECRET_KEY: randomBytes(32).toString('base64') };
    console.log(`${database.label}:`);
    await prepare(env, () => writeOnPostgres(database.url!, history));
    await measure(`Kopa, ${database.label}`, env);
  } finally {
    await database.drop();
  }
}

async function onPGlite(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kopa-status-pglite-'));
  try {
    const env = { KOPA_DATA_DIR: dataDir };
    console.log('PGlite (embedded):');
    await prepare(env, () => writeOnPGlite(dataDir, history));
    await measure('Kopa, PGlite (embedded)', env);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
