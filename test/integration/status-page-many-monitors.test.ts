import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const MINUTE = 60_000;
const operator = systemActor('test');

/**
 * The status page reads the raw results past every monitor's rollup line in one statement for all
 * monitors and locations: each monitor's results must reach its own timeline, rolled up or not.
 */
describe.each(BACKENDS)('status page over several monitors on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  const services = new Map<string, string>();

  beforeAll(async () => {
    now = new Date('2026-11-20T12:00:00Z');
    t = await startTestApp(backend, { now: () => now });
    const admin = await signIn(t.app, 'operators@rda.lv');
    for (const s of (await admin.get('/api/v1/services')).json().items as { id: string; code: string }[]) services.set(s.code, s.id);
    const start = now.getTime() - 6 * 60 * MINUTE;
    // DVS is up; GIS failed for the last four results at one of its two monitors; each monitor has its own results.
    const plan = [
      { code: 'DVS', name: 'DVS a', failingFrom: Infinity },
      { code: 'DVS', name: 'DVS b', failingFrom: Infinity },
      { code: 'GIS', name: 'GIS a', failingFrom: Infinity },
      { code: 'GIS', name: 'GIS b', failingFrom: now.getTime() - 4 * MINUTE },
    ];
    for (const p of plan) {
      const monitor = await createMonitor(t.deps, operator, { serviceId: services.get(p.code)!, tenantId: null, name: p.name, type: 'http', target: 'https://x.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['lvrtc'], active: true });
      const results = [];
      for (let at = start; at < now.getTime(); at += MINUTE) results.push({ at: new Date(at).toISOString(), ok: at < p.failingFrom, location: 'lvrtc' });
      await ingestProbeResults(t.deps, operator, monitor.id, results);
    }
  });
  afterAll(() => t.close());

  it('gives each service the state of its own monitors, before and after the rollup', async () => {
    const read = async () => {
      const status = (await t.app.inject({ method: 'GET', url: '/api/v1/status' })).json() as { services: { code: string; state: string; since: string | null }[] };
      return Object.fromEntries(status.services.filter((s) => s.code === 'DVS' || s.code === 'GIS').map((s) => [s.code, { state: s.state, since: s.since }]));
    };
    const expected = { DVS: { state: 'up', since: new Date(now.getTime() - 6 * 60 * MINUTE).toISOString() }, GIS: { state: 'down', since: new Date(now.getTime() - 4 * MINUTE).toISOString() } };
    expect(await read()).toEqual(expected);
    await rollUpAvailability(t.deps);
    expect(await read()).toEqual(expected);
  });

  it('reads the rolled-up segments overlapping a window, a long one reaching in from before it included', async () => {
    const HOUR = 60 * MINUTE;
    const from = Date.parse('2026-11-01T00:00:00Z');
    const to = from + 5 * HOUR;
    const monitor = (name: string, locations: string[]) => createMonitor(t.deps, operator, { serviceId: services.get('DVS')!, tenantId: null, name, type: 'http', target: 'https://x.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations, active: true });
    const m = await monitor('segments', ['a', 'b']);
    const quiet = await monitor('no segments', ['a']);
    const rows: [string, number, number, string][] = [
      ['a', from - 20 * 24 * HOUR, from - 10 * 24 * HOUR, 'down'], // ends before the window
      ['a', from - 10 * 24 * HOUR, from + HOUR, 'up'], // began ten days before it
      ['a', from + HOUR, from + 2 * HOUR, 'down'],
      ['a', from + 2 * HOUR, to + HOUR, 'up'], // reaches past its end
      ['a', to + HOUR, to + 2 * HOUR, 'down'], // after it
      ['b', from - 24 * HOUR, from, 'down'], // ends where it begins
      ['b', from, to, 'up'],
    ];
    await t.database.ownerQuery(
      `INSERT INTO monitor_segments (monitor_id, location, start_at, end_at, state) VALUES ${rows.map(([l, a, b, state]) => `('${m.id}', '${l}', '${new Date(a).toISOString()}', '${new Date(b).toISOString()}', '${state}')`).join(', ')}`,
    );
    const pairs = [{ monitorId: m.id, location: 'a' }, { monitorId: m.id, location: 'b' }, { monitorId: quiet.id, location: 'a' }];
    const segments = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.segmentsMany(tx, pairs, new Date(from), new Date(to)));
    const expected = (location: string) => rows.filter(([l, a, b]) => l === location && a < to && b > from).map(([, start, end, state]) => ({ start, end, state }));
    expect(expected('a')).toHaveLength(3);
    expect(Object.fromEntries(segments)).toEqual({ [`${m.id}|a`]: expected('a'), [`${m.id}|b`]: expected('b') });
  });
});
