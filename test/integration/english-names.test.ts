import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

type FieldError = { field: string; code: string; params?: Record<string, unknown> };
const errorsOf = (res: { json(): unknown }) => ((res.json() as { errors?: FieldError[] }).errors ?? []).map((e) => [e.field, e.code]);

describe.each(BACKENDS)('English variants of resource names and cost-pool descriptions on %s', (backend) => {
  let t: TestApp;
  let finance: Client;
  let operator: Client;
  let cesisAdmin: Client;

  beforeAll(async () => {
    t = await startTestApp(backend);
    [finance, operator, cesisAdmin] = await Promise.all(['finanses@rda.lv', 'operators@rda.lv', 'admin@cesis.lv'].map((e) => signIn(t.app, e))) as [Client, Client, Client];
  });
  afterAll(() => t.close());

  const resource = async (code: string) => ((await finance.get('/api/v1/resources?limit=100')).json().items as { code: string }[]).find((r) => r.code === code);

  it('creates a resource with or without an English name and reads it back; blank means none', async () => {
    const withEn = await operator.post('/api/v1/resources', { code: 'gpu_hour', name: 'GPU stundas', nameEn: '  GPU hours ', unit: 'GPU h', unitCode: 'HUR', kind: 'sum' });
    expect(withEn.statusCode, withEn.body).toBe(201);
    expect(withEn.json()).toMatchObject({ code: 'gpu_hour', name: 'GPU stundas', nameEn: 'GPU hours' });
    expect(await resource('gpu_hour')).toMatchObject({ name: 'GPU stundas', nameEn: 'GPU hours' });

    expect((await operator.post('/api/v1/resources', { code: 'tpu_hour', name: 'TPU stundas', unit: 'h', unitCode: 'HUR', kind: 'sum' })).json()).toMatchObject({ nameEn: null });
    expect((await operator.post('/api/v1/resources', { code: 'npu_hour', name: 'NPU stundas', nameEn: '   ', unit: 'h', unitCode: 'HUR', kind: 'sum' })).json()).toMatchObject({ nameEn: null });
    expect(await resource('vcpu_hour')).toMatchObject({ nameEn: null });
  });

  it('refuses an English name longer than the Latvian limit, naming the field and code', async () => {
    const long = await operator.post('/api/v1/resources', { code: 'long_hour', name: 'Garš', nameEn: 'x'.repeat(201), unit: 'h', unitCode: 'HUR', kind: 'sum' });
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(errorsOf(long)).toEqual([['nameEn', 'too_long']]);
    expect(await resource('long_hour')).toBeUndefined();
    const atLimit = await operator.post('/api/v1/resources', { code: 'limit_hour', name: 'Robeža', nameEn: 'x'.repeat(200), unit: 'h', unitCode: 'HUR', kind: 'sum' });
    expect(atLimit.statusCode).toBe(201);
  });

  it('renames a resource in both languages, audited; clearing the English name with null or blank', async () => {
    const renamed = await finance.patch('/api/v1/resources/vcpu_hour', { nameEn: 'Virtual CPU hours' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ code: 'vcpu_hour', name: 'Virtuālā procesora stundas (vCPU)', nameEn: 'Virtual CPU hours', unitCode: 'HUR' });
    expect((await finance.patch('/api/v1/resources/gpu_hour', { name: 'Grafisko procesoru stundas' })).json()).toMatchObject({ name: 'Grafisko procesoru stundas', nameEn: 'GPU hours' });
    expect((await finance.patch('/api/v1/resources/gpu_hour', { nameEn: null })).json()).toMatchObject({ nameEn: null });
    expect((await finance.patch('/api/v1/resources/tpu_hour', { nameEn: 'TPU hours' })).json()).toMatchObject({ nameEn: 'TPU hours' });
    expect((await finance.patch('/api/v1/resources/tpu_hour', { nameEn: ' ' })).json()).toMatchObject({ nameEn: null });
    expect(await resource('vcpu_hour')).toMatchObject({ nameEn: 'Virtual CPU hours' });

    expect(errorsOf(await finance.patch('/api/v1/resources/vcpu_hour', { nameEn: 'y'.repeat(201) }))).toEqual([['nameEn', 'too_long']]);
    expect(errorsOf(await finance.patch('/api/v1/resources/vcpu_hour', { name: '  ' }))).toEqual([['name', 'required']]);
    expect((await finance.patch('/api/v1/resources/vcpu_hour', {})).statusCode).toBe(400);
    expect((await finance.patch('/api/v1/resources/vcpu_hour', { unit: 'h' })).statusCode).toBe(400);
    expect((await finance.patch('/api/v1/resources/no_such', { nameEn: 'x' })).statusCode).toBe(404);
    expect((await cesisAdmin.patch('/api/v1/resources/vcpu_hour', { nameEn: 'Mine' })).statusCode).toBe(403);

    const events = ((await operator.get('/api/v1/audit-events?entityType=resource&entityId=vcpu_hour&limit=10')).json() as { items: { action: string; before: { nameEn: string | null }; after: { nameEn: string | null } }[] }).items;
    expect(events.map((e) => [e.action, e.before.nameEn, e.after.nameEn])).toEqual([['resource.renamed', null, 'Virtual CPU hours']]);
  });

  it('creates, corrects and reads a cost pool’s English description; too long is refused', async () => {
    const pool = (body: Record<string, unknown>) => finance.post('/api/v1/cost-pools', { month: '2026-10', amount: '100.00', currency: 'EUR', description: 'Administrēšana', ...body });
    const plain = await pool({});
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json()).toMatchObject({ description: 'Administrēšana', descriptionEn: null });
    const withEn = await pool({ descriptionEn: 'Administration' });
    expect(withEn.json()).toMatchObject({ description: 'Administrēšana', descriptionEn: 'Administration' });
    const id = (withEn.json() as { id: string }).id;

    const tooLong = await pool({ descriptionEn: 'z'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    expect(errorsOf(tooLong)).toEqual([['descriptionEn', 'too_long']]);
    expect(errorsOf(await finance.patch(`/api/v1/cost-pools/${id}`, { descriptionEn: 'z'.repeat(501) }))).toEqual([['descriptionEn', 'too_long']]);

    expect((await finance.patch(`/api/v1/cost-pools/${id}`, { amount: '90.00' })).json()).toMatchObject({ amount: '90.00', descriptionEn: 'Administration' });
    expect((await finance.patch(`/api/v1/cost-pools/${id}`, { descriptionEn: 'Platform administration' })).json()).toMatchObject({ descriptionEn: 'Platform administration' });
    const plainId = (plain.json() as { id: string }).id;
    expect((await finance.patch(`/api/v1/cost-pools/${plainId}`, { descriptionEn: 'Support' })).json()).toMatchObject({ description: 'Administrēšana', descriptionEn: 'Support' });
    expect((await finance.patch(`/api/v1/cost-pools/${plainId}`, { descriptionEn: null })).json()).toMatchObject({ descriptionEn: null });

    const listed = (await finance.get('/api/v1/cost-pools?month=2026-10')).json().items as { id: string; descriptionEn: string | null }[];
    expect(Object.fromEntries(listed.map((p) => [p.id, p.descriptionEn]))).toEqual({ [id]: 'Platform administration', [plainId]: null });

    const events = ((await operator.get(`/api/v1/audit-events?entityType=cost_pool&entityId=${id}&limit=10`)).json() as { items: { action: string; after: { descriptionEn: string | null } }[] }).items;
    expect(events.map((e) => e.after.descriptionEn).sort()).toEqual(['Administration', 'Administration', 'Platform administration']);
  });
});
