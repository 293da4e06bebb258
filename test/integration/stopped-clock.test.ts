import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// Repositories take the time from the injected clock (issue 12 item 4): with the clock stopped far
// from the machine's own time, every "last changed" column must show the stopped time, never now().
const STOPPED = '2024-02-29T11:22:33.000Z';

describe.each(BACKENDS)('a stopped clock on %s', (backend) => {
  let t: TestApp;
  let operator: Client;

  beforeAll(async () => {
    t = await startTestApp(backend, { demo: true, now: () => new Date(STOPPED) });
    operator = await signIn(t.app, 'operators@rda.lv');
  });
  afterAll(() => t?.close());

  it('is the updatedAt of a changed municipality, service and seller', async () => {
    const tenant = ((await operator.get('/api/v1/tenants')).json().items as { id: string }[])[0]!;
    const changedTenant = await operator.patch(`/api/v1/tenants/${tenant.id}`, { email: 'clock@example.lv' });
    expect(changedTenant.statusCode).toBe(200);
    expect(changedTenant.json().updatedAt).toBe(STOPPED);

    const service = ((await operator.get('/api/v1/services')).json().items as { id: string }[])[0]!;
    const changedService = await operator.patch(`/api/v1/services/${service.id}`, { name: 'Pulksteņa pakalpojums' });
    expect(changedService.statusCode).toBe(200);
    expect(changedService.json().updatedAt).toBe(STOPPED);

    const finance = await signIn(t.app, 'finanses@rda.lv');
    const { updatedAt: _u, updatedBy: _b, ...seller } = (await finance.get('/api/v1/settings/seller')).json();
    const saved = await finance.put('/api/v1/settings/seller', { ...seller, paymentTermsDays: 21 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().updatedAt).toBe(STOPPED);
  });

  it('is the updated_at of user, calendar and rollup rows', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    expect((await admin.patch('/api/v1/session', { locale: 'en' })).statusCode).toBeLessThan(300);
    expect((await operator.post('/api/v1/calendars/lv/exceptions', { date: '2024-03-04', kind: 'day_off', reason: 'pulkstenis' })).statusCode).toBe(201);
    const serviceId = (await t.deps.store.run(SYSTEM, (tx) => t.deps.store.services.list(tx)))[0]!.id;
    const monitor = await createMonitor(t.deps, systemActor('test'), { serviceId, tenantId: null, name: 'clock', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['lvrtc'], active: true });
    const start = Date.parse(STOPPED) - 3_600_000;
    await ingestProbeResults(t.deps, systemActor('test'), monitor.id, Array.from({ length: 30 }, (_, i) => ({ at: new Date(start + i * 60_000).toISOString(), ok: true, location: 'lvrtc' })));
    await rollUpAvailability(t.deps, { maxChunks: 10 });
    const rows = (await t.database.ownerQuery(`
      SELECT 'users' AS t, updated_at FROM users WHERE email = 'admin@cesis.lv'
      UNION ALL SELECT 'calendars', updated_at FROM calendars WHERE id = 'lv'
      UNION ALL SELECT 'rollups', updated_at FROM monitor_rollups`)) as { t: string; updated_at: Date | string }[];
    expect([...new Set(rows.map((r) => r.t))].sort()).toEqual(['calendars', 'rollups', 'users']);
    for (const r of rows) expect(`${r.t} ${new Date(r.updated_at).toISOString()}`).toBe(`${r.t} ${STOPPED}`);
  });
});
