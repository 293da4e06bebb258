import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/app/demo/seed-demo-data.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { trxOf } from '../../src/db/tx.js';
import { argon2Hasher } from '../../src/main/runtime.js';
import { BACKENDS } from '../support/database.js';
import { kopaCommand } from '../support/kopa-command.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

interface Report { accepted: number; duplicates: number; rejected: { index: number; id: string | null; errors: { field: string; message: string }[] }[] }
const fieldsOf = (report: Report) => report.rejected.map((r) => [r.index, r.errors.map((e) => e.field)]);

describe.each(BACKENDS)('usage ingestion on %s', (backend) => {
  let t: TestApp;
  let finance: Client;
  let operator: Client;
  let cesisAdmin: Client;
  let cesisUser: Client;
  let cesis: string;
  let sigulda: string;

  const rec = (id: string, over: Record<string, unknown> = {}) => ({ id, tenantId: cesis, provider: 'LVRTC', resource: 'vcpu_hour', quantity: '12.5', periodStart: '2026-10-05T00:00:00Z', periodEnd: '2026-10-05T01:00:00Z', ...over });
  const send = async (records: unknown[], client = finance) => {
    const res = await client.post('/api/v1/usage', { records });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  const totals = async (client: Client, query: string) => {
    const res = await client.get(`/api/v1/usage?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { tenantId: string; provider: string; resource: string; quantity: string; records: number }[]).map((r) => [r.tenantId === cesis ? 'cesis' : r.tenantId === sigulda ? 'sigulda' : r.tenantId, r.provider, r.resource, r.quantity, r.records]);
  };
  const storedRows = async () => ((await t.database.ownerQuery('SELECT count(*)::int AS n FROM usage_records')) as { n: number }[])[0]!.n;

  beforeAll(async () => {
    t = await startTestApp(backend);
    [finance, operator, cesisAdmin, cesisUser] = await Promise.all(['finanses@rda.lv', 'operators@rda.lv', 'admin@cesis.lv', 'lietotajs@cesis.lv'].map((e) => signIn(t.app, e))) as [Client, Client, Client, Client];
    const tenants = (await finance.get('/api/v1/tenants')).json().items as { id: string; name: string }[];
    cesis = tenants.find((x) => x.name.startsWith('Cēsu'))!.id;
    sigulda = tenants.find((x) => x.name.startsWith('Siguldas'))!.id;
  });
  afterAll(() => t.close());

  const batch = () => [
    rec('cpu-1'),
    rec('egress-1', { tenantId: sigulda, provider: 'LNB', resource: 'egress_gb', quantity: 3 }),
    rec('bad-quantity', { quantity: '-1' }),
    rec('bad-two', { provider: 'AWS', periodEnd: '2026-10-04T00:00:00Z' }),
    rec('bad-tenant', { tenantId: '00000000-0000-4000-8000-000000000000' }),
    { ...rec('bad-field'), note: 'x' },
    rec('cpu-1'),
    'not a record',
    rec('no-zone', { periodStart: '2026-10-05T00:00:00' }),
  ];

  it('stores the valid records and lists every invalid one with the fields that are wrong', async () => {
    const report = await send(batch());
    expect(report.accepted).toBe(2);
    expect(report.duplicates).toBe(1); // cpu-1 twice in one batch, the same both times
    expect(fieldsOf(report)).toEqual([
      [2, ['quantity']],
      [3, ['provider', 'periodEnd']],
      [4, ['tenantId']],
      [5, ['note']],
      [7, ['record']],
      [8, ['periodStart']],
    ]);
    expect(report.rejected[0]).toMatchObject({ index: 2, id: 'bad-quantity' });
    expect(report.rejected[4]).toMatchObject({ index: 7, id: null });
    expect(await storedRows()).toBe(2);
  });

  it('changes nothing when a batch is sent again: re-sent records are duplicates, not errors', async () => {
    const auditBefore = (await t.database.ownerQuery('SELECT count(*)::int AS n FROM audit_events')) as { n: number }[];
    const report = await send(batch());
    expect(report.accepted).toBe(0);
    expect(report.duplicates).toBe(3);
    expect(report.rejected.map((r) => r.index)).toEqual([2, 3, 4, 5, 7, 8]);
    expect(await storedRows()).toBe(2);
    expect(await t.database.ownerQuery('SELECT count(*)::int AS n FROM audit_events')).toEqual(auditBefore);
  });

  it('refuses a known id sent with different content, leaving the stored record as it was', async () => {
    const report = await send([rec('cpu-1', { quantity: '99' }), rec('cpu-1b', { quantity: '99' }), rec('cpu-1b', { quantity: '98' }), rec('cpu-1', { quantity: '12.50' })]);
    expect(report.accepted).toBe(1);
    expect(report.duplicates).toBe(1); // 12.50 is the stored 12.5
    expect(fieldsOf(report)).toEqual([[0, ['id']], [2, ['id']]]);
    const stored = (await t.database.ownerQuery("SELECT quantity::text AS q FROM usage_records WHERE id = 'cpu-1'")) as { q: string }[];
    expect(stored[0]!.q).toBe('12.5');
  });

  it('adds up sums and takes the last reported gauge for the Riga month', async () => {
    await send([
      rec('cpu-2', { quantity: 7.25, periodStart: '2026-09-30T21:00:00Z', periodEnd: '2026-09-30T22:00:00Z' }), // 1 Oct 00:00 Riga: October
      rec('cpu-nov', { quantity: '1000', periodStart: '2026-10-31T22:30:00Z', periodEnd: '2026-10-31T23:30:00Z' }), // 1 Nov 00:30 Riga
      rec('cpu-sep', { quantity: '1000', periodStart: '2026-09-30T20:59:59Z', periodEnd: '2026-09-30T21:30:00Z' }), // 30 Sep 23:59:59 Riga
      rec('users-1', { resource: 'active_users', quantity: '400', periodStart: '2026-10-01T06:00:00Z', periodEnd: '2026-10-01T07:00:00Z' }),
      rec('users-3', { resource: 'active_users', quantity: '412', periodStart: '2026-10-30T06:00:00Z', periodEnd: '2026-10-30T07:00:00Z' }),
    ]);
    // Sent later but for an earlier period: not the month's last value.
    await send([rec('users-2', { resource: 'active_users', quantity: '390', periodStart: '2026-10-15T06:00:00Z', periodEnd: '2026-10-15T07:00:00Z' })]);
    // cpu-1 12.5 + cpu-1b 99 + cpu-2 7.25 = 118.75
    const cesisRows = [
      ['cesis', 'LVRTC', 'active_users', '412', 3],
      ['cesis', 'LVRTC', 'vcpu_hour', '118.75', 3],
    ];
    const siguldaRows = [['sigulda', 'LNB', 'egress_gb', '3', 1]];
    // Totals come ordered by municipality id, then provider and resource.
    expect(await totals(finance, 'month=2026-10')).toEqual(cesis < sigulda ? [...cesisRows, ...siguldaRows] : [...siguldaRows, ...cesisRows]);
    expect(await totals(finance, 'month=2026-11')).toEqual([['cesis', 'LVRTC', 'vcpu_hour', '1000', 1]]);
    expect(await totals(finance, `month=2026-10&tenantId=${sigulda}`)).toEqual([['sigulda', 'LNB', 'egress_gb', '3', 1]]);
    expect((await finance.get('/api/v1/usage?month=2026-1')).json().errors[0].field).toBe('month');
  });

  it('gives a municipality its usage month by month for the usage-over-time chart', async () => {
    // The records of the test above: October and November for Cēsis.
    const res = await cesisAdmin.get(`/api/v1/tenants/${cesis}/usage?from=2026-09&to=2026-11`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = (res.json() as { month: string; provider: string; resource: string; quantity: string }[]).map((r) => [r.month, r.resource, r.quantity]);
    expect(rows).toEqual([
      ['2026-09', 'vcpu_hour', '1000'],
      ['2026-10', 'active_users', '412'],
      ['2026-10', 'vcpu_hour', '118.75'],
      ['2026-11', 'vcpu_hour', '1000'],
    ]);
    expect((await cesisAdmin.get(`/api/v1/tenants/${sigulda}/usage?from=2026-10&to=2026-10`)).statusCode).toBe(404);
    expect((await finance.get(`/api/v1/tenants/${cesis}/usage?from=2026-10&to=2026-09`)).json().errors[0].field).toBe('to');
    expect((await finance.get(`/api/v1/tenants/${cesis}/usage?from=2023-12&to=2026-12`)).json().errors[0].field).toBe('to');
    expect((await finance.get(`/api/v1/tenants/${cesis}/usage?from=2026-13&to=2026-12`)).json().errors[0].field).toBe('from');
  });

  it('shows a municipality its own usage only, and lets only operators and finance write', async () => {
    expect((await totals(cesisAdmin, 'month=2026-10')).map((r) => r[0])).toEqual(['cesis', 'cesis']);
    expect((await cesisAdmin.get(`/api/v1/usage?month=2026-10&tenantId=${sigulda}`)).statusCode).toBe(404);
    expect((await cesisUser.get('/api/v1/usage?month=2026-10')).statusCode).toBe(403);
    expect((await cesisAdmin.post('/api/v1/usage', { records: [rec('mine')] })).statusCode).toBe(403);
    expect((await operator.post('/api/v1/usage', { records: [rec('by-operator', { quantity: '0' })] })).json()).toMatchObject({ accepted: 1 });

    // Row-level security alone, without a WHERE: a tenant scope sees its own rows and cannot add any.
    const owners = await t.deps.store.run({ role: 'tenant_admin', tenantId: sigulda }, async (tx) => (await sql<{ tenant_id: string }>`SELECT tenant_id::text AS tenant_id FROM usage_records`.execute(trxOf(tx))).rows.map((r) => r.tenant_id));
    expect(owners).toEqual([sigulda]);
    const sneak = t.deps.store.run({ role: 'tenant_admin', tenantId: sigulda }, (tx) => t.deps.store.billing.usage.insertMany(tx, [{ ...rec('sneak'), tenantId: sigulda, quantity: '1' }], '00000000-0000-4000-8000-000000000001', new Date()));
    await expect(sneak).rejects.toThrow();
  });

  it('refuses a batch that is not a list of at most 10,000 records, naming records', async () => {
    const tooMany = await finance.post('/api/v1/usage', { records: Array.from({ length: 10_001 }, (_, i) => ({ id: `x-${i}` })) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].field).toBe('records');
    expect((await finance.post('/api/v1/usage', { records: 'all' })).json().errors[0].field).toBe('records');
    expect((await finance.post('/api/v1/usage', {})).json().errors[0].field).toBe('records');
  });

  it('takes 10,000 records in one request', async () => {
    const records = Array.from({ length: 10_000 }, (_, i) => rec(`bulk-${i}`, { tenantId: i % 2 ? cesis : sigulda, resource: 'ram_gb_hour', quantity: '0.5', periodStart: '2026-12-01T00:00:00Z', periodEnd: '2026-12-01T01:00:00Z' }));
    expect(await send(records)).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });
    // 5,000 records of 0.5 GB h for each of the two municipalities.
    expect((await totals(finance, 'month=2026-12')).map((r) => [r[3], r[4]])).toEqual([['2500.0', 5000], ['2500.0', 5000]]);
  });

  it('writes audit events: one for the batch, and one per municipality it can see', async () => {
    const agency = (await operator.get('/api/v1/audit-events?entityType=usage_batch&limit=100')).json().items as { action: string; tenantId: string | null; after: { accepted: number } }[];
    expect(agency.every((e) => e.action === 'usage.received')).toBe(true);
    expect(agency.filter((e) => e.tenantId === null).map((e) => e.after.accepted).reduce((a, b) => a + b, 0)).toBe(2 + 1 + 5 + 1 + 1 + 10_000);
    const own = (await cesisAdmin.get('/api/v1/audit-events?entityType=usage_batch&limit=100')).json().items as { tenantId: string }[];
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((e) => e.tenantId))).toEqual(new Set([cesis]));
  });
});

describe('kopa usage import (PGlite data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kopa-usage-'));
  const kopa = (...args: string[]) => {
    const env = { ...process.env, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, kopaCommand(...args), { env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    const db = await openDatabase({ dataDir: dir });
    await migrate(db.kysely);
    await seedDemoData({ store: createStore(db.kysely), clock: { now: () => new Date('2026-11-02T08:00:00Z') }, passwords: argon2Hasher });
    await db.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a CSV, reporting accepted, duplicate and rejected rows by line number', () => {
    const csv = join(dir, 'lvrtc-2026-10.csv');
    writeFileSync(
      csv,
      [
        'id,tenantId,provider,resource,quantity,periodStart,periodEnd',
        'r1,90000031828,LVRTC,vcpu_hour,10.5,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z',
        'r2,90000048311,LVRTC,storage_gb_month,"1200",2026-10-01T00:00:00Z,2026-11-01T00:00:00Z',
        'r3,90000031828,LVRTC,vcpu_hour,-2,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z',
        'r1,90000031828,LVRTC,vcpu_hour,10.50,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z',
        'r5,12345678901,LVRTC,vcpu_hour,1,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z',
        '',
      ].join('\n'),
    );
    const first = kopa('usage', 'import', csv, '--data-dir', dir);
    expect(first.out).toContain('5 rows — 2 accepted, 1 duplicate, 2 rejected.');
    expect(first.out).toContain('line 4 (id r3): quantity must be a non-negative decimal');
    expect(first.out).toContain('line 6 (id r5): tenantId is not a known municipality');
    expect(first.code).toBe(1);

    const again = kopa('usage', 'import', csv, '--data-dir', dir);
    expect(again.out).toContain('5 rows — 0 accepted, 3 duplicate, 2 rejected.');

    const semicolon = join(dir, 'lnb.csv');
    writeFileSync(semicolon, 'id;tenant;provider;resource;quantity;periodStart;periodEnd\r\nn1;90000031828;LNB;egress_gb;2,75;2026-10-02T00:00:00Z;2026-10-03T00:00:00Z\r\n');
    const ok = kopa('usage', 'import', semicolon, '--data-dir', dir);
    expect(ok.out).toContain('1 rows — 1 accepted, 0 duplicate, 0 rejected.');
    expect(ok.code).toBe(0);
  });

  it('fails clearly on a missing file or a wrong header', () => {
    const missing = kopa('usage', 'import', join(dir, 'nope.csv'), '--data-dir', dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
    const wrong = join(dir, 'wrong.csv');
    writeFileSync(wrong, 'id,customer,provider,resource,quantity,periodStart,periodEnd\n');
    const bad = kopa('usage', 'import', wrong, '--data-dir', dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown column(s) "customer"');
  });
});
