import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { bearer, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const fields = (res: { json(): { errors?: { field: string }[] } }) => (res.json().errors ?? []).map((e) => e.field).sort();

describe.each(BACKENDS)('monitors, probe results and maintenance on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let desk: Client;
  let cesisAdmin: Client;
  let cesisId: string;
  let siguldaId: string;
  let dvsId: string;
  let gisId: string;
  let monitorId: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => NOW });
    operator = await signIn(t.app, 'operators@rda.lv');
    desk = await signIn(t.app, 'dienests@rda.lv');
    cesisAdmin = await signIn(t.app, 'admin@cesis.lv');
    cesisId = (await cesisAdmin.get('/api/v1/tenants')).json().items[0].id;
    siguldaId = (await (await signIn(t.app, 'admin@sigulda.lv')).get('/api/v1/tenants')).json().items[0].id;
    const services = (await operator.get('/api/v1/services')).json().items as { id: string; code: string }[];
    dvsId = services.find((s) => s.code === 'DVS')!.id;
    gisId = services.find((s) => s.code === 'GIS')!.id;
  });
  afterAll(() => t.close());

  it('adds a monitor with the contract fields and defaults, and audits it', async () => {
    const res = await operator.post('/api/v1/monitors', {
      serviceId: dvsId, name: 'DVS sākumlapa', type: 'http', target: 'https://dvs.example.lv/health', intervalSeconds: 60, locations: ['lvrtc', 'lnb'],
      config: { expectedStatus: [200, 204], keyword: 'ok', certExpiryDays: 21 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const monitor = res.json();
    monitorId = monitor.id;
    expect(res.headers.location).toBe(`/api/v1/monitors/${monitorId}`);
    expect(monitor).toMatchObject({ serviceId: dvsId, tenantId: null, type: 'http', intervalSeconds: 60, timeoutMs: 10_000, failuresToConfirm: 2, critical: true, active: true, locations: ['lvrtc', 'lnb'], config: { expectedStatus: [200, 204], keyword: 'ok', certExpiryDays: 21 } });
    // A 10-second monitor gets a 5-second timeout by default, not one as long as its interval.
    const fast = await operator.post('/api/v1/monitors', { serviceId: gisId, name: 'GIS ports', type: 'tcp', target: 'gis.example.lv:443', intervalSeconds: 10, critical: false });
    expect(fast.json()).toMatchObject({ timeoutMs: 5000, locations: ['local'], critical: false });
    expect((await operator.get(`/api/v1/monitors/${monitorId}`)).json()).toEqual(monitor);
    const audit = (await operator.get(`/api/v1/audit-events?entityId=${monitorId}`)).json();
    expect((Array.isArray(audit) ? audit : audit.items).map((e: { action: string }) => e.action)).toContain('monitor.created');
  });

  it('lists monitors by service and by location (what probe agents ask for)', async () => {
    const push = await operator.post('/api/v1/monitors', { serviceId: gisId, tenantId: siguldaId, name: 'Siguldas GIS imports', type: 'push', intervalSeconds: 3600, locations: ['push'] });
    expect(push.statusCode, push.body).toBe(201);
    const names = async (client: Client, query = '') => ((await client.get(`/api/v1/monitors${query}`)).json().items as { name: string }[]).map((m) => m.name).sort();
    expect(await names(operator)).toEqual(['DVS sākumlapa', 'GIS ports', 'Siguldas GIS imports']);
    expect(await names(operator, '?location=lnb')).toEqual(['DVS sākumlapa']);
    expect(await names(operator, `?serviceId=${gisId}`)).toEqual(['GIS ports', 'Siguldas GIS imports']);
    // Cēsis sees shared monitors, not Sigulda's own instance.
    expect(await names(cesisAdmin)).toEqual(['DVS sākumlapa', 'GIS ports']);
    expect((await cesisAdmin.get(`/api/v1/monitors/${push.json().id}`)).statusCode).toBe(404);
  });

  it('pauses and edits a monitor, but not how its results are judged', async () => {
    const paused = await operator.patch(`/api/v1/monitors/${monitorId}`, { active: false });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ active: false, name: 'DVS sākumlapa' });
    const edited = await operator.patch(`/api/v1/monitors/${monitorId}`, { active: true, name: ' DVS veselība ', timeoutMs: 5000, config: { keyword: 'darbojas' } });
    expect(edited.json()).toMatchObject({ active: true, name: 'DVS veselība', timeoutMs: 5000, config: { keyword: 'darbojas' }, intervalSeconds: 60 });
    const interval = await operator.patch(`/api/v1/monitors/${monitorId}`, { intervalSeconds: 30 });
    expect(interval.statusCode).toBe(400);
    expect(fields(interval)).toEqual(['intervalSeconds']);
    expect(fields(await operator.patch(`/api/v1/monitors/${monitorId}`, { target: 'ftp://dvs' }))).toEqual(['target']);
    expect(fields(await operator.patch(`/api/v1/monitors/${monitorId}`, { timeoutMs: 60_000 }))).toEqual(['timeoutMs']);
    expect((await operator.patch(`/api/v1/monitors/${monitorId}`, {})).statusCode).toBe(400);
    expect((await cesisAdmin.patch(`/api/v1/monitors/${monitorId}`, { active: false })).statusCode).toBe(403);
    expect((await operator.patch('/api/v1/monitors/00000000-0000-4000-8000-000000000000', { active: false })).statusCode).toBe(404);
    const audit = (await operator.get(`/api/v1/audit-events?entityId=${monitorId}`)).json();
    expect((Array.isArray(audit) ? audit : audit.items).map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['monitor.paused', 'monitor.updated']));
  });

  it('refuses a bad monitor with a problem naming each wrong field', async () => {
    const post = (body: Record<string, unknown>) => operator.post('/api/v1/monitors', { serviceId: dvsId, name: 'X', type: 'http', target: 'https://x.lv/', intervalSeconds: 60, ...body });
    const cases: [Record<string, unknown>, string[]][] = [
      [{ type: 'ftp' }, ['type']],
      [{ intervalSeconds: 5 }, ['intervalSeconds']],
      [{ intervalSeconds: '60' }, ['intervalSeconds']],
      [{ target: 'x.lv' }, ['target']],
      [{ type: 'tcp', target: 'x.lv' }, ['target']],
      [{ type: 'push', target: 'https://x.lv/' }, ['target']],
      [{ timeoutMs: 60_000 }, ['timeoutMs']],
      [{ failuresToConfirm: 0 }, ['failuresToConfirm']],
      [{ locations: ['LVRTC!'] }, ['locations[0]']],
      [{ locations: ['lnb', 'lnb'] }, ['locations']],
      [{ config: { keywrd: 'ok' } }, ['config.keywrd']],
      [{ serviceId: '00000000-0000-4000-8000-000000000000' }, ['serviceId']],
      [{ tenantId: '00000000-0000-4000-8000-000000000000' }, ['tenantId']],
      [{ name: '' }, ['name']],
      [{ colour: 'red' }, ['colour']],
    ];
    for (const [body, expected] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(res), JSON.stringify(body)).toEqual(expected);
    }
    expect(fields(await operator.post('/api/v1/monitors', { name: 'X' }))).toEqual(['intervalSeconds', 'serviceId', 'type']);
    expect((await cesisAdmin.post('/api/v1/monitors', { serviceId: dvsId, name: 'X', type: 'http', target: 'https://x.lv/', intervalSeconds: 60 })).statusCode).toBe(403);
    expect((await operator.get('/api/v1/monitors?location=LNB%20x&colour=red')).statusCode).toBe(400);
  });

  it('stores a batch of results through unnest arrays, idempotently', async () => {
    // 10,000 results: 5,000 a location, every minute from 2026-11-10T00:00Z; the 61st of lnb fails.
    const start = Date.parse('2026-11-10T00:00:00Z');
    const batch = ['lvrtc', 'lnb'].flatMap((location) =>
      Array.from({ length: 5000 }, (_, i) => ({ at: new Date(start + i * 60_000).toISOString(), ok: !(location === 'lnb' && i === 60), location, latencyMs: 100 + (i % 50), ...(location === 'lnb' && i === 60 && { error: 'HTTP 503' }) })),
    );
    const first = await operator.post(`/api/v1/monitors/${monitorId}/results`, { results: batch });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ accepted: 10_000, duplicates: 0 });
    const again = await operator.post(`/api/v1/monitors/${monitorId}/results`, { results: batch });
    expect(again.json()).toEqual({ accepted: 0, duplicates: 10_000 });
    // Part new, part old: only the new ones are stored.
    const mixed = [batch[0]!, { at: '2026-11-20T11:00:00+02:00', ok: true, location: 'lvrtc' }, { at: '2026-11-20T09:01:00Z', ok: true }];
    expect((await operator.post(`/api/v1/monitors/${monitorId}/results`, { results: mixed })).json()).toEqual({ accepted: 2, duplicates: 1 });
    const rows = (await t.database.ownerQuery(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT ok)::int AS failed, min(latency_ms)::int AS min, max(latency_ms)::int AS max, max(error) AS error FROM probe_results WHERE monitor_id = '${monitorId}'`,
    )) as { n: number; failed: number; min: number; max: number; error: string }[];
    expect(rows[0]).toEqual({ n: 10_002, failed: 1, min: 100, max: 149, error: 'HTTP 503' });
    // A result without a location goes to the monitor's first one; +02:00 is read as the instant it names.
    const located = (await t.database.ownerQuery(`SELECT location, at FROM probe_results WHERE monitor_id = '${monitorId}' AND at >= '2026-11-20T00:00:00Z' ORDER BY at`)) as { location: string; at: Date | string }[];
    expect(located.map((r) => [r.location, new Date(r.at).toISOString()])).toEqual([['lvrtc', '2026-11-20T09:00:00.000Z'], ['lvrtc', '2026-11-20T09:01:00.000Z']]);
    const audit = (await operator.get(`/api/v1/audit-events?action=probe_results.ingested&entityId=${monitorId}`)).json();
    expect((Array.isArray(audit) ? audit : audit.items).length).toBe(3);
  }, 60_000);

  it('takes a full batch of 10,000 with error texts, well over a megabyte', async () => {
    const id = (await operator.post('/api/v1/monitors', { serviceId: gisId, name: 'GIS karšu serviss', type: 'http', target: 'https://gis.example.lv/wms', intervalSeconds: 60, locations: ['lvrtc'] })).json().id;
    const results = Array.from({ length: 10_000 }, (_, i) => ({ at: new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString(), ok: false, latencyMs: 10_000, error: `timeout after 10000 ms: ${'ļ'.repeat(180)}` }));
    expect(JSON.stringify({ results }).length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await operator.post(`/api/v1/monitors/${id}/results`, { results });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toEqual({ accepted: 10_000, duplicates: 0 });
  }, 60_000);

  it('takes concurrent batches that all need a new month partition', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await operator.post('/api/v1/monitors', { serviceId: gisId, name: `GIS mezgls ${i}`, type: 'tcp', target: `gis-${i}.example.lv:443`, intervalSeconds: 60, locations: ['lnb'] })).json().id);
    // August 2026 has no partition yet; six transactions create it at once.
    const answers = await Promise.all(ids.map((id) => operator.post(`/api/v1/monitors/${id}/results`, { results: [{ at: '2026-08-15T10:00:00Z', ok: true }, { at: '2026-08-15T10:01:00Z', ok: false }] })));
    expect(answers.map((a) => [a.statusCode, a.json()])).toEqual(ids.map(() => [200, { accepted: 2, duplicates: 0 }]));
  });

  it('refuses bad results, all or nothing, naming the result and field', async () => {
    const post = (results: unknown[], id = monitorId) => operator.post(`/api/v1/monitors/${id}/results`, { results });
    const ok = { at: '2026-11-19T10:00:00Z', ok: true, location: 'lvrtc' };
    expect(fields(await post([ok, { ...ok, at: 'vakar' }]))).toEqual(['results[1].at']);
    expect(fields(await post([{ ...ok, at: '2026-11-19T10:00:00' }]))).toEqual(['results[0].at']);
    expect(fields(await post([{ ...ok, at: '2026-11-20T12:30:00Z' }]))).toEqual(['results[0].at']); // in the future
    expect(fields(await post([{ ...ok, location: 'riga' }]))).toEqual(['results[0].location']);
    expect(fields(await post([{ ...ok, ok: 'yes' }]))).toEqual(['results.0.ok']);
    expect(fields(await post([{ ...ok, latencyMs: -1 }]))).toEqual(['results.0.latencyMs']);
    expect(fields(await post([{ at: ok.at }]))).toEqual(['results.0.ok']);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ at: new Date(Date.parse('2026-11-01T00:00:00Z') + i * 1000).toISOString(), ok: true }));
    const big = await post(tooMany);
    expect(big.statusCode).toBe(400);
    expect(fields(big)).toEqual(['results']);
    expect(fields(await operator.post(`/api/v1/monitors/${monitorId}/results`, {}))).toEqual(['results']);
    // Nothing of a refused batch was stored.
    const rows = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM probe_results WHERE monitor_id = '${monitorId}' AND at = '2026-11-19T10:00:00Z'`)) as { n: number }[];
    expect(rows[0]!.n).toBe(0);
    expect((await post([ok], '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await post([ok], 'nav-id')).statusCode).toBe(404);
    expect((await cesisAdmin.post(`/api/v1/monitors/${monitorId}/results`, { results: [ok] })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/monitors/${monitorId}/results`, payload: { results: [ok] } })).statusCode).toBe(401);
  });

  it('accepts results from a probe agent token', async () => {
    const token = await operator.post('/api/v1/tokens', { name: 'LNB aģents', role: 'operator' });
    expect(token.statusCode, token.body).toBe(201);
    const agent = bearer(t.app, token.json().token);
    const assigned = (await agent.get('/api/v1/monitors?location=lnb')).json().items as { id: string; locations: string[] }[];
    expect(assigned).toHaveLength(7); // the DVS monitor and the six GIS nodes
    expect(assigned.map((m) => m.id)).toContain(monitorId);
    expect(assigned.every((m) => m.locations.includes('lnb'))).toBe(true);
    const res = await agent.post(`/api/v1/monitors/${monitorId}/results`, { results: [{ at: '2026-11-20T11:59:00Z', ok: true, location: 'lnb', latencyMs: 87 }] });
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('announces maintenance; an earlier announcement is an operator’s, and audited', async () => {
    const announced = await desk.post('/api/v1/maintenance-windows', { serviceIds: [dvsId, gisId], startsAt: '2026-11-25T18:00:00Z', endsAt: '2026-11-25T20:00:00Z', title: ' DVS un GIS atjaunināšana ', description: 'Pārstartēšana' });
    expect(announced.statusCode, announced.body).toBe(201);
    expect(announced.json()).toMatchObject({ title: 'DVS un GIS atjaunināšana', announcedAt: null, announcementStatus: 'no_recipients', serviceIds: [dvsId, gisId], createdBy: expect.any(String) });
    const history = await operator.post('/api/v1/maintenance-windows', { serviceIds: [dvsId], startsAt: '2026-11-04T00:00:00Z', endsAt: '2026-11-04T02:00:00Z', title: 'Vēsturiska apkope', announcedAt: '2026-10-20T09:00:00Z' });
    expect(history.statusCode, history.body).toBe(201);
    expect(history.json().announcedAt).toBe('2026-10-20T09:00:00.000Z');
    const audit = (await operator.get(`/api/v1/audit-events?entityId=${history.json().id}`)).json();
    expect((Array.isArray(audit) ? audit : audit.items).map((e: { action: string }) => e.action)).toEqual(['maintenance.recorded_with_announcement']);

    const titles = async (client: Client, query: string) => ((await client.get(`/api/v1/maintenance-windows${query}`)).json().items as { title: string }[]).map((w) => w.title);
    expect(await titles(cesisAdmin, '')).toEqual(['Vēsturiska apkope', 'DVS un GIS atjaunināšana']); // default: 30 days back, 90 ahead
    expect(await titles(operator, '?from=2026-11-15T00:00:00Z&to=2026-12-01T00:00:00Z')).toEqual(['DVS un GIS atjaunināšana']);
    expect(await titles(operator, '?from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z')).toEqual([]);
    expect(await titles(operator, `?serviceId=${gisId}&from=2026-09-01T00:00:00Z&to=2026-12-01T00:00:00Z`)).toEqual(['DVS un GIS atjaunināšana']);
  });

  it('refuses bad maintenance with a problem naming the field', async () => {
    const post = (client: Client, body: Record<string, unknown>) =>
      client.post('/api/v1/maintenance-windows', { serviceIds: [dvsId], startsAt: '2026-11-25T18:00:00Z', endsAt: '2026-11-25T20:00:00Z', title: 'Apkope', ...body });
    expect(fields(await post(operator, { endsAt: '2026-11-25T17:00:00Z' }))).toEqual(['endsAt']);
    expect(fields(await post(operator, { startsAt: 'rīt' }))).toEqual(['startsAt']);
    expect(fields(await post(operator, { serviceIds: [] }))).toEqual(['serviceIds']);
    expect(fields(await post(operator, { serviceIds: [dvsId, dvsId] }))).toEqual(['serviceIds']);
    expect(fields(await post(operator, { serviceIds: ['00000000-0000-4000-8000-000000000000'] }))).toEqual(['serviceIds[0]']);
    expect(fields(await post(operator, { announcedAt: '2026-11-21T00:00:00Z' }))).toEqual(['announcedAt']);
    expect(fields(await post(desk, { announcedAt: '2026-11-01T00:00:00Z' }))).toEqual(['announcedAt']);
    expect(fields(await post(operator, { title: '' }))).toEqual(['title']);
    expect((await post(cesisAdmin, {})).statusCode).toBe(403);
    expect(fields(await operator.get('/api/v1/maintenance-windows?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z'))).toEqual(['to']);
    expect(fields(await operator.get('/api/v1/maintenance-windows?from=yesterday'))).toEqual(['from']);
    // Nothing half-written: the refused windows are not listed.
    expect(((await operator.get('/api/v1/maintenance-windows?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z')).json().items as { title: string }[]).map((w) => w.title)).toEqual(['DVS un GIS atjaunināšana']);
  });

  it('refuses bad SLA exclusions and keeps them to operators', async () => {
    const post = (client: Client, body: Record<string, unknown>) =>
      client.post('/api/v1/sla-exclusions', { serviceId: dvsId, startsAt: '2026-11-10T00:00:00Z', endsAt: '2026-11-10T01:00:00Z', reason: 'Zondes kļūme', ...body });
    expect(fields(await post(operator, { startsAt: '2026-11-21T00:00:00Z', endsAt: '2026-11-22T00:00:00Z' }))).toEqual(['startsAt']);
    expect(fields(await post(operator, { endsAt: '2026-11-10T00:00:00Z' }))).toEqual(['endsAt']);
    expect(fields(await post(operator, { reason: '' }))).toEqual(['reason']);
    expect(fields(await post(operator, { serviceId: '00000000-0000-4000-8000-000000000000' }))).toEqual(['serviceId']);
    expect(fields(await post(operator, { tenantId: 'cesis' }))).toEqual(['tenantId']);
    expect(fields(await post(operator, { until: 'later' }))).toEqual(['until']);
    expect((await post(desk, {})).statusCode).toBe(403);
    expect((await post(cesisAdmin, { tenantId: cesisId })).statusCode).toBe(403);
    const created = await post(operator, { tenantId: cesisId });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ serviceId: dvsId, tenantId: cesisId, reason: 'Zondes kļūme', startsAt: '2026-11-10T00:00:00.000Z', endsAt: '2026-11-10T01:00:00.000Z' });
    expect(((await operator.get('/api/v1/sla-exclusions')).json().items as { id: string }[]).map((e) => e.id)).toEqual([created.json().id]);
    expect((await (await signIn(t.app, 'admin@sigulda.lv')).get('/api/v1/sla-exclusions')).json().items).toEqual([]);
  });
});
