import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadAverage } from './measure.js';
import { backendsOf as backendsOn, cpuSeconds, processTree } from './proc-cpu.js';

/** wrk with a Bearer token (or another header), and the CPU the servers behind it spent meanwhile (bench/api-throughput.ts, bench/api-replicas.ts). */
const run = promisify(execFile);
export const WRK = '/usr/bin/wrk';
export const WRK_SHAPE = '-t2 -c32';

export interface WrkFigures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

export interface MeasuredFigures extends WrkFigures {
  /** The load average when wrk started → when it ended. */
  load: string;
  /** CPU milliseconds per request: the server processes, and PostgreSQL's backends serving the database. */
  serverCpu: number;
  databaseCpu?: number;
  /** The same for the reverse proxy's processes (master and workers), when one is in front. */
  proxyCpu?: number;
}

/** wrk's "1.23ms", "850.00us", "1.02s" in milliseconds. */
function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk latency "${text}"`);
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(m[1]) * factor;
}

/** The header a run authenticates with: a Bearer token, or a session cookie (bench/api-throughput.ts's cookie run). */
export type AuthHeader = [name: string, value: string];
export const bearerHeader = (token: string): AuthHeader => ['authorization', `Bearer ${token}`];

export async function wrk(url: string, token: string, seconds: number, auth = bearerHeader(token)): Promise<WrkFigures> {
  const { stdout } = await run(WRK, [...WRK_SHAPE.split(' '), `-d${seconds}s`, '--latency', '-H', `${auth[0]}: ${auth[1]}`, url], { maxBuffer: 1 << 20 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1]);
  const p50 = ms(/^\s+50%\s+(\S+)/m.exec(stdout)?.[1] ?? '');
  const p99 = ms(/^\s+99%\s+(\S+)/m.exec(stdout)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const errors = non2xx + (socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  return { rps, p50, p99, errors, requests };
}

const backendsOf = (databaseUrl: string) => backendsOn(databaseUrl, process.env.BENCH_DATABASE_URL!);
const cpuOf = (pids: number[]) => pids.reduce((total, pid) => total + cpuSeconds(pid), 0);

/**
 * wrk for `seconds`, with the CPU the server processes, the database's backends and the proxy (if
 * any) spent meanwhile. Server CPU is the sum over all `serverPids`: with two replicas a request
 * costs what both together spent divided by the requests both served.
 */
export async function measured(
  url: string,
  token: string,
  seconds: number,
  serverPids: number[],
  databaseUrl: string | undefined,
  proxyPid?: number,
  auth = bearerHeader(token),
): Promise<MeasuredFigures> {
  const backends = new Map((databaseUrl ? await backendsOf(databaseUrl) : []).map((pid) => [pid, cpuSeconds(pid)]));
  // nginx's worker is a child of its master; the tree is read once, before, since neither changes.
  const proxyPids = proxyPid ? processTree(proxyPid) : [];
  const before = { server: cpuOf(serverPids), proxy: cpuOf(proxyPids), load: loadAverage() };
  const figures = await wrk(url, token, seconds, auth);
  // A backend the pool opened during the run counts from zero.
  const database = (databaseUrl ? await backendsOf(databaseUrl) : []).reduce((total, pid) => total + cpuSeconds(pid) - (backends.get(pid) ?? 0), 0);
  const after = { server: cpuOf(serverPids), proxy: cpuOf(proxyPids) };
  const perRequest = (secondsUsed: number) => (secondsUsed * 1000) / Math.max(figures.requests, 1);
  return {
    ...figures,
    load: `${before.load} → ${loadAverage()}`,
    serverCpu: perRequest(after.server - before.server),
    ...(databaseUrl && { databaseCpu: perRequest(database) }),
    ...(proxyPid && { proxyCpu: perRequest(after.proxy - before.proxy) }),
  };
}
