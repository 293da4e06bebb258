import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { recordMissedBeats } from '../../src/app/monitoring/push-monitors.js';
import { watchOutages } from '../../src/app/monitoring/watch-outages.js';
import { systemActor } from '../../src/domain/actor.js';
import type { Monitor } from '../../src/domain/monitoring/monitor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

const MINUTE = 60_000;
const system = systemActor('test');

describe.each(BACKENDS)('push monitors, batches and the outage watch on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  let operator: Client;
  let dvsId: string;
  const anonymous = (method: 'GET' | 'POST', url: string) => t.app.inject({ method, url });
  const results = (monitorId: string) =>
    t.database.db.kysely.selectFrom('probe_results').select(['at', 'ok', 'error', 'location']).where('monitor_id', '=', monitorId).orderBy('at').execute();
  const outbox = (channel: string) => t.database.db.kysely.selectFrom('outbox').select(['event', 'recipient', 'subject', 'payload']).where('channel', '=', channel).orderBy('id').execute();

  beforeAll(async () => {
    now = new Date('2026-11-24T10:00:00Z');
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifications = { mailEnabled: true, webhooks: [{ url: 'https://hooks.example.lv/kopa', secret: 'a-long-webhook-secret' }], publicUrl: 'https://kopa.rda.lv' };
    operator = await signIn(t.app, 'operators@rda.lv');
    dvsId = (await operator.get('/api/v1/services')).json().items.find((s: { code: string }) => s.code === 'DVS').id;
  });
  afterAll(() => t.close());

  describe('push monitors', () => {
    let monitor: Monitor;
    let token: string;

    it('issues a secret URL once and takes beats on it without signing in', async () => {
      monitor = await createMonitor(t.deps, system, { serviceId: dvsId, tenantId: null, name: 'DVS rezerves kopija', type: 'push', target: null, config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['local'], active: true });
      const issued = await operator.post(`/api/v1/monitors/${monitor.id}/push-token`);
      expect(issued.statusCode).toBe(201);
      token = issued.json().token;
      expect(issued.json().url).toBe(`https://kopa.rda.lv/api/v1/push/${token}`);
      expect((await anonymous('GET', `/api/v1/push/${token}`)).json()).toEqual({ monitorId: monitor.id, at: '2026-11-24T10:00:00.000Z' });
      now = new Date('2026-11-24T10:01:00Z');
      expect((await anonymous('POST', `/api/v1/push/${token}?status=down&msg=${encodeURIComponent('Disks pilns')}`)).statusCode).toBe(200);
      expect(await results(monitor.id)).toEqual([
        { at: new Date('2026-11-24T10:00:00Z'), ok: true, error: null, location: 'local' },
        { at: new Date('2026-11-24T10:01:00Z'), ok: false, error: 'Disks pilns', location: 'local' },
      ]);
    });

    it('refuses unknown and replaced tokens alike', async () => {
      expect((await anonymous('GET', '/api/v1/push/kopa_push_nothing-here')).statusCode).toBe(404);
      const replaced = (await operator.post(`/api/v1/monitors/${monitor.id}/push-token`)).json().token;
      expect((await anonymous('GET', `/api/v1/push/${token}`)).statusCode).toBe(404);
      expect((await anonymous('GET', `/api/v1/push/${replaced}?status=sideways`)).statusCode).toBe(400);
      token = replaced;
    });

    it('turns missing beats into failures at the slots they were due, once', async () => {
      now = new Date('2026-11-24T10:02:00Z');
      await anonymous('GET', `/api/v1/push/${token}`);
      // Silence after 10:02. At 10:05:40 the beats of 10:03, 10:04 and 10:05 are overdue (30 s grace).
      now = new Date('2026-11-24T10:05:40Z');
      expect(await recordMissedBeats(t.deps)).toEqual({ missed: 3 });
      expect(await recordMissedBeats(t.deps)).toEqual({ missed: 0 });
      const stored = (await results(monitor.id)).filter((r) => r.at > new Date('2026-11-24T10:02:00Z'));
      expect(stored.map((r) => [r.at.toISOString(), r.ok, r.error])).toEqual([
        ['2026-11-24T10:03:00.000Z', false, 'no beat received'],
        ['2026-11-24T10:04:00.000Z', false, 'no beat received'],
        ['2026-11-24T10:05:00.000Z', false, 'no beat received'],
      ]);
    });

    it('refuses a push URL for other monitor types', async () => {
      const http = await createMonitor(t.deps, system, { serviceId: dvsId, tenantId: null, name: 'DVS HTTP', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['lvrtc'], active: true });
      expect((await operator.post(`/api/v1/monitors/${http.id}/push-token`)).statusCode).toBe(409);
    });
  });

  describe('batches from agents', () => {
    it('stores many monitors’ results in one request, idempotently, audited once', async () => {
      const a = await createMonitor(t.deps, system, { serviceId: dvsId, tenantId: null, name: 'A', type: 'tcp', target: 'dvs.kopa.test:443', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['lvrtc', 'lnb'], active: true });
      const b = await createMonitor(t.deps, system, { serviceId: dvsId, tenantId: null, name: 'B', type: 'tcp', target: 'dvs.kopa.test:22', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['lnb'], active: true });
      const body = { results: [
        { monitorId: a.id, at: '2026-11-24T09:00:00Z', ok: true, location: 'lvrtc', latencyMs: 12 },
        { monitorId: a.id, at: '2026-11-24T09:00:00Z', ok: true, location: 'lnb', latencyMs: 15 },
        { monitorId: b.id, at: '2026-11-24T09:00:00Z', ok: false, location: 'lnb', error: 'ECONNREFUSED' },
      ] };
      expect((await operator.post('/api/v1/probe-results', body)).json()).toEqual({ accepted: 3, duplicates: 0, monitors: 2 });
      expect((await operator.post('/api/v1/probe-results', body)).json()).toEqual({ accepted: 0, duplicates: 3, monitors: 2 });
      const bad = await operator.post('/api/v1/probe-results', { results: [body.results[0], { ...body.results[2], location: 'lvrtc' }, { ...body.results[0], monitorId: '00000000-0000-4000-8000-000000000000' }] });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['results[1].location', 'results[2].monitorId']);
      const audited = (await operator.get('/api/v1/audit-events?action=probe_results.ingested')).json().items;
      expect(audited.filter((e: { entityType: string }) => e.entityType === 'probe_batch')).toHaveLength(2);
    });
  });

  describe('the outage watch', () => {
    let monitor: Monitor;

    it('confirms an outage of a critical monitor once: operators told, a P1 ticket per municipality using the service', async () => {
      monitor = await createMonitor(t.deps, system, { serviceId: dvsId, tenantId: null, name: 'DVS portāls', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['lvrtc'], active: true });
      now = new Date('2026-11-24T11:00:30Z');
      const record = (minute: number, ok: boolean) => ({ at: new Date(Date.parse('2026-11-24T10:50:00Z') + minute * MINUTE).toISOString(), ok, location: 'lvrtc' });
      await ingestProbeResults(t.deps, system, monitor.id, [record(8, true), record(9, false)]);
      expect(await watchOutages(t.deps)).toEqual({ confirmed: 0, ended: 0 }); // one failure is not an outage
      await ingestProbeResults(t.deps, system, monitor.id, [record(10, false)]);
      expect(await watchOutages(t.deps)).toEqual({ confirmed: 1, ended: 0 });
      expect(await watchOutages(t.deps)).toEqual({ confirmed: 0, ended: 0 });
      // Five demo municipalities use DVS today (Jelgava from 2027).
      const tickets = (await operator.get('/api/v1/tickets?status=open')).json().items.filter((x: { subject: string }) => x.subject.includes('darbības pārtraukums'));
      expect(tickets).toHaveLength(5);
      expect(new Set(tickets.map((x: { tenantId: string }) => x.tenantId)).size).toBe(5);
      expect(tickets.every((x: { priority: string; serviceId: string }) => x.priority === 'P1' && x.serviceId === dvsId)).toBe(true);
      const mail = (await outbox('email')).filter((m) => m.subject?.startsWith('[Kopa] Pārtraukums'));
      expect(mail.map((m) => m.recipient)).toEqual(['operators@rda.lv']);
      const hooks = (await outbox('webhook')).map((j) => ({ event: j.event, ...(j.payload as { body: { startedAt: string } }) }));
      expect(hooks.map((h) => [h.event, h.body.startedAt])).toEqual([['monitor.outage_confirmed', '2026-11-24T10:59:00.000Z']]);
    });

    it('shows each monitor’s state now and its latency in buckets', async () => {
      const health = (await operator.get('/api/v1/monitors/health')).json().items as { monitorId: string; state: string; since: string; lastCheckAt: string }[];
      expect(health.find((h) => h.monitorId === monitor.id)).toMatchObject({ state: 'down', since: '2026-11-24T10:59:00.000Z', lastCheckAt: '2026-11-24T11:00:00.000Z' });
      await ingestProbeResults(t.deps, system, monitor.id, [{ at: '2026-11-24T10:40:10Z', ok: true, location: 'lvrtc', latencyMs: 100 }, { at: '2026-11-24T10:41:10Z', ok: true, location: 'lvrtc', latencyMs: 300 }]);
      const series = (await operator.get(`/api/v1/monitors/${monitor.id}/latency?hours=1`)).json();
      // One hour in 288 buckets would be 12.5 s each: buckets are whole minutes, so 1 minute.
      expect(series.bucketMinutes).toBe(1);
      expect(series.points.find((p: { at: string }) => p.at === '2026-11-24T10:40:00.000Z')).toEqual({ at: '2026-11-24T10:40:00.000Z', avgLatencyMs: 100, maxLatencyMs: 100, checks: 1, failures: 0 });
      const day = (await operator.get(`/api/v1/monitors/${monitor.id}/latency`)).json();
      expect(day.bucketMinutes).toBe(5); // 24 h / 288
      // 10:40:10 and 10:41:10 share the 10:40 five-minute bucket: average 200, max 300.
      expect(day.points.find((p: { at: string }) => p.at === '2026-11-24T10:40:00.000Z')).toMatchObject({ avgLatencyMs: 200, maxLatencyMs: 300, checks: 2 });
      expect((await operator.get(`/api/v1/monitors/${monitor.id}/latency?hours=0`)).statusCode).toBe(400);
      // The list's sparklines come in one request, the same series for each monitor.
      const all = (await operator.get('/api/v1/monitors/latency')).json().items as { monitorId: string }[];
      const monitors = (await operator.get('/api/v1/monitors')).json().items as { id: string }[];
      expect(all.map((s) => s.monitorId).sort()).toEqual(monitors.map((m) => m.id).sort());
      expect(all.find((s) => s.monitorId === monitor.id)).toEqual(day);
      expect((await operator.get('/api/v1/monitors/latency?hours=745')).json().errors[0].field).toBe('hours');
    });

    it('closes the outage when the monitor recovers', async () => {
      now = new Date('2026-11-24T11:02:30Z');
      await ingestProbeResults(t.deps, system, monitor.id, [{ at: '2026-11-24T11:02:00Z', ok: true, location: 'lvrtc' }]);
      expect(await watchOutages(t.deps)).toEqual({ confirmed: 0, ended: 1 });
      const hooks = (await outbox('webhook')).map((j) => j.event);
      expect(hooks).toEqual(['monitor.outage_confirmed', 'monitor.outage_resolved']);
    });
  });
});
