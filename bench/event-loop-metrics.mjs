/**
 * What prom-client's default metrics cost a process that does nothing else: CPU over 30 s of three
 * processes side by side, with the event-loop delay sampled every 10 ms (prom-client's default),
 * every 100 ms (what src/http/metrics.ts asks for) and with no default metrics (ADR 0025).
 *
 *   node bench/event-loop-metrics.mjs
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';

const SECONDS = 30;
const child = `
  import { Registry, collectDefaultMetrics } from 'prom-client';
  const mode = process.argv[1];
  if (mode !== 'none') collectDefaultMetrics({ register: new Registry(), ...(mode === '10' ? {} : { eventLoopMonitoringPrecision: Number(mode) }) });
  const start = process.cpuUsage();
  setTimeout(() => { const u = process.cpuUsage(start); console.log(((u.user + u.system) / 1e6 / ${SECONDS}).toFixed(4)); }, ${SECONDS * 1000});
`;
const run = (mode) =>
  new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--input-type=module', '-e', child, mode], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`exit ${code}`))));
  });
console.log(`prom-client default metrics, idle process, ${SECONDS} s, three side by side; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const [every10, every100, none] = await Promise.all([run('10'), run('100'), run('none')]);
console.log(`event loop sampled every 10 ms (default): ${every10} core`);
console.log(`event loop sampled every 100 ms (Kopa):  ${every100} core`);
console.log(`no default metrics:                      ${none} core`);
