import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

let now = new Date('2026-11-24T09:00:00Z');

describe.each(BACKENDS)('status page incidents on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let agent: Client;
  let dvsId: string;
  let gisId: string;
  let incidentId: string;
  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    now = new Date('2026-11-24T09:00:00Z');
    t = await startTestApp(backend, { now: () => now });
    operator = await signIn(t.app, 'operators@rda.lv');
    agent = await signIn(t.app, 'dienests@rda.lv');
    const services: { id: string; code: string }[] = (await operator.get('/api/v1/services')).json().items;
    dvsId = services.find((s) => s.code === 'DVS')!.id;
    gisId = services.find((s) => s.code === 'GIS')!.id;
  });
  afterAll(() => t.close());

  it('opens an incident with its first update, readable without signing in', async () => {
    const res = await operator.post('/api/v1/incidents', { title: 'DVS lēni atver dokumentus', impact: 'major', serviceIds: [dvsId], message: 'Izmeklējam lēnu dokumentu atvēršanu.', startedAt: '2026-11-24T08:40:00Z' });
    expect(res.statusCode).toBe(201);
    const incident = res.json();
    incidentId = incident.id;
    expect(incident).toMatchObject({ status: 'investigating', impact: 'major', serviceIds: [dvsId], startedAt: '2026-11-24T08:40:00.000Z', resolvedAt: null });
    expect(incident.updates).toEqual([expect.objectContaining({ status: 'investigating', message: 'Izmeklējam lēnu dokumentu atvēršanu.', at: '2026-11-24T09:00:00.000Z' })]);
    const open = await anonymous('/api/v1/incidents');
    expect(open.statusCode).toBe(200);
    expect(open.json().items.map((i: { id: string }) => i.id)).toEqual([incidentId]);
    expect((await anonymous(`/api/v1/incidents/${incidentId}`)).json().title).toBe('DVS lēni atver dokumentus');
  });

  it('posts updates in any order until resolved, then refuses more', async () => {
    now = new Date('2026-11-24T09:20:00Z');
    expect((await agent.post(`/api/v1/incidents/${incidentId}/updates`, { status: 'identified', message: 'Pārpildīts failu krātuves disks.' })).statusCode).toBe(201);
    now = new Date('2026-11-24T10:05:00Z');
    const resolved = await operator.post(`/api/v1/incidents/${incidentId}/updates`, { status: 'resolved', message: 'Disks paplašināts, darbība atjaunota.' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-24T10:05:00.000Z' });
    expect(resolved.json().updates.map((u: { status: string }) => u.status)).toEqual(['investigating', 'identified', 'resolved']);
    const again = await operator.post(`/api/v1/incidents/${incidentId}/updates`, { status: 'monitoring', message: 'Vēl viens' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ field: 'status', code: 'incident_resolved', params: {}, message: 'the incident is already resolved' }]);
  });

  it('keeps resolved incidents on the page for the days asked', async () => {
    now = new Date('2026-11-28T10:00:00Z'); // four days later
    expect((await anonymous('/api/v1/incidents')).json().items).toHaveLength(1);
    expect((await anonymous('/api/v1/incidents?days=3')).json().items).toHaveLength(0);
    expect((await anonymous(`/api/v1/incidents?days=7&serviceId=${gisId}`)).json().items).toHaveLength(0);
  });

  it('leaves writing to agency staff and audits it', async () => {
    operator = await signIn(t.app, 'operators@rda.lv'); // the clock moved past the earlier session
    const tenantAdmin = await signIn(t.app, 'admin@cesis.lv');
    expect((await tenantAdmin.post('/api/v1/incidents', { title: 'x', impact: 'minor', serviceIds: [dvsId], message: 'x' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/incidents', payload: { title: 'x' } })).statusCode).toBe(401);
    const actions = (await operator.get('/api/v1/audit-events?entityType=incident')).json().items.map((e: { action: string }) => e.action);
    expect(actions.sort()).toEqual(['incident.opened', 'incident.updated', 'incident.updated']);
  });

  it('names the field of bad input and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ title: '', impact: 'minor', serviceIds: [dvsId], message: 'x' }, 'title'],
      [{ title: 'x', impact: 'huge', serviceIds: [dvsId], message: 'x' }, 'impact'],
      [{ title: 'x', impact: 'minor', serviceIds: [], message: 'x' }, 'serviceIds'],
      [{ title: 'x', impact: 'minor', serviceIds: ['00000000-0000-4000-8000-000000000000'], message: 'x' }, 'serviceIds[0]'],
      [{ title: 'x', impact: 'minor', serviceIds: [dvsId], message: 'x', startedAt: '2027-01-01T00:00:00Z' }, 'startedAt'],
      [{ title: 'x', impact: 'minor', serviceIds: [dvsId, dvsId], message: 'x' }, 'serviceIds'],
    ];
    for (const [body, field] of cases) {
      const res = await operator.post('/api/v1/incidents', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await anonymous('/api/v1/incidents?days=90')).json().items).toHaveLength(1);
    expect((await anonymous('/api/v1/incidents/not-an-id')).statusCode).toBe(404);
  });
});
