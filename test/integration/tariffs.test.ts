import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

interface TariffView { id: string; provider: string; resource: string; unitPrice: string; validFrom: string; validTo: string | null }
const fields = (res: { json(): unknown }) => ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

describe.each(BACKENDS)('providers, resources, tariffs and cost pools on %s', (backend) => {
  let t: TestApp;
  let finance: Client;
  let operator: Client;
  let desk: Client;
  let cesisAdmin: Client;
  let cesisUser: Client;

  beforeAll(async () => {
    t = await startTestApp(backend);
    [finance, operator, desk, cesisAdmin, cesisUser] = await Promise.all(['finanses@rda.lv', 'operators@rda.lv', 'dienests@rda.lv', 'admin@cesis.lv', 'lietotajs@cesis.lv'].map((e) => signIn(t.app, e))) as [Client, Client, Client, Client, Client];
  });
  afterAll(() => t.close());

  it('seeds the two federated-cloud providers and six resources with UN/ECE Rec. 20 unit codes', async () => {
    const providers = (await cesisAdmin.get('/api/v1/providers')).json().items as { code: string }[];
    expect(providers.map((p) => p.code)).toEqual(['LNB', 'LVRTC']);
    const resources = (await desk.get('/api/v1/resources')).json().items as { code: string; kind: string; unitCode: string; billable: boolean }[];
    expect(resources.map((r) => [r.code, r.kind, r.unitCode, r.billable])).toEqual([
      ['active_users', 'gauge', 'IE', false],
      ['backup_gb_month', 'sum', 'E34', true],
      ['egress_gb', 'sum', 'E34', true],
      ['ram_gb_hour', 'sum', 'HUR', true],
      ['storage_gb_month', 'sum', 'E34', true],
      ['vcpu_hour', 'sum', 'HUR', true],
    ]);
  });

  it('lets operators and finance add providers and resources, naming the wrong field otherwise', async () => {
    const created = await finance.post('/api/v1/providers', { code: 'BALTICOM', name: 'Baltcom datu centrs' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'BALTICOM', name: 'Baltcom datu centrs' });
    expect((await operator.post('/api/v1/providers', { code: 'BALTICOM', name: 'Otrs' })).statusCode).toBe(409);
    const bad = await finance.post('/api/v1/providers', { code: 'baltic com', name: 'X' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['code']);
    expect((await cesisAdmin.post('/api/v1/providers', { code: 'MINE', name: 'Mine' })).statusCode).toBe(403);
    expect((await desk.post('/api/v1/providers', { code: 'MINE', name: 'Mine' })).statusCode).toBe(403);

    const gpu = await operator.post('/api/v1/resources', { code: 'gpu_hour', name: 'GPU stundas', unit: 'GPU h', unitCode: 'HUR', kind: 'sum' });
    expect(gpu.statusCode).toBe(201);
    expect(gpu.json()).toMatchObject({ code: 'gpu_hour', unitCode: 'HUR', kind: 'sum', billable: true });
    const badResource = await operator.post('/api/v1/resources', { code: 'Gpu', name: 'x', unit: 'h', unitCode: 'hr', kind: 'sum' });
    expect(fields(badResource).sort()).toEqual(['code', 'unitCode']);
    expect(fields(await operator.post('/api/v1/resources', { code: 'gpu2', name: 'x', unit: 'h', unitCode: 'HUR', kind: 'level' }))).toEqual(['kind']);
  });

  it('adds tariffs; a new one closes the open-ended one before it on its start date', async () => {
    const first = await finance.post('/api/v1/tariffs', { provider: 'LNB', resource: 'storage_gb_month', unitPrice: '0.035', currency: 'EUR', validFrom: '2026-01-01' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ provider: 'LNB', resource: 'storage_gb_month', unitPrice: '0.035000', currency: 'EUR', validFrom: '2026-01-01', validTo: null });
    const second = await finance.post('/api/v1/tariffs', { provider: 'LNB', resource: 'storage_gb_month', unitPrice: '0.029999', currency: 'EUR', validFrom: '2026-07-01' });
    expect(second.statusCode).toBe(201);

    const all = (await cesisAdmin.get('/api/v1/tariffs?provider=LNB&resource=storage_gb_month')).json().items as TariffView[];
    expect(all.map((x) => [x.unitPrice, x.validFrom, x.validTo])).toEqual([
      ['0.035000', '2026-01-01', '2026-07-01'],
      ['0.029999', '2026-07-01', null],
    ]);
    const on = async (date: string) => ((await finance.get(`/api/v1/tariffs?provider=LNB&resource=storage_gb_month&on=${date}`)).json().items as TariffView[]).map((x) => x.unitPrice);
    expect(await on('2025-12-31')).toEqual([]);
    expect(await on('2026-06-30')).toEqual(['0.035000']);
    expect(await on('2026-07-01')).toEqual(['0.029999']);

    // An earlier, closed period fits before the first (validTo is exclusive) …
    expect((await finance.post('/api/v1/tariffs', { provider: 'LNB', resource: 'storage_gb_month', unitPrice: '0.04', currency: 'EUR', validFrom: '2025-01-01', validTo: '2026-01-01' })).statusCode).toBe(201);
    // … but one reaching into a tariff's period, or starting on the open one's first day, is a conflict.
    const overlap = await finance.post('/api/v1/tariffs', { provider: 'LNB', resource: 'storage_gb_month', unitPrice: '0.04', currency: 'EUR', validFrom: '2025-06-01', validTo: '2026-01-02' });
    expect(overlap.statusCode).toBe(409);
    expect(fields(overlap)).toEqual(['validFrom']);
    expect((await finance.post('/api/v1/tariffs', { provider: 'LNB', resource: 'storage_gb_month', unitPrice: '0.02', currency: 'EUR', validFrom: '2026-07-01' })).statusCode).toBe(409);
    expect((await finance.get('/api/v1/tariffs?provider=LNB&resource=storage_gb_month')).json().items).toHaveLength(3);
  });

  it('refuses bad tariffs with the field that is wrong, and non-finance roles', async () => {
    const post = (body: Record<string, unknown>) => finance.post('/api/v1/tariffs', { provider: 'LVRTC', resource: 'vcpu_hour', unitPrice: '0.01', currency: 'EUR', validFrom: '2026-01-01', ...body });
    expect(fields(await post({ unitPrice: '0.0123456' }))).toEqual(['unitPrice']);
    expect(fields(await post({ unitPrice: '-1' }))).toEqual(['unitPrice']);
    expect(fields(await post({ unitPrice: 0.01 }))).toEqual(['unitPrice']);
    expect(fields(await post({ currency: 'USD' }))).toEqual(['currency']);
    expect(fields(await post({ validFrom: '2026-02-30' }))).toEqual(['validFrom']);
    expect(fields(await post({ validTo: '2026-01-01' }))).toEqual(['validTo']);
    expect(fields(await post({ provider: 'AWS' }))).toEqual(['provider']);
    expect(fields(await post({ resource: 'active_users' }))).toEqual(['resource']);
    expect(fields(await post({ colour: 'blue' }))).toEqual(['colour']);
    expect((await post({ unitPrice: '0.0123456' })).statusCode).toBe(400);
    expect((await cesisAdmin.post('/api/v1/tariffs', { provider: 'LVRTC', resource: 'vcpu_hour', unitPrice: '0.01', currency: 'EUR', validFrom: '2026-01-01' })).statusCode).toBe(403);
    expect(fields(await finance.get('/api/v1/tariffs?on=tomorrow'))).toEqual(['on']);
    expect((await finance.get('/api/v1/tariffs?provider=LVRTC&resource=vcpu_hour')).json().items).toEqual([]);
  });

  it('never leaves two tariffs overlapping when several are added at the same moment: exactly one wins', async () => {
    const add = (validFrom: string, unitPrice: string) => finance.post('/api/v1/tariffs', { provider: 'LVRTC', resource: 'egress_gb', unitPrice, currency: 'EUR', validFrom });
    expect((await add('2026-01-01', '0.05')).statusCode).toBe(201);
    // Four new prices from the same day at once: the first to commit closes January's tariff on
    // 1 March; the others then start on the open tariff's first day, which is a conflict.
    const results = await Promise.all(['0.04', '0.041', '0.042', '0.043'].map((price) => add('2026-03-01', price)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const loser of results.filter((r) => r.statusCode === 409)) expect(loser.headers['content-type']).toContain('application/problem+json');
    const winner = results.find((r) => r.statusCode === 201)!.json() as TariffView;
    const rows = (await finance.get('/api/v1/tariffs?provider=LVRTC&resource=egress_gb')).json().items as TariffView[];
    expect(rows.map((x) => [x.validFrom, x.validTo, x.id])).toEqual([
      ['2026-01-01', '2026-03-01', expect.any(String)],
      ['2026-03-01', null, winner.id],
    ]);
  });

  it('keeps monthly cost pools with a driver (active_users by default)', async () => {
    const admin = await finance.post('/api/v1/cost-pools', { month: '2026-10', amount: '1000.00', currency: 'EUR', description: 'Platformas administrēšana' });
    expect(admin.statusCode).toBe(201);
    expect(admin.json()).toMatchObject({ month: '2026-10', amount: '1000.00', currency: 'EUR', description: 'Platformas administrēšana', driver: 'active_users' });
    expect((await operator.post('/api/v1/cost-pools', { month: '2026-10', amount: '1.5', currency: 'EUR', description: 'Licences', driver: 'even' })).json()).toMatchObject({ amount: '1.50', driver: 'even' });
    expect((await finance.post('/api/v1/cost-pools', { month: '2026-11', amount: '20', currency: 'EUR', description: 'Rezerves kopijas', driver: 'hosting_cost' })).statusCode).toBe(201);

    const october = (await cesisAdmin.get('/api/v1/cost-pools?month=2026-10')).json().items as { description: string }[];
    expect(october.map((p) => p.description)).toEqual(['Platformas administrēšana', 'Licences']);
    expect((await finance.get('/api/v1/cost-pools')).json().items).toHaveLength(3);

    const pool = (body: Record<string, unknown>) => finance.post('/api/v1/cost-pools', { month: '2026-10', amount: '10.00', currency: 'EUR', description: 'x', ...body });
    expect(fields(await pool({ month: '2026-13' }))).toEqual(['month']);
    expect(fields(await pool({ amount: '10.005' }))).toEqual(['amount']);
    expect(fields(await pool({ amount: 10 }))).toEqual(['amount']);
    expect(fields(await pool({ currency: 'eur' }))).toEqual(['currency']);
    expect(fields(await pool({ description: '   ' }))).toEqual(['description']);
    expect(fields(await pool({ driver: 'tickets' }))).toEqual(['driver']);
    expect(fields(await finance.get('/api/v1/cost-pools?month=October'))).toEqual(['month']);
    expect((await cesisAdmin.post('/api/v1/cost-pools', { month: '2026-10', amount: '1.00', currency: 'EUR', description: 'x' })).statusCode).toBe(403);
    expect((await cesisUser.get('/api/v1/cost-pools')).statusCode).toBe(403);
    expect((await finance.get('/api/v1/cost-pools')).json().items).toHaveLength(3);
  });

  it('writes an audit event for every change, the closing of a tariff included', async () => {
    const actions = async (entityType: string) => ((await operator.get(`/api/v1/audit-events?entityType=${entityType}&limit=100`)).json() as { items: { action: string; before: unknown }[] }).items.map((e) => e.action);
    const tariffEvents = await actions('tariff');
    expect(tariffEvents.filter((a) => a === 'tariff.created').length).toBeGreaterThanOrEqual(4);
    expect(tariffEvents).toContain('tariff.closed');
    expect(await actions('provider')).toEqual(['provider.created']);
    expect(await actions('resource')).toEqual(['resource.created']);
    expect(await actions('cost_pool')).toEqual(['cost_pool.created', 'cost_pool.created', 'cost_pool.created']);
  });

  it('corrects and removes a cost pool, audited, telling whether the month was invoiced', async () => {
    const created = (await finance.post('/api/v1/cost-pools', { month: '2026-12', amount: '500.00', currency: 'EUR', description: 'Drošības audits' })).json() as { id: string };
    const fixed = await finance.patch(`/api/v1/cost-pools/${created.id}`, { amount: '450.5', driver: 'even' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ id: created.id, month: '2026-12', amount: '450.50', driver: 'even', description: 'Drošības audits', monthInvoiced: false });
    expect(fields(await finance.patch(`/api/v1/cost-pools/${created.id}`, { amount: '-1' }))).toEqual(['amount']);
    expect((await finance.patch(`/api/v1/cost-pools/${created.id}`, {})).statusCode).toBe(400);
    expect((await finance.patch(`/api/v1/cost-pools/${created.id}`, { month: '2027-01' })).statusCode).toBe(400);
    expect((await cesisAdmin.patch(`/api/v1/cost-pools/${created.id}`, { amount: '1.00' })).statusCode).toBe(403);
    expect((await finance.patch('/api/v1/cost-pools/00000000-0000-4000-8000-000000000000', { amount: '1.00' })).statusCode).toBe(404);
    expect((await finance.get('/api/v1/cost-pools?month=2026-12')).json().items).toEqual([expect.objectContaining({ amount: '450.50' })]);

    expect((await operator.delete(`/api/v1/cost-pools/${created.id}`)).json()).toEqual({ monthInvoiced: false });
    expect((await finance.get('/api/v1/cost-pools?month=2026-12')).json().items).toEqual([]);
    expect((await operator.delete(`/api/v1/cost-pools/${created.id}`)).statusCode).toBe(404);
    const events = ((await operator.get(`/api/v1/audit-events?entityType=cost_pool&entityId=${created.id}&limit=10`)).json() as { items: { action: string }[] }).items.map((e) => e.action);
    expect(events.sort()).toEqual(['cost_pool.created', 'cost_pool.removed', 'cost_pool.updated']);
  });
});
