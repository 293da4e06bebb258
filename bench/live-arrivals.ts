/**
 * Probe results arriving at the real rate while the status page is measured (bench/status-page.ts):
 * every bench monitor checked every 60 s at its own second (2,000 monitors: about 33 results a
 * second), sent through the probe agents' path — POST /api/v1/probe-results, one batch for all
 * monitors, as an agent sends — so the server stores them, merges them into each location's kept
 * newest results and moves their versions exactly as in production.
 *
 * `sendDue()` sends every result whose time has come since the last call (the first call catches up
 * from the end of the written history, as an agent's buffer does after the server was down);
 * `every(ms)` does so in the background until `stop()`.
 */
import { call } from './api-client.js';

const INTERVAL_MS = 60_000;
const BATCH = 10_000;

export interface Arrivals {
  /** Sends what has come due; returns how many results. */
  sendDue(): Promise<number>;
  every(ms: number): void;
  stop(): Promise<void>;
  /** Results sent so far. */
  readonly sent: number;
  /** Requests that carried them. */
  readonly batches: number;
}

interface BenchMonitor {
  id: string;
  name: string;
}

async function benchMonitors(base: string, token: string): Promise<BenchMonitor[]> {
  const all: BenchMonitor[] = [];
  let cursor: string | null = null;
  do {
    const page = (await call(base, 'GET', `/api/v1/monitors?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token)) as { items: BenchMonitor[]; nextCursor: string | null };
    all.push(...page.items.filter((m) => m.name.startsWith('bench ')));
    cursor = page.nextCursor;
  } while (cursor);
  return all.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Results from `since` (the end of the written history) on, for the bench monitors of the server at `base`. */
export async function liveArrivals(base: string, token: string, since: number): Promise<Arrivals> {
  const monitors = await benchMonitors(base, token);
  // Each monitor at its own moment of the minute, spread evenly; the 1 % failing in the history go on failing.
  const plan = monitors.map((m, k) => ({ id: m.id, offset: Math.floor((k * INTERVAL_MS) / monitors.length), ok: !m.name.endsWith('00') }));
  let through = since;
  let sent = 0;
  let batches = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  async function send(): Promise<number> {
    const now = Date.now();
    const results: { monitorId: string; at: string; ok: boolean; latencyMs: number; location: string }[] = [];
    for (const p of plan) {
      // Every slot of this monitor in (through, now].
      for (let at = Math.floor((through - p.offset) / INTERVAL_MS) * INTERVAL_MS + p.offset + INTERVAL_MS; at <= now; at += INTERVAL_MS) {
        if (at > through) results.push({ monitorId: p.id, at: new Date(at).toISOString(), ok: p.ok, latencyMs: 120, location: 'local' });
      }
    }
    through = now;
    for (let i = 0; i < results.length; i += BATCH) {
      await call(base, 'POST', '/api/v1/probe-results', token, { results: results.slice(i, i + BATCH) });
      batches++;
    }
    sent += results.length;
    return results.length;
  }
  // One send at a time: the background one and a caller's never overlap.
  const sendDue = () => (running = running.then(send, send));

  return {
    sendDue,
    every(ms) {
      timer = setInterval(() => void sendDue(), ms);
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
    get sent() {
      return sent;
    },
    get batches() {
      return batches;
    },
  };
}
