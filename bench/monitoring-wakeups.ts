/**
 * What starting the checks together saves: 1,000 HTTP monitors at 60 s checked in this process
 * through the prober's own `runCheck` against a target in a process of its own, with each check
 * started on its monitor's phase — spread over the millisecond (`--grid 1`, the scheduler before
 * ADR 0025 "2026-12-06, evening"), or on a grid of `--grid` ms, a timer per check, or with
 * `--grouped` one timer per grid instant (the scheduler now: `--grid 1000 --grouped`). Prints the
 * process's CPU (process.cpuUsage, user and kernel) over the window, per check as well.
 * The cost is load-dependent (an idle machine makes each wake-up dearer): run the variants side by
 * side so they see the same load, e.g.
 *
 *   for g in "1" "1000" "1000 --grouped"; do node --import tsx bench/monitoring-wakeups.ts --grid $g & done; wait
 *
 *   node --import tsx bench/monitoring-wakeups.ts [--grid 1000] [--grouped] [--monitors 1000] [--seconds 120]
 */
import { spawn } from 'node:child_process';
import { closeCheckContext, createCheckContext, runCheck } from '../src/jobs/prober/checks.js';
import { createDnsCache } from '../src/jobs/prober/dns-cache.js';
import { machineContext } from './context.js';
import { loadAverage } from './measure.js';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const GRID_MS = option('grid', 1000);
const GROUPED = process.argv.includes('--grouped');
const MONITORS = option('monitors', 1000);
const SECONDS = option('seconds', 120);
const INTERVAL_MS = 60_000;
const WARMUP_MS = 20_000;

const TARGET = `
const http = require('node:http');
const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Pakalpojums darbojas</body></html>'));
server.keepAliveTimeout = 120000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

const target = spawn(process.execPath, ['-e', TARGET], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const port = await new Promise<number>((resolve) => target.once('message', (p) => resolve(p as number)));
const context = createCheckContext(createDnsCache());
const monitor = (i: number) => ({ type: 'http' as const, target: `http://127.0.0.1:${port}/m/${i}`, config: { method: 'GET', expectedStatus: 200 }, timeoutMs: 10_000 });
// Phases as random as the hash of a monitor's id, fixed per run.
const phases = Array.from({ length: MONITORS }, () => Math.floor(Math.random() * INTERVAL_MS));
const groups = new Map<number, (() => void)[]>();
let checks = 0;

function book(i: number, after: number): void {
  const slot = Math.ceil((after - phases[i]!) / INTERVAL_MS) * INTERVAL_MS + phases[i]!;
  const at = Math.ceil(slot / GRID_MS) * GRID_MS;
  const run = () => {
    book(i, slot + 1);
    void runCheck(monitor(i), context).then(() => checks++);
  };
  if (!GROUPED) {
    setTimeout(run, Math.max(0, at - Date.now()));
    return;
  }
  const group = groups.get(at);
  if (group) return void group.push(run);
  const runs = [run];
  groups.set(at, runs);
  setTimeout(() => {
    groups.delete(at);
    for (const f of runs) f();
  }, Math.max(0, at - Date.now()));
}

for (let i = 0; i < MONITORS; i++) book(i, Date.now());
await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
const load = loadAverage();
const cpu = process.cpuUsage();
const startedChecks = checks;
const wall = performance.now();
await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - wall) / 1000;
const done = checks - startedChecks;
console.log(
  `${machineContext()}; ${MONITORS} monitors at 60 s, grid ${GRID_MS} ms${GROUPED ? ', one timer per instant' : ', a timer per check'}: ` +
    `${((used.user + used.system) / 1e6 / seconds).toFixed(4)} core (kernel ${(used.system / 1e6 / seconds).toFixed(4)}), ${done} checks, ${((used.user + used.system) / 1000 / Math.max(1, done)).toFixed(3)} ms a check; load average ${load} → ${loadAverage()}`,
);
closeCheckContext(context);
target.kill();
process.exit(0);
