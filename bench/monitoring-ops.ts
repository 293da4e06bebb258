/**
 * What each recurring piece of `kopa serve`'s monitoring costs the server, in CPU per operation
 * (process.cpuUsage, user and kernel), one piece at a time in this process: the job worker's poll
 * with nothing to do (its claim and the outbox's), the local prober's refresh of N monitors, one
 * 5-second batch of results stored (N / 12 results), one HTTP check against a target in a process
 * of its own. bench/monitoring-load.ts measures them together; this says which of them matters.
 *
 *   node --import tsx bench/monitoring-ops.ts [--monitors 1000] [--repeat 200]
 *
 * On PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else on PGlite.
 */
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { systemActor } from '../src/domain/actor.js';
import { ingestProbeBatch } from '../src/app/monitoring/ingest-probe-batch.js';
import { listMonitors } from '../src/app/monitoring/manage-monitors.js';
import type { Deps } from '../src/app/ports.js';
import { openDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { createStore } from '../src/db/store.js';
import { closeCheckContext, createCheckContext, runCheck } from '../src/jobs/prober/checks.js';
import { createDnsCache } from '../src/jobs/prober/dns-cache.js';
import { ProbeScheduler } from '../src/jobs/prober/scheduler.js';
import { startWorker } from '../src/jobs/worker.js';
import { outboxSender } from '../src/jobs/handlers.js';
import { benchDatabase } from './bench-database.js';
import { machineContext } from './context.js';
import { loadAverage } from './measure.js';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MONITORS = option('monitors', 1000);
const REPEAT = option('repeat', 200);

const TARGET = `
const http = require('node:http');
const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Pakalpojums darbojas</body></html>'));
server.keepAliveTimeout = 120000;
server.listen(0, '127.0.0.1', () => process.send(server.address().port));
`;

/** CPU ms per call (user, kernel) and wall ms per call, after a tenth as many calls to warm up. */
async function perCall(label: string, times: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.max(3, Math.floor(times / 10)); i++) await fn(-1 - i);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < times; i++) await fn(i);
  const used = process.cpuUsage(cpu);
  const ms = (micros: number) => (micros / 1000 / times).toFixed(3);
  console.log(`  ${label.padEnd(44)} CPU ${ms(used.user + used.system).padStart(8)} ms (kernel ${ms(used.system)})   wall ${((performance.now() - wall) / times).toFixed(3).padStart(8)} ms   × ${times}`);
}

async function main(): Promise<void> {
  const database = await benchDatabase('kopa-ops-');
  const target = spawn(process.execPath, ['-e', TARGET], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => target.once('message', (p) => resolve(p as number)));
  const db = await openDatabase({ url: database.url, dataDir: database.dataDir });
  try {
    await migrate(db.kysely);
    const store = createStore(db.kysely);
    const deps = { store, clock: { now: () => new Date() } } as unknown as Deps;
    await sql.raw(`INSERT INTO services (code, name_lv, name_en, critical) SELECT 'OPS-' || i, 'Pakalpojums ' || i, 'Service ' || i, false FROM generate_series(1, 10) i`).execute(db.kysely);
    await sql.raw(`INSERT INTO monitors (service_id, name, type, target, config, interval_seconds, failures_to_confirm, critical, locations)
            SELECT s.id, 'load ' || i, 'http', 'http://127.0.0.1:${port}/m/' || i, '{"method": "GET", "expectedStatus": 200}', 60, 2, false, '{local}'
            FROM generate_series(1, ${MONITORS}) i JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM services) s ON s.n = i % 10`).execute(db.kysely);
    const actor = systemActor('prober:local');
    const monitors = await listMonitors(deps, actor);
    console.log(`Monitoring, per operation — ${machineContext()}; ${database.label}; ${monitors.length} monitors; load average ${loadAverage()}`);

    const worker = startWorker({ deps, handlers: {}, periodic: [], pollMs: 3_600_000, afterJobs: outboxSender(deps, { error() {} }), log: { info() {}, error() {} } });
    await perCall('job worker poll, nothing due (claim + outbox)', REPEAT, () => worker.tick());
    await worker.stop();

    const scheduler = new ProbeScheduler({ check: async () => ({ ok: true, latencyMs: 1, error: null, warning: null }), deliver: async () => {} });
    await perCall(`prober refresh (${monitors.length} monitors read and assigned)`, Math.max(10, REPEAT / 10), async () => {
      const all = await listMonitors(deps, actor);
      scheduler.assign(all.filter((m) => m.active && m.type !== 'push' && m.locations.includes('local')));
    });

    // One 5-second batch at 60 s: a twelfth of the monitors, each its own slot; every call a new minute.
    const batch = monitors.slice(0, Math.ceil(monitors.length / 12));
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 86_400_000;
    await perCall(`one 5-second batch stored (${batch.length} results)`, REPEAT, (i) =>
      ingestProbeBatch(deps, actor, batch.map((m) => ({ monitorId: m.id, at: new Date(start + (i + 1000) * 60_000).toISOString(), ok: true, location: 'local', latencyMs: 3 }))),
    );

    const context = createCheckContext(createDnsCache());
    const assignment = monitors[0]!;
    await perCall('one HTTP check (keep-alive, loopback)', REPEAT * 5, () => runCheck(assignment, context));
    // As the server meets them: one every 60 ms (1,000 monitors at 60 s), an idle loop in between.
    await perCall('one HTTP check, one every 60 ms', REPEAT, async () => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      await runCheck(assignment, context);
    });
    // The same rate, started four at a time every 240 ms (what a coarser timer would do).
    await perCall('four HTTP checks at once, every 240 ms (per four)', REPEAT / 4, async () => {
      await new Promise((resolve) => setTimeout(resolve, 240));
      await Promise.all([0, 1, 2, 3].map(() => runCheck(assignment, context)));
    });
    // The same rate as the scheduler starts them since phases fall on whole seconds: 1,000 a minute
    // is about seventeen together each second (ADR 0025, "2026-12-06, evening").
    await perCall('seventeen HTTP checks at once, every second (per 17)', REPEAT / 17 > 10 ? Math.round(REPEAT / 17) : 12, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await Promise.all(Array.from({ length: 17 }, () => runCheck(assignment, context)));
    });
    await perCall('nothing, 60 ms (the idle loop alone)', REPEAT, () => new Promise((resolve) => setTimeout(resolve, 60)));
    closeCheckContext(context);
  } finally {
    target.kill();
    await db.close();
    await database.drop();
  }
}

await main();
