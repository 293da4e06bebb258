import { closeCheckContext, createCheckContext, runCheck } from './checks.js';
import { createDiskBuffer } from './disk-buffer.js';
import { createDnsCache } from './dns-cache.js';
import { ProbeScheduler, type Assignment, type ProbeResult } from './scheduler.js';

export interface AgentOptions {
  server: string;
  token: string;
  location: string;
  bufferDir: string;
  concurrency?: number;
  refreshMs?: number;
  flushMs?: number;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

interface MonitorView extends Assignment {
  active: boolean;
  locations: string[];
}

/** Results as the batch endpoint takes them: many monitors, one request. */
interface PendingBatch {
  results: { monitorId: string; at: string; ok: boolean; latencyMs?: number; location: string; error?: string }[];
}

type SendOutcome = 'sent' | 'retry' | 'rejected';
const BATCH_LIMIT = 10_000;

/**
 * The probe agent for a data centre: fetches the monitors assigned to its location, probes
 * them on schedule and pushes results in batches. While the server cannot be reached, batches
 * go to a file and are replayed in order once it answers again, so nothing is lost.
 */
export function startAgent(options: AgentOptions) {
  const base = options.server.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', accept: 'application/json' };
  const buffer = createDiskBuffer<PendingBatch>(options.bufferDir, `pending-${options.location}`);
  const context = createCheckContext(createDnsCache());
  let sentResults = 0;

  async function send(batch: PendingBatch): Promise<SendOutcome> {
    try {
      const response = await fetch(`${base}/api/v1/probe-results`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ results: batch.results }),
        signal: AbortSignal.timeout(30_000),
      });
      if (response.ok) {
        sentResults += batch.results.length;
        return 'sent';
      }
      // Results the server will never take (a monitor removed meanwhile): keeping them would block the queue.
      if (response.status === 400 || response.status === 404 || response.status === 413 || response.status === 422) {
        options.log.warn({ status: response.status, results: batch.results.length, body: (await response.text()).slice(0, 300) }, 'server refused results; dropped');
        return 'rejected';
      }
      return 'retry';
    } catch {
      return 'retry';
    }
  }

  async function deliver(results: ProbeResult[]): Promise<void> {
    const batches: PendingBatch[] = [];
    for (let i = 0; i < results.length; i += BATCH_LIMIT) {
      batches.push({
        results: results.slice(i, i + BATCH_LIMIT).map((r) => ({ monitorId: r.monitorId, at: r.at, ok: r.ok, location: options.location, ...(r.latencyMs !== null && { latencyMs: r.latencyMs }), ...(r.error && { error: r.error }) })),
      });
    }
    // Older batches go first, so the server sees results in the order they were taken.
    const drained = await buffer.drain(async (batch) => (await send(batch)) !== 'retry');
    if (drained.left > 0) {
      for (const batch of batches) await buffer.append(batch);
      options.log.warn({ buffered: drained.left + batches.length, file: buffer.file }, 'server unreachable; results kept on disk');
      return;
    }
    for (const batch of batches) {
      if ((await send(batch)) === 'retry') await buffer.append(batch);
    }
  }

  const scheduler = new ProbeScheduler({
    check: (monitor) => runCheck(monitor, context),
    deliver,
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.flushMs !== undefined && { flushMs: options.flushMs }),
  });

  async function refresh(): Promise<void> {
    try {
      // The list is paged (200 at most a page): follow `next` to the end before replacing assignments.
      const monitors: MonitorView[] = [];
      let path: string | null = `/api/v1/monitors?location=${encodeURIComponent(options.location)}&limit=200`;
      for (let pages = 0; path !== null; pages++) {
        if (pages >= 1000) throw new Error('the monitors list does not end');
        const response: Response = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(30_000) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const body = (await response.json()) as { items: MonitorView[]; next: string | null };
        monitors.push(...body.items);
        path = body.next;
      }
      const mine = monitors.filter((m) => m.active && m.type !== 'push' && m.locations.includes(options.location));
      scheduler.assign(mine);
      options.log.info({ monitors: mine.length, location: options.location }, 'assignments loaded');
    } catch (error) {
      // Keep probing what we have; the server may be down, which is exactly when probes matter.
      options.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not refresh assignments');
    }
  }

  let refreshTimer: NodeJS.Timeout | null = null;
  return {
    async start(): Promise<void> {
      await refresh();
      scheduler.start();
      refreshTimer = setInterval(() => void refresh(), options.refreshMs ?? 60_000);
    },
    refresh,
    flush: () => scheduler.flush(),
    stats: () => ({ ...scheduler.stats(), sentResults }),
    buffer,
    async stop(): Promise<void> {
      if (refreshTimer) clearInterval(refreshTimer);
      await scheduler.stop();
      closeCheckContext(context);
    },
  };
}
