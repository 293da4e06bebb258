import { afterEach, describe, expect, it } from 'vitest';
import { healthOf } from '../../src/app/monitoring/monitor-health.js';
import { ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS, noOlderTransactionRunning } from '../support/database.js';
import type { Store } from '../../src/app/ports.js';
import { recordingKeptResults, signIn, startTestApp, wholeStatus, type TestApp } from '../support/app.js';

/**
 * The monitors' states (the list's counts) read the kept results the way the status page's
 * computations do, and share with them what this process read last — also with the computations
 * that read through the status cache's store that gives way (src/http/status-cache.ts). So after
 * a restart the status start computation's read serves the first counts: only the rows written
 * since travel (ADR 0026, "2026-12-07"). The counts stay those of the states the list shows.
 */
describe.each(BACKENDS)('monitor states sharing the status computation\'s kept results on %s', (backend) => {
  let t: TestApp;
  afterEach(() => t.close());

  it('reads after the status start computation only the kept rows written since, and counts exactly', async () => {
    const reads: { held: boolean; sent: number }[] = [];
    t = await startTestApp(backend, {
      demoHistory: true,
      server: { statusCacheMs: 15_000 },
      store: recordingKeptResults((read) => void reads.push(read)),
    });
    // The status page's whole answer: its start computation's, which read every kept row first in a
    // transaction of its own, then only those written since: for its first look (nothing of the
    // history was kept, ADR 0029), and for its days.
    await wholeStatus(t);
    expect(reads.map((read) => read.held)).toEqual([false, true, true]);
    expect(reads[0]!.sent).toBeGreaterThan(0);

    const operator = await signIn(t.app, 'operators@rda.lv');
    const expected = async () => {
      const all = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.monitors.list(tx, {}));
      const counts = { total: all.length, down: 0, unknown: 0, up: 0, paused: 0 };
      for (const [i, h] of (await healthOf(t.deps, all)).entries()) counts[all[i]!.active ? h.state : 'paused'] += 1;
      return counts;
    };
    // Exact counts of rows written since need every read's snapshot to see all rows written before it
    // as old: a transaction elsewhere in the cluster (CI runs files side by side) that was open while
    // the app started has the start computation's read send those rows again (harmless, not exact).
    // So the first counts must build on the start computation's read, the ones after it send exactly what changed.
    await noOlderTransactionRunning(t.database);
    const counts = await operator.get('/api/v1/monitors/counts');
    expect(counts.statusCode).toBe(200);
    expect(reads.slice(3).map((read) => read.held)).toEqual([true]);
    expect(counts.json()).toEqual(await expected());
    // Nothing was written since: the next counts read no row.
    expect((await operator.get('/api/v1/monitors/counts')).json()).toEqual(await expected());
    expect(reads.slice(4)).toEqual([{ held: true, sent: 0 }]);

    // A result arrives for one location: the next counts read that row alone, and count it.
    const monitor = (await t.deps.store.run(SYSTEM, (tx) => t.deps.store.monitors.list(tx, {}))).find((m) => m.active && m.type === 'http')!;
    const at = new Date(Date.now() - 1000).toISOString();
    await ingestProbeResults(t.deps, systemActor('test'), monitor.id, [{ at, ok: false, location: monitor.locations[0]! }, { at: new Date(Date.now() - 500).toISOString(), ok: false, location: monitor.locations[0]! }]);
    const after = await operator.get('/api/v1/monitors/counts');
    expect(reads.slice(5)).toEqual([{ held: true, sent: 1 }]);
    expect(after.json()).toEqual(await expected());
  });

  it('after a restart that computes nothing (the answer kept at the stop still fresh), counts from the kept results read at the start', async () => {
    let now = new Date();
    const first = await startTestApp(backend, { demoHistory: true, now: () => now, server: { statusCacheMs: 15_000 } });
    // Its whole answer, not the first look given while the history is computed: that one is not kept.
    await wholeStatus(first);
    await first.app.close();
    // 5 s later the server starts again on the database: the answer its predecessor kept serves on.
    now = new Date(now.getTime() + 5000);
    const reads: { held: boolean; sent: number }[] = [];
    const lines: string[] = [];
    t = await startTestApp(backend, {
      sameDatabaseAs: first,
      now: () => now,
      server: { statusCacheMs: 15_000, logLevel: 'debug', logStream: { write: (line: string) => void lines.push(line) } },
      store: recordingKeptResults((read) => void reads.push(read)),
    });
    try {
      expect(lines.some((line) => line.includes('start computation begins'))).toBe(false);
      expect(reads.map((read) => read.held)).toEqual([false]);
      const counts = await (await signIn(t.app, 'operators@rda.lv')).get('/api/v1/monitors/counts');
      expect(counts.statusCode).toBe(200);
      expect(reads.slice(1).map((read) => read.held)).toEqual([true]);
    } finally {
      await first.close();
    }
  });

  it('after a start computation that gave way to the first page, counts from the kept results it read first', async () => {
    const reads: { held: boolean; sent: number }[] = [];
    const lines: string[] = [];
    let reached!: () => void;
    let open!: () => void;
    const inputsReached = new Promise<void>((resolve) => (reached = resolve));
    const opened = new Promise<void>((resolve) => (open = resolve));
    let held = true;
    t = await startTestApp(backend, {
      demoHistory: true,
      server: { statusCacheMs: 15_000, logLevel: 'debug', logStream: { write: (line: string) => void lines.push(line) } },
      store: (store) => {
        const recorded = recordingKeptResults((read) => void reads.push(read))(store);
        // The start computation's main transaction waits at its read of the monitors, lines and kept days.
        const inputs: Store['statusDays']['inputs'] = async (tx, given, fromDay) => {
          if (held) {
            held = false;
            reached();
            await opened;
          }
          return recorded.statusDays.inputs(tx, given, fromDay);
        };
        return { ...recorded, statusDays: { ...recorded.statusDays, inputs } };
      },
    });
    const logged = async (text: string) => {
      for (let i = 0; i < 400 && !lines.some((line) => line.includes(text)); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(lines.filter((line) => line.includes(text)), `a log line with "${text}"`).not.toHaveLength(0);
    };
    await inputsReached;
    // Its first read, every kept row, is done and committed before its main transaction began.
    expect(reads.map((read) => read.held)).toEqual([false]);
    // A person signs in meanwhile (the first page's first request): the computation gives way.
    const signingIn = signIn(t.app, 'operators@rda.lv');
    await logged('/api/v1/session');
    open();
    const operator = await signingIn;
    await logged('gave way');
    const counts = await operator.get('/api/v1/monitors/counts');
    expect(counts.statusCode).toBe(200);
    // The counts built on that first read (a second attempt, after a quiet second, would too).
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.slice(1).every((read) => read.held)).toBe(true);
  });
});
