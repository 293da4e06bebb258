import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { KEPT_ANSWER_MAX_AGE_MS, keepPublicStatus, keptPublicStatus } from '../../src/app/monitoring/kept-answer.js';
import { publicStatus, type PlatformStatus } from '../../src/app/monitoring/platform-status.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

const operator = systemActor('test');
const MINUTE = 60_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');

/**
 * The status page's answer in hand when a server stops is kept in the database, and a server
 * starting on the same database gives it to its first visitors while it computes its own (ADR 0022,
 * "The answer kept across a restart") — if it is recent and of this release's shape.
 */
describe.each(BACKENDS)('status page answer kept across a restart on %s', (backend) => {
  let first: TestApp;
  let now: Date;
  const statusOf = async (t: TestApp) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/status' });
    expect(res.statusCode).toBe(200);
    return res.json() as PlatformStatus;
  };
  /** The `generatedAt` of the answers kept, as the owner reads them. */
  const keptAt = async () => ((await first.database.ownerQuery(`SELECT generated_at AS at FROM status_answers WHERE audience = 'shared'`)) as { at: Date | string }[]).map((r) => new Date(r.at).toISOString());

  beforeAll(async () => {
    now = new Date(T0);
    first = await startTestApp(backend, { now: () => now, server: { statusCacheMs: 15_000 } });
    const dvs = ((await first.database.ownerQuery(`SELECT id::text AS id FROM services WHERE code = 'DVS'`)) as { id: string }[])[0]!.id;
    const monitor = await createMonitor(first.deps, operator, { serviceId: dvs, tenantId: null, name: 'glabāts', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 1, critical: true, locations: ['lvrtc'], active: true });
    await ingestProbeResults(first.deps, operator, monitor.id, [{ at: new Date(T0 - MINUTE).toISOString(), ok: false, location: 'lvrtc' }]);
  });
  afterAll(() => first.close());

  it('is kept when a server stops, given by the server started next while its own computation is held, and replaced by that computation', async () => {
    // The first server's answer after its cache expired (it saw the monitor, made after its start), kept as it is computed.
    now = new Date(T0 + 16_000);
    await statusOf(first);
    let answer = await statusOf(first);
    for (let i = 0; i < 200 && answer.generatedAt !== now.toISOString(); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      answer = await statusOf(first);
    }
    expect(answer.generatedAt).toBe(now.toISOString());
    expect(answer.services.find((s) => s.code === 'DVS')!.state).toBe('down');
    // Its first answer, the start's, was kept as it was computed (a crash would have left it); the
    // next, 16 s later, is not (answers are kept every 30 s); its stop keeps the answer in hand.
    expect(await keptAt()).toEqual([new Date(T0).toISOString()]);
    await first.app.close();
    expect(await keptAt()).toEqual([answer.generatedAt]);

    // 20 s later the server starts again on the database, its computation held at its first read.
    now = new Date(T0 + 36_000);
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const lines: string[] = [];
    const second = await startTestApp(backend, {
      sameDatabaseAs: first,
      now: () => now,
      server: { statusCacheMs: 15_000, logLevel: 'debug', logStream: { write: (line: string) => void lines.push(line) } },
      store: (store) => ({ ...store, statusDays: { ...store.statusDays, inputs: async (tx, held, fromDay) => (await opened, store.statusDays.inputs(tx, held, fromDay)) } }),
    });
    try {
      // Its first visitor gets the kept answer at once: nothing of its own is computed yet.
      const given = await Promise.race([statusOf(second), new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5000))]);
      expect(given).toEqual(answer);
      // The held computation gives way to that visitor; the kept answer stays in hand meanwhile.
      now = new Date(T0 + 37_000);
      open();
      for (let i = 0; i < 200 && !lines.some((line) => line.includes('gave way')); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(lines.some((line) => line.includes('gave way'))).toBe(true);
      expect(await statusOf(second)).toEqual(answer);
      // Once the server is quiet its own computation runs; its answer replaces the kept one, here and in the database.
      let own = await statusOf(second);
      for (let i = 0; i < 200 && own.generatedAt === answer.generatedAt; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        own = await statusOf(second);
      }
      expect(own.generatedAt).toBe(new Date(T0 + 37_000).toISOString());
      expect(own.services.find((s) => s.code === 'DVS')!.state).toBe('down');
    } finally {
      await second.close();
    }
    // Its stop keeps its own answer in place of the one it was given.
    expect(await keptAt()).toEqual([new Date(T0 + 37_000).toISOString()]);
  });

  it('is given only while recent, of the same shape, and not from the future; the later of two kept answers stays', async () => {
    now = new Date(T0 + 100_000);
    const computed = await publicStatus({ store: first.deps.store, clock: { now: () => now } });
    await keepPublicStatus(first.deps, computed, 'shape-a');
    const at = (ms: number) => ({ store: first.deps.store, clock: { now: () => new Date(T0 + 100_000 + ms) } });
    expect(await keptPublicStatus(at(KEPT_ANSWER_MAX_AGE_MS), 'shape-a')).toEqual(computed);
    expect(await keptPublicStatus(at(KEPT_ANSWER_MAX_AGE_MS + 1), 'shape-a')).toBeNull();
    expect(await keptPublicStatus(at(0), 'shape-b')).toBeNull();
    expect(await keptPublicStatus(at(-1), 'shape-a')).toBeNull();
    // Another replica's earlier answer, kept after this one, does not replace it.
    await keepPublicStatus(first.deps, { ...computed, generatedAt: new Date(T0 + 90_000).toISOString() }, 'shape-a');
    expect(await keptPublicStatus(at(1000), 'shape-a')).toEqual(computed);
    // A later one does.
    const later = { ...computed, generatedAt: new Date(T0 + 101_000).toISOString(), overall: 'outage' as const };
    await keepPublicStatus(first.deps, later, 'shape-a');
    expect(await keptPublicStatus(at(1000), 'shape-a')).toEqual(later);
  });

  it('gives back the space of the answers kept before it, so keeping again and again does not grow the table', async () => {
    const computed = await publicStatus({ store: first.deps.store, clock: { now: () => new Date(T0 + 200_000) } });
    // ~200 KB that does not compress, as the answer of 2,000 monitors takes.
    const filler = randomBytes(150_000).toString('base64');
    const keep = (ms: number) => keepPublicStatus(first.deps, { ...computed, generatedAt: new Date(T0 + 200_000 + ms).toISOString(), filler } as PlatformStatus, 'shape-a');
    const size = async () => Number(((await first.database.ownerQuery(`SELECT pg_total_relation_size('status_answers')::text AS size`)) as { size: string }[])[0]!.size);
    await keep(0);
    const once = await size();
    for (let i = 1; i <= 15; i++) await keep(i * 1000);
    // Without the space given back the table held every answer kept: sixteen of them, over 3 MB.
    expect(await size()).toBeLessThan(3 * once);
    expect(once).toBeGreaterThan(200_000);
  });
});
