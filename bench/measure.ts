import { loadavg } from 'node:os';
import type { ServerProcess } from '../test/support/server-process.js';

/** The load average while a measurement ran: other work on the machine shares its cores. */
export const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** `BENCH_SERVER_FLAGS`: flags a bench adds to its server's node (a CPU profile's, an experiment's V8 flags). */
export const benchServerFlags = (): string[] => (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);

export async function stopServer(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

/** Statements the server has sent so far, in all and by kind (bench/count-statements.mjs prints them on SIGUSR2). */
export async function statementsSent(server: ServerProcess): Promise<{ count: number; byKind: Record<string, number> }> {
  const before = server.output().length;
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const output = server.output().slice(before);
    const count = /statements-sent (\d+) /.exec(output)?.[1];
    const byKind = /statements-by-kind (\{.*\})\n/.exec(output)?.[1];
    if (count && byKind) return { count: Number(count), byKind: JSON.parse(byKind) as Record<string, number> };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server did not report its statements');
}

/** One GET, timed from the request to the whole body; anything but 200 stops the bench. */
export async function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${body.slice(0, 300)}`);
  return { ms, body };
}

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
export const fmtMs = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;

export interface TimedStatement {
  kind: string;
  /** Sent and answered on the server's clock (ms); the driver's parsing of the rows is inside. */
  sent: number;
  answered: number | null;
  rows: number | null;
}

/** The last statements the server sent, each with when it was sent and answered (bench/count-statements.mjs). */
export async function statementsTimed(server: ServerProcess): Promise<TimedStatement[]> {
  const before = server.output().length;
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const timed = /statements-timed [\d.]+ (\[.*\])\n/.exec(server.output().slice(before))?.[1];
    if (timed) return JSON.parse(timed) as TimedStatement[];
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the server did not report its statements');
}
