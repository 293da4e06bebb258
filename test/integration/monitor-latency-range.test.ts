import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

/*
 * A monitor's latency over 24 h / 7 / 30 / 90 days. The clock stands at 2026-12-15T12:00Z (14:00 in
 * Riga, EET = UTC+2). Results of one monitor at two locations, in ms (— = no latency measured, ✗ = failed):
 *   15 Dec 11:00 lvrtc 100, 11:01 lnb 300, 11:02 lvrtc 200, 11:04 lnb 1000 ✗, 11:05 lvrtc —
 *   14 Dec 22:30Z (15 Dec 00:30 Riga) lvrtc 600;  14 Dec 21:30Z (14 Dec 23:30 Riga) lnb 40
 *   10 Dec 08:15 lvrtc 50, 08:20 lvrtc 70, 08:40 lnb 90
 *   1 Oct 10:00 lvrtc 10, 11:00 lvrtc 30 (older than 30 days);  1 Sep 10:00 lvrtc 5 (older than 90 days)
 * By hand (median of an even count = the mean of the middle two; average and median rounded to whole ms):
 *   5 min 11:00:  100 200 300 1000 → median 250, average 1600/4 = 400, max 1000, 4 checks, 1 failure
 *   5 min 11:05:  one check, nothing measured → null latencies, 1 check;  5 min 11:10: no checks → a gap
 *   hour 11:00:   the same four plus the unmeasured one → median 250, average 400, max 1000, 5 checks, 1 failure
 *   hour 10 Dec 08:00: 50 70 90 → median 70, average 70, max 90, 3 checks
 *   Riga day 15 Dec (14 Dec 22:00Z …): 100 200 300 600 1000 → median 300, average 2200/5 = 440, max 1000, 6 checks, 1 failure
 *   Riga day 14 Dec (13 Dec 22:00Z …): 40 → median 40, 1 check (in UTC it would have been 14 Dec too, 22:30Z not)
 *   Riga day 1 Oct (30 Sep 21:00Z, EEST): 10 30 → median 20, average 20, max 30, 2 checks
 */
const NOW = '2026-12-15T12:00:00Z';
const iso = (text: string) => new Date(text).toISOString();

describe.each(BACKENDS)('a monitor’s latency over a range on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let monitorId: string;
  let siguldaMonitor: string;
  const latency = async (query: string, id = monitorId) => {
    const res = await operator.get(`/api/v1/monitors/${id}/latency?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const point = (series: { points: { at: string }[] }, at: string) => series.points.find((p) => p.at === iso(at));

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date(NOW) });
    operator = await signIn(t.app, 'operators@rda.lv');
    const serviceId = (await operator.post('/api/v1/services', { code: 'LATR', name: 'Latentuma diapazoni' })).json().id;
    const created = await operator.post('/api/v1/monitors', { serviceId, name: 'latentums', type: 'http', target: 'https://lat.example.lv/', intervalSeconds: 300, locations: ['lvrtc', 'lnb'] });
    expect(created.statusCode, created.body).toBe(201);
    monitorId = created.json().id;
    const r = (at: string, location: string, latencyMs?: number, ok = true) => ({ at: iso(at), location, ok, ...(latencyMs === undefined ? {} : { latencyMs }) });
    const results = [
      r('2026-12-15T11:00:00Z', 'lvrtc', 100), r('2026-12-15T11:01:00Z', 'lnb', 300), r('2026-12-15T11:02:00Z', 'lvrtc', 200), r('2026-12-15T11:04:00Z', 'lnb', 1000, false), r('2026-12-15T11:05:00Z', 'lvrtc'),
      r('2026-12-14T22:30:00Z', 'lvrtc', 600), r('2026-12-14T21:30:00Z', 'lnb', 40),
      r('2026-12-10T08:15:00Z', 'lvrtc', 50), r('2026-12-10T08:20:00Z', 'lvrtc', 70), r('2026-12-10T08:40:00Z', 'lnb', 90),
      r('2026-10-01T10:00:00Z', 'lvrtc', 10), r('2026-10-01T11:00:00Z', 'lvrtc', 30), r('2026-09-01T10:00:00Z', 'lvrtc', 5),
    ];
    const sent = await operator.post(`/api/v1/monitors/${monitorId}/results`, { results });
    expect(sent.statusCode, sent.body).toBe(200);
    const siguldaId = (await (await signIn(t.app, 'admin@sigulda.lv')).get('/api/v1/tenants')).json().items[0].id;
    siguldaMonitor = (await operator.post('/api/v1/monitors', { serviceId, tenantId: siguldaId, name: 'Siguldas latentums', type: 'http', target: 'https://s.example.lv/', intervalSeconds: 300, locations: ['lvrtc'] })).json().id;
  }, 180_000);
  afterAll(() => t.close());

  it('draws 24 hours in five-minute buckets, every one of them, empty ones as gaps', async () => {
    const day = await latency('range=24h');
    expect(day).toMatchObject({ monitorId, range: '24h', bucket: '5min', bucketMinutes: 5, from: iso('2026-12-14T12:00:00Z'), to: iso(NOW) });
    expect(day.points).toHaveLength(288);
    expect(point(day, '2026-12-15T11:00:00Z')).toEqual({ at: iso('2026-12-15T11:00:00Z'), p50LatencyMs: 250, avgLatencyMs: 400, maxLatencyMs: 1000, checks: 4, failures: 1 });
    expect(point(day, '2026-12-15T11:05:00Z')).toEqual({ at: iso('2026-12-15T11:05:00Z'), p50LatencyMs: null, avgLatencyMs: null, maxLatencyMs: null, checks: 1, failures: 0 });
    expect(point(day, '2026-12-15T11:10:00Z')).toEqual({ at: iso('2026-12-15T11:10:00Z'), p50LatencyMs: null, avgLatencyMs: null, maxLatencyMs: null, checks: 0, failures: 0 });
    expect(day.points.reduce((n: number, p: { checks: number }) => n + p.checks, 0)).toBe(7); // the five of 15 Dec and the two of the evening before
  });

  it('draws 7 days per hour', async () => {
    const week = await latency('range=7d');
    expect(week).toMatchObject({ range: '7d', bucket: 'hour', bucketMinutes: 60, from: iso('2026-12-08T12:00:00Z') });
    expect(week.points).toHaveLength(168);
    expect(point(week, '2026-12-15T11:00:00Z')).toEqual({ at: iso('2026-12-15T11:00:00Z'), p50LatencyMs: 250, avgLatencyMs: 400, maxLatencyMs: 1000, checks: 5, failures: 1 });
    expect(point(week, '2026-12-10T08:00:00Z')).toEqual({ at: iso('2026-12-10T08:00:00Z'), p50LatencyMs: 70, avgLatencyMs: 70, maxLatencyMs: 90, checks: 3, failures: 0 });
    expect(week.points.filter((p: { checks: number }) => p.checks > 0).map((p: { at: string }) => p.at)).toEqual(
      ['2026-12-10T08:00:00Z', '2026-12-14T21:00:00Z', '2026-12-14T22:00:00Z', '2026-12-15T11:00:00Z'].map(iso),
    );
  });

  it('draws 30 and 90 days per Riga day', async () => {
    const month = await latency('range=30d');
    expect(month).toMatchObject({ range: '30d', bucket: 'day', bucketMinutes: 1440, from: iso('2026-11-14T22:00:00Z') });
    expect(month.points).toHaveLength(31);
    expect(point(month, '2026-12-14T22:00:00Z')).toEqual({ at: iso('2026-12-14T22:00:00Z'), p50LatencyMs: 300, avgLatencyMs: 440, maxLatencyMs: 1000, checks: 6, failures: 1 });
    expect(point(month, '2026-12-13T22:00:00Z')).toEqual({ at: iso('2026-12-13T22:00:00Z'), p50LatencyMs: 40, avgLatencyMs: 40, maxLatencyMs: 40, checks: 1, failures: 0 });
    expect(point(month, '2026-12-09T22:00:00Z')).toMatchObject({ p50LatencyMs: 70, avgLatencyMs: 70, maxLatencyMs: 90, checks: 3 });
    const quarter = await latency('range=90d');
    expect(quarter).toMatchObject({ range: '90d', bucket: 'day', from: iso('2026-09-15T21:00:00Z') });
    expect(quarter.points).toHaveLength(91);
    expect(point(quarter, '2026-09-30T21:00:00Z')).toEqual({ at: iso('2026-09-30T21:00:00Z'), p50LatencyMs: 20, avgLatencyMs: 20, maxLatencyMs: 30, checks: 2, failures: 0 });
    // 1 Sep is older than the range; every check inside it is counted once.
    expect(quarter.points.reduce((n: number, p: { checks: number }) => n + p.checks, 0)).toBe(12);
  });

  it('keeps the hours of the sparklines as they were', async () => {
    const hours = await latency('hours=24');
    expect(Object.keys(hours).sort()).toEqual(['bucketMinutes', 'monitorId', 'points']);
    expect(hours.points.find((p: { at: string }) => p.at === iso('2026-12-15T11:00:00Z'))).toEqual({ at: iso('2026-12-15T11:00:00Z'), avgLatencyMs: 400, maxLatencyMs: 1000, checks: 4, failures: 1 });
  });

  it('refuses a range it does not offer, and hours with a range', async () => {
    const unknown = await operator.get(`/api/v1/monitors/${monitorId}/latency?range=1y`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unknown.json().errors[0].field).toBe('range');
    const both = await operator.get(`/api/v1/monitors/${monitorId}/latency?range=7d&hours=24`);
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0]).toMatchObject({ field: 'hours', code: 'excludes', params: { other: 'range' } });
  });

  it('shows a municipality only the monitors it may see', async () => {
    const cesis = await signIn(t.app, 'admin@cesis.lv');
    expect((await cesis.get(`/api/v1/monitors/${siguldaMonitor}/latency?range=30d`)).statusCode).toBe(404);
    const sigulda = await signIn(t.app, 'admin@sigulda.lv');
    expect((await sigulda.get(`/api/v1/monitors/${siguldaMonitor}/latency?range=30d`)).json()).toMatchObject({ monitorId: siguldaMonitor, range: '30d' });
    // A shared monitor is everyone's to see.
    expect((await cesis.get(`/api/v1/monitors/${monitorId}/latency?range=7d`)).json().points).toHaveLength(168);
  });
});
