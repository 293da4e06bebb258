import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('service catalogue and subscriptions on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let cesisAdmin: Client;
  let cesisId: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signIn(t.app, 'operators@rda.lv');
    cesisAdmin = await signIn(t.app, 'admin@cesis.lv');
    cesisId = (await cesisAdmin.get('/api/v1/tenants')).json().items[0].id;
  });
  afterAll(() => t.close());

  it('adds a service with the contract fields and lists it for everyone', async () => {
    const res = await operator.post('/api/v1/services', { code: 'BIB', name: 'Bibliotēku informācijas sistēma', description: 'Krājuma uzskaite', critical: true });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'BIB', name: { lv: 'Bibliotēku informācijas sistēma', en: null }, critical: true, legalBasis: [] });
    const codes = (await cesisAdmin.get('/api/v1/services')).json().items.map((s: { code: string }) => s.code);
    expect(codes).toEqual(['BIB', 'DVS', 'EPAK', 'GIS']);
  });

  it('subscribes a municipality from a date and refuses an overlapping second subscription', async () => {
    const bib = (await operator.get('/api/v1/services')).json().items.find((s: { code: string }) => s.code === 'BIB');
    const first = await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId: bib.id, from: '2027-01-01', mode: 'own_instance' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ serviceId: bib.id, from: '2027-01-01', to: null, mode: 'own_instance' });
    const overlap = await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId: bib.id, from: '2027-06-01' });
    expect(overlap.statusCode).toBe(409);
    const mine = (await cesisAdmin.get(`/api/v1/tenants/${cesisId}/subscriptions`)).json().items;
    expect(mine).toHaveLength(4); // three demo services and the new one
  });

  it('ends a subscription on a day and refuses an end that overlaps a later one', async () => {
    const gis = (await operator.get('/api/v1/services')).json().items.find((s: { code: string }) => s.code === 'GIS');
    const current = (await operator.get(`/api/v1/tenants/${cesisId}/subscriptions`)).json().items.find((s: { serviceId: string }) => s.serviceId === gis.id);
    const ended = await operator.patch(`/api/v1/tenants/${cesisId}/subscriptions/${current.id}`, { to: '2026-12-31' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ id: current.id, to: '2026-12-31' });
    expect((await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId: gis.id, from: '2027-02-01', mode: 'own_instance' })).statusCode).toBe(201);
    const reopen = await operator.patch(`/api/v1/tenants/${cesisId}/subscriptions/${current.id}`, { to: null });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().errors).toEqual([{ field: 'to', code: 'overlaps', params: {}, message: 'overlaps a later subscription to the same service' }]);
    expect((await operator.patch(`/api/v1/tenants/${cesisId}/subscriptions/${current.id}`, { to: '1999-01-01' })).statusCode).toBe(400);
    expect((await cesisAdmin.patch(`/api/v1/tenants/${cesisId}/subscriptions/${current.id}`, { to: '2026-12-30' })).statusCode).toBe(403);
  });

  it('refuses bad input, non-operators and unknown services', async () => {
    expect((await cesisAdmin.post('/api/v1/services', { code: 'X', name: 'X' })).statusCode).toBe(403);
    const bad = await operator.post('/api/v1/services', { code: 'bad code', name: 'X', legalBasis: [{ title: 'Likums', url: 'likumi.lv' }] });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['code', 'legalBasis[0].url']);
    expect((await operator.post('/api/v1/services', { code: 'DVS', name: 'Dublikāts' })).statusCode).toBe(409);
    const unknown = await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.json().errors[0].field).toBe('serviceId');
    const ticket = await cesisAdmin.post('/api/v1/tickets', { serviceId: '00000000-0000-4000-8000-000000000000', priority: 'P3', subject: 'x', description: 'y' });
    expect(ticket.statusCode).toBe(400);
    expect(ticket.json().errors[0].field).toBe('serviceId');
  });
});
