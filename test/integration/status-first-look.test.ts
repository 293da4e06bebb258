import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import type { PlatformStatus } from '../../src/app/monitoring/platform-status.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, wholeStatus, type TestApp } from '../support/app.js';

const operator = systemActor('test');
const MINUTE = 60_000;
const T0 = Date.parse('2026-11-20T12:00:00Z');

/**
 * A server that starts over history with no day of it kept (a first start after an import, an
 * upgrade) computes the 90 days from the segments: seconds at 2,000 monitors. Meanwhile its
 * visitors get a first look at once — each service's state now, marked `history: 'computing'` —
 * and then the whole answer (ADR 0029).
 */
describe.each(BACKENDS)('status page first look on %s', (backend) => {
  let loader: TestApp;
  let dvs: string;

  beforeAll(async () => {
    // Three days of results, rolled up, by a server that never computes the page (nothing kept).
    let now = new Date(T0 - 3 * 24 * 60 * MINUTE);
    loader = await startTestApp(backend, { now: () => now });
    dvs = ((await loader.database.ownerQuery(`SELECT id::text AS id FROM services WHERE code = 'DVS'`)) as { id: string }[])[0]!.id;
    const monitor = await createMonitor(loader.deps, operator, { serviceId: dvs, tenantId: null, name: 'vēsture', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 300, timeoutMs: 5000, failuresToConfirm: 1, critical: true, locations: ['lvrtc'], active: true });
    const results = [];
    // Up for three days, down for the last twenty minutes: the state now is down, the days mostly up.
    for (let at = now.getTime(); at < T0; at += 5 * MINUTE) results.push({ at: new Date(at).toISOString(), ok: at < T0 - 20 * MINUTE, location: 'lvrtc' });
    now = new Date(T0);
    await ingestProbeResults(loader.deps, operator, monitor.id, results);
    await rollUpAvailability(loader.deps);
    expect(await loader.database.ownerQuery('SELECT count(*)::int AS n FROM status_days')).toEqual([{ n: 0 }]);
    await loader.app.close();
  });
  afterAll(() => loader.close());

  it('gives each service\'s state now at once while the 90 days are computed, then the whole answer with the same states', async () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const server = await startTestApp(backend, {
      sameDatabaseAs: loader,
      now: () => new Date(T0 + MINUTE),
      server: { statusCacheMs: 15_000 },
      // The computation held where it writes the days it has swept: after its first look.
      store: (store) => ({ ...store, statusDays: { ...store.statusDays, write: async (tx, days, at) => (await opened, store.statusDays.write(tx, days, at)) } }),
    });
    try {
      const first = await Promise.race([server.app.inject({ method: 'GET', url: '/api/v1/status' }), new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5000))]);
      if (first === 'waited') throw new Error('the first visitor waited for the history');
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('no-cache');
      const look = first.json() as PlatformStatus;
      expect(look.history).toBe('computing');
      const lookDvs = look.services.find((s) => s.id === dvs)!;
      expect(lookDvs).toMatchObject({ state: 'down', since: null, uptimePercent: null, days: [] });
      expect(look.overall).toBe('outage');

      open();
      const whole = await wholeStatus(server);
      expect(whole.generatedAt).toBe(look.generatedAt);
      expect(whole.overall).toBe(look.overall);
      expect(whole.services.map((s) => [s.code, s.state])).toEqual(look.services.map((s) => [s.code, s.state]));
      const wholeDvs = whole.services.find((s) => s.id === dvs)!;
      expect(wholeDvs.days).toHaveLength(90);
      expect(wholeDvs.since).toBe(new Date(T0 - 20 * MINUTE).toISOString());
      expect(wholeDvs.uptimePercent).toBeGreaterThan(99);
      const again = await server.app.inject({ method: 'GET', url: '/api/v1/status' });
      expect(again.headers['cache-control']).toBe('public, max-age=15');
    } finally {
      await server.app.close();
    }
  });
});
