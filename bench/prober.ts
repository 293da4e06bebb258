/**
 * The prober's cost: 1,000 HTTP monitors every 60 s against a local test server (run in a
 * child process, so only the prober's CPU is counted), as a share of one core — target
 * under 10 %. Then the most monitors one process sustains with < 1 s lateness (p99), found
 * by raising the check rate until it slips; a rate of R checks/s equals R × 60 monitors at 60 s.
 *
 *   node --import tsx bench/prober.ts [cpuSeconds=60] [stepSeconds=15]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { closeCheckContext, createCheckContext, runCheck } from '../src/jobs/prober/checks.js';
import { createDnsCache } from '../src/jobs/prober/dns-cache.js';
import { ProbeScheduler } from '../src/jobs/prober/scheduler.js';
import { machineContext } from './context.js';

if (process.argv[2] === '--target-server') {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Pakalpojums darbojas</body></html>'));
  server.keepAliveTimeout = 120_000;
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as { port: number }).port));
} else {
  await main();
}

async function main(): Promise<void> {
  const cpuSeconds = Number(process.argv[2] ?? 60);
  const stepSeconds = Number(process.argv[3] ?? 15);
  const child = fork(fileURLToPath(import.meta.url), ['--target-server'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)));
  const target = `http://127.0.0.1:${port}/`;
  console.log(`Prober benchmark — ${machineContext()}`);

  const context = createCheckContext(createDnsCache());
  let failures = 0;
  let delivered = 0;

  async function run(monitors: number, intervalSeconds: number, seconds: number) {
    const scheduler = new ProbeScheduler({
      check: async (m) => {
        const outcome = await runCheck(m, context);
        if (!outcome.ok) failures++;
        return outcome;
      },
      deliver: async (results) => void (delivered += results.length),
      concurrency: 64,
      flushMs: 5_000,
    });
    scheduler.assign(Array.from({ length: monitors }, (_, i) => ({ id: `bench-monitor-${i}`, type: 'http' as const, target, config: { keyword: 'darbojas' }, timeoutMs: 5_000, intervalSeconds })));
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    scheduler.start();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpu = process.cpuUsage(cpuBefore);
    const wall = performance.now() - wallBefore;
    const stats = scheduler.stats();
    await scheduler.stop();
    return { stats, cpuShare: (cpu.user + cpu.system) / 1000 / wall, checksPerSecond: stats.checks / (wall / 1000) };
  }

  // Warm the keep-alive pool and the JIT before measuring.
  await run(200, 10, 3);
  failures = 0;

  const base = await run(1_000, 60, cpuSeconds);
  console.log(`1,000 HTTP monitors at 60 s for ${cpuSeconds} s: ${base.stats.checks} checks, CPU ${(base.cpuShare * 100).toFixed(2)} % of one core (target < 10 %), lateness p50 ${base.stats.latenessP50Ms} ms, p99 ${base.stats.latenessP99Ms} ms, failures ${failures}`);

  // Raise the rate (10-second intervals) until p99 lateness reaches a second.
  let sustained = 0;
  for (const monitors of [2_000, 5_000, 10_000, 20_000, 40_000, 80_000, 160_000]) {
    failures = 0;
    const step = await run(monitors, 10, stepSeconds);
    const equivalent = Math.round(step.checksPerSecond * 60);
    const ok = step.stats.latenessP99Ms < 1_000 && failures === 0;
    console.log(`  ${monitors.toLocaleString('en-US')} monitors at 10 s: ${Math.round(step.checksPerSecond).toLocaleString('en-US')} checks/s (= ${equivalent.toLocaleString('en-US')} monitors at 60 s), CPU ${(step.cpuShare * 100).toFixed(1)} %, lateness p99 ${step.stats.latenessP99Ms} ms, max ${step.stats.latenessMaxMs} ms, failures ${failures}${ok ? '' : '  ← over the limit'}`);
    if (!ok) break;
    sustained = equivalent;
  }
  console.log(`Most monitors one process sustains at 60 s with p99 lateness < 1 s: about ${sustained.toLocaleString('en-US')} (${(sustained / 1_000).toFixed(0)}× the 1,000 target load)`);
  console.log(`results delivered: ${delivered.toLocaleString('en-US')}`);
  closeCheckContext(context);
  child.kill();
}
