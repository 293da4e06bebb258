import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

/*
 * A monitor's page: uptime and state changes over 24 h / 7 / 30 / 90 days, and why a state is unknown.
 * The clock stands at 2026-12-15T12:00Z. Monitor A (lvrtc, every 5 min, 2 failures confirm) reports
 * from 2026-11-15T12:00Z (30 days back) to now, except:
 *   - nothing 10 Dec 00:00–01:55Z: the 9 Dec 23:55 result covers to 00:10 (3 intervals), so
 *     00:10–02:00Z = 6,600 s unknown;
 *   - one lone failure 12 Dec 08:00Z: counts as up;
 *   - failures 15 Dec 06:00–06:55Z (12 results): 06:00–07:00Z = 3,600 s down.
 * By hand:
 *   24h (14 Dec 12:00Z …): up 86,400 − 3,600 = 82,800; uptime 82,800 / 86,400 = 95.8333 %
 *   7d  (8 Dec 12:00Z …):  up 604,800 − 6,600 − 3,600 = 594,600; uptime 594,600 / 598,200 = 99.3982 %
 *   30d (15 Nov 12:00Z …): up 2,592,000 − 10,200 = 2,581,800; uptime 2,581,800 / 2,585,400 = 99.8608 %
 *   90d (16 Sep 12:00Z …): the same up and down; 60 days before the first result are unknown too.
 */
const MIN = 60_000;
const DAY = 86_400;
const NOW = '2026-12-15T12:00:00Z';
const ms = (iso: string) => Date.parse(iso);
const iso = (text: string) => new Date(text).toISOString();

describe.each(BACKENDS)('a monitor’s availability over time on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let serviceId: string;
  let monitorA: string;
  const monitor = async (name: string, extra: Record<string, unknown>) => {
    const res = await operator.post('/api/v1/monitors', { serviceId, name, type: 'http', target: `https://${name}.example.lv/`, intervalSeconds: 300, failuresToConfirm: 2, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const send = async (id: string, results: { at: string; ok: boolean; location: string }[]) => {
    for (let i = 0; i < results.length; i += 10_000) expect((await operator.post(`/api/v1/monitors/${id}/results`, { results: results.slice(i, i + 10_000) })).statusCode).toBe(200);
  };
  const availability = async (id: string, range?: string) => {
    const res = await operator.get(`/api/v1/monitors/${id}/availability${range ? `?range=${range}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date(NOW) });
    operator = await signIn(t.app, 'operators@rda.lv');
    serviceId = (await operator.post('/api/v1/services', { code: 'MONA', name: 'Uzraudzības lapa' })).json().id;
    monitorA = await monitor('a', { locations: ['lvrtc'] });
    const results = [];
    for (let at = ms('2026-11-15T12:00:00Z'); at < ms(NOW); at += 5 * MIN) {
      if (at >= ms('2026-12-10T00:00:00Z') && at < ms('2026-12-10T02:00:00Z')) continue;
      const fails = at === ms('2026-12-12T08:00:00Z') || (at >= ms('2026-12-15T06:00:00Z') && at < ms('2026-12-15T07:00:00Z'));
      results.push({ at: new Date(at).toISOString(), ok: !fails, location: 'lvrtc' });
    }
    await send(monitorA, results);
  }, 120_000);
  afterAll(() => t.close());

  it('gives the uptime and the state changes of the last 24 hours by default', async () => {
    expect(await availability(monitorA)).toEqual({
      monitorId: monitorA,
      range: '24h',
      from: iso('2026-12-14T12:00:00Z'),
      to: iso(NOW),
      uptimePercent: 95.8333,
      upSeconds: 82_800,
      downSeconds: 3_600,
      unknownSeconds: 0,
      events: [
        { state: 'up', start: iso('2026-12-15T07:00:00Z'), end: iso(NOW), seconds: 18_000, ongoing: true },
        { state: 'down', start: iso('2026-12-15T06:00:00Z'), end: iso('2026-12-15T07:00:00Z'), seconds: 3_600, ongoing: false },
        { state: 'up', start: iso('2026-12-14T12:00:00Z'), end: iso('2026-12-15T06:00:00Z'), seconds: 64_800, ongoing: false },
      ],
      eventsTruncated: false,
    });
  });

  it('over 7 days shows the gap as unknown and the lone failure as up', async () => {
    const week = await availability(monitorA, '7d');
    expect(week).toMatchObject({ from: iso('2026-12-08T12:00:00Z'), uptimePercent: 99.3982, upSeconds: 594_600, downSeconds: 3_600, unknownSeconds: 6_600 });
    expect(week.events.map((e: { state: string; start: string }) => [e.state, e.start])).toEqual([
      ['up', iso('2026-12-15T07:00:00Z')],
      ['down', iso('2026-12-15T06:00:00Z')],
      ['up', iso('2026-12-10T02:00:00Z')],
      ['unknown', iso('2026-12-10T00:10:00Z')],
      ['up', iso('2026-12-08T12:00:00Z')],
    ]);
  });

  it('over 30 and 90 days; the same figures once rolled up, with the raw results gone', async () => {
    const month = await availability(monitorA, '30d');
    expect(month).toMatchObject({ uptimePercent: 99.8608, upSeconds: 2_581_800, downSeconds: 3_600, unknownSeconds: 6_600 });
    const quarter = await availability(monitorA, '90d');
    expect(quarter).toMatchObject({ from: iso('2026-09-16T12:00:00Z'), uptimePercent: 99.8608, upSeconds: 2_581_800, downSeconds: 3_600, unknownSeconds: 60 * DAY + 6_600 });
    expect(quarter.events.at(-1)).toEqual({ state: 'unknown', start: iso('2026-09-16T12:00:00Z'), end: iso('2026-11-15T12:00:00Z'), seconds: 60 * DAY, ongoing: false });

    expect(await rollUpAvailability(t.deps, { maxChunks: 5_000 })).toMatchObject({ pending: 0 });
    // Long ranges read the rolled-up segments: without the raw results of the days they cover, nothing changes.
    const deleted = await t.database.ownerQuery('DELETE FROM probe_results WHERE monitor_id = $1 AND at < $2 RETURNING at', [monitorA, '2026-12-14T00:00:00Z']);
    expect(deleted.length).toBe(8_184); // 28.5 days of 288 a day, less the 24 missing on 10 Dec
    expect(await availability(monitorA, '30d')).toEqual(month);
    expect(await availability(monitorA, '90d')).toEqual(quarter);
  }, 60_000);

  it('refuses a range it does not offer', async () => {
    const res = await operator.get(`/api/v1/monitors/${monitorA}/availability?range=1y`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('range');
  });

  it('says why a state is unknown: silent locations and since when, never probed, paused', async () => {
    const silent = await monitor('silent', { locations: ['lvrtc', 'lnb'] });
    await send(silent, [
      { at: '2026-12-15T10:20:00Z', ok: true, location: 'lnb' },
      { at: '2026-12-15T10:30:00Z', ok: true, location: 'lvrtc' },
    ]);
    const never = await monitor('never', { locations: ['lvrtc'] });
    const paused = await monitor('paused', { locations: ['lvrtc'] });
    expect((await operator.patch(`/api/v1/monitors/${paused}`, { active: false })).statusCode).toBe(200);
    const health = (await operator.get(`/api/v1/monitors/health?ids=${[monitorA, silent, never, paused].join(',')}`)).json().items as { monitorId: string; state: string; unknownReason: unknown }[];
    const reason = (id: string) => health.find((h) => h.monitorId === id)!;
    expect(reason(monitorA)).toMatchObject({ state: 'up', unknownReason: null });
    expect(reason(silent)).toMatchObject({ state: 'unknown', unknownReason: { code: 'no_results', params: { locations: ['lvrtc', 'lnb'], lastResultAt: iso('2026-12-15T10:30:00Z') } } });
    expect(reason(never)).toMatchObject({ state: 'unknown', unknownReason: { code: 'never_probed', params: {} } });
    expect(reason(paused)).toMatchObject({ state: 'unknown', unknownReason: { code: 'paused', params: {} } });
  });
});
