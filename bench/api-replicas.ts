import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTestCa } from '../test/support/certificates.js';
import { kopaCommand } from '../test/support/kopa-command.js';
import { HAVE_NGINX, startNginx, templateKopaConf } from '../test/support/nginx.js';
import { serverEnv, spawnServer, type ServerProcess } from '../test/support/server-process.js';
import { createBenchTenant } from './api-client.js';
import { measured, wrk, type MeasuredFigures } from './wrk.js';

/**
 * A second replica (bench/api-throughput.ts): two `kopa serve` on one PostgreSQL database behind the
 * real nginx with deploy/nginx/kopa.conf (TLS, passive health checks, keepalive to the replicas),
 * the way docs/operations.md runs them, against ONE replica behind the same nginx with the same
 * site file. Both replicas run throughout; only nginx's upstream changes (the first replica's port
 * twice, or both ports), so the second replica's idle cost is in every figure. The order is one,
 * two, two, one, and the ratio is of the means, so a load average drifting during the run does not
 * pass for scaling (or for its absence). Each replica's own metrics count the
 * requests it served (scraped directly, as docs/operations.md says to), to show the split.
 */
export { HAVE_NGINX };

export interface ReplicaRun extends MeasuredFigures {
  label: string;
  replicas: 1 | 2;
  /** GET requests of the measured route each replica answered 200 during the window, by its own metrics. */
  served: [number, number];
}

const METRICS_TOKEN = randomBytes(24).toString('hex');
/**
 * One, two, two, one: each count's mean position in the sequence is the same, so a drift that is
 * linear in time (the load average, warming) weighs on both alike. With one, two, one the first
 * run was the slowest of every sequence even after the warm-up below, which read as no scaling.
 */
const ORDER = [1, 2, 2, 1] as const;
/** wrk straight at each replica before the runs; each run through nginx then warms 3 s more. */
const WARM_UP_SECONDS = 8;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** kopa_http_requests_total of `route`, GET and 200, from one replica's /metrics. */
async function servedBy(replica: ServerProcess, route: string): Promise<number> {
  const res = await fetch(`${replica.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (res.status !== 200) throw new Error(`/metrics of ${replica.url} → ${res.status}`);
  let total = 0;
  for (const line of (await res.text()).split('\n')) {
    if (!line.startsWith('kopa_http_requests_total{')) continue;
    if (line.includes('method="GET"') && line.includes(`route="${route}"`) && line.includes('status="200"')) total += Number(line.split(' ').pop());
  }
  return total;
}

/**
 * Starts the replicas on `databaseUrl` (the bench database; migrated by the first at start), makes
 * a municipality and token when none is given, and measures one, two, one replica through nginx.
 */
export async function measureReplicas(options: {
  databaseUrl: string;
  secretKey: string;
  seconds: number;
  tenant?: { path: string; token: string };
}): Promise<ReplicaRun[]> {
  const bootstrap = randomBytes(24).toString('base64url');
  const env = serverEnv({
    DATABASE_URL: options.databaseUrl,
    KOPA_SECRET_KEY: options.secretKey,
    KOPA_BOOTSTRAP_TOKEN: bootstrap,
    KOPA_TRUST_PROXY: '127.0.0.1',
    KOPA_METRICS_TOKEN: METRICS_TOKEN,
    LOG_LEVEL: 'warn',
  });
  const replicas: ServerProcess[] = [];
  const ca = createTestCa();
  try {
    // One after the other: the first migrates (under the advisory lock), the second finds it done.
    for (let i = 0; i < 2; i++) replicas.push(await spawnServer(kopaCommand('serve', '--port', '0'), env));
    const [a, b] = replicas as [ServerProcess, ServerProcess];
    const ports = replicas.map((r) => Number(new URL(r.url).port)) as [number, number];
    const { path, token } = options.tenant ?? (await createBenchTenant(a.url, bootstrap));
    const route = '/api/v1/tenants/:id';
    // The split below reads each replica's metrics by this route's name: a request straight to the
    // first replica must show there, or the split would read 0 / 0 and prove nothing.
    const counted = await servedBy(a, route);
    await fetch(`${a.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    if ((await servedBy(a, route)) !== counted + 1) throw new Error(`replica metrics do not count GET ${route} 200`);

    const issued = ca.issue('nginx', new Date(Date.now() - 3_600_000), new Date(Date.now() + 86_400_000));
    const cert = { certFile: join(ca.caFile, '..', 'nginx-cert.pem'), keyFile: join(ca.caFile, '..', 'nginx-key.pem') };
    writeFileSync(cert.certFile, issued.cert);
    writeFileSync(cert.keyFile, issued.key);

    // Both replicas as warm as each other before anything is measured (JIT, pools, caches): the
    // second replica would otherwise meet its first traffic in a measured run. The first run of a
    // sequence stayed the slowest even so (cause not found), which ORDER balances.
    for (const replica of replicas) await wrk(`${replica.url}${path}`, token, WARM_UP_SECONDS);

    const runs: ReplicaRun[] = [];
    for (const count of ORDER) {
      const https = await freePort();
      const upstream: [number, number] = count === 1 ? [ports[0], ports[0]] : ports;
      const nginx = await startNginx(templateKopaConf({ https, http: await freePort(), replicas: upstream }, cert), https);
      try {
        const url = `https://127.0.0.1:${https}${path}`;
        const warm = await wrk(url, token, 3); // nginx's connections to the replicas, and a check that it answers
        if (warm.errors > 0 || warm.requests === 0) throw new Error(`nginx → ${count} replica(s): ${warm.errors} errors in ${warm.requests} warm-up requests\n${nginx.errorLog()}`);
        const before = await Promise.all([servedBy(a, route), servedBy(b, route)]);
        const figures = await measured(url, token, options.seconds, [a.child.pid!, b.child.pid!], options.databaseUrl, nginx.child.pid);
        const after = await Promise.all([servedBy(a, route), servedBy(b, route)]);
        const served: [number, number] = [after[0] - before[0], after[1] - before[1]];
        // A comparison of one and two replicas means nothing unless nginx really sent to one, or to both.
        const second = served[1] / Math.max(served[0] + served[1], 1);
        if (count === 1 ? served[1] > 0 : second < 0.25 || second > 0.75) throw new Error(`nginx → ${count} replica(s) split the requests ${served.join(' / ')}`);
        runs.push({ label: `nginx → ${count} replica${count === 2 ? 's' : ''}`, replicas: count, ...figures, served });
      } finally {
        await nginx.stop();
      }
    }
    return runs;
  } finally {
    for (const r of replicas) r.child.kill('SIGTERM');
    await Promise.all(replicas.map((r) => r.exited));
    ca.remove();
  }
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/** The rows, each run's split between the replicas, and the scaling ratio against the one-replica mean. */
export function replicaReport(runs: ReplicaRun[]): string[] {
  const one = runs.filter((r) => r.replicas === 1);
  const two = runs.filter((r) => r.replicas === 2);
  const lines = runs.map((r) => {
    const total = r.served[0] + r.served[1];
    const share = (n: number) => `${n.toLocaleString('en-US')} (${Math.round((100 * n) / Math.max(total, 1))} %)`;
    return (
      `${r.label.padEnd(20)} ${Math.round(r.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${r.p50.toFixed(2).padStart(7)} ms  p99 ${r.p99.toFixed(2).padStart(7)} ms  errors ${r.errors}` +
      `  CPU ms/request replicas ${r.serverCpu.toFixed(2)} PostgreSQL ${r.databaseCpu?.toFixed(2) ?? '?'} nginx ${r.proxyCpu?.toFixed(2) ?? '?'}` +
      `  served by replica 1 ${share(r.served[0])}, replica 2 ${share(r.served[1])} (wrk counted ${r.requests.toLocaleString('en-US')}, not the requests in flight when it stopped)  load ${r.load}`
    );
  });
  const rps = (rs: ReplicaRun[]) => mean(rs.map((r) => r.rps));
  const p99 = (rs: ReplicaRun[]) => mean(rs.map((r) => r.p99));
  lines.push(
    `scaling two replicas / one replica through nginx: ${(rps(two) / rps(one)).toFixed(2)} × throughput, p99 ${(p99(two) / p99(one)).toFixed(2)} × ` +
      `(means of ${two.length} and ${one.length} runs: ${Math.round(rps(two)).toLocaleString('en-US')} against ${Math.round(rps(one)).toLocaleString('en-US')} req/s, p99 ${p99(two).toFixed(1)} against ${p99(one).toFixed(1)} ms)`,
  );
  const cpu = (rs: ReplicaRun[], of: 'serverCpu' | 'databaseCpu' | 'proxyCpu') => mean(rs.map((r) => r[of] ?? NaN)).toFixed(2);
  lines.push(
    `CPU ms per request, one → two replicas (means): replicas ${cpu(one, 'serverCpu')} → ${cpu(two, 'serverCpu')}, ` +
      `PostgreSQL ${cpu(one, 'databaseCpu')} → ${cpu(two, 'databaseCpu')}, nginx ${cpu(one, 'proxyCpu')} → ${cpu(two, 'proxyCpu')}`,
  );
  return lines;
}
