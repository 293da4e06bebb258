import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { seedDemoData } from '../../src/app/demo/seed-demo-data.js';
import { verifyAuditChain } from '../../src/app/audit/verify-audit-chain.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// The demo of `npm start`: history must come through the real use cases and add up.
describe.each(BACKENDS)('demo history on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let cesis: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { demoHistory: true, now: () => new Date('2026-12-03T10:00:00Z') });
    await rollUpAvailability(t.deps, { maxChunks: 5_000 });
    operator = await signIn(t.app, 'operators@rda.lv');
    cesis = ((await operator.get('/api/v1/tenants')).json().items as { id: string; name: string }[]).find((x) => x.name.startsWith('Cēsu'))!.id;
  }, 120_000);
  afterAll(() => t.close());

  it('shows last month’s outage and announced maintenance in the availability report', async () => {
    const report = (await operator.get(`/api/v1/tenants/${cesis}/sla-reports/2026-11?live=true`)).json() as { services: { serviceCode: string; downSeconds: number; maintenanceSeconds: number; unknownSeconds: number; availabilityPercent: number; met: boolean }[] };
    const dvs = report.services.find((s) => s.serviceCode === 'DVS')!;
    // 21 Nov 22:00 – 22 Nov 01:00 Riga, announced a week before: three hours of maintenance.
    expect(dvs.maintenanceSeconds).toBe(3 * 3600);
    // Results fail from 10:15 to 10:55 every five minutes: the outage lasts until the 11:00 success.
    expect(dvs.downSeconds).toBe(45 * 60);
    expect(dvs.unknownSeconds).toBe(0);
    expect(dvs.met).toBe(true);
    const gis = report.services.find((s) => s.serviceCode === 'GIS')!;
    expect(gis).toMatchObject({ downSeconds: 0, availabilityPercent: 100 });
  });

  it('has two finalised months of invoices and a draft for the last ended month', async () => {
    const finance = await signIn(t.app, 'finanses@rda.lv');
    const runs = (await finance.get('/api/v1/billing-runs')).json().items as { month: string; status: string }[];
    expect(runs.map((r) => `${r.month} ${r.status}`).sort()).toEqual(['2026-09 finalized', '2026-10 finalized', '2026-11 draft']);
    const invoices = (await finance.get('/api/v1/invoices')).json().items as { number: string }[];
    // Five municipalities with agreements in force, two months each; Jelgava starts in 2027.
    expect(invoices.map((i) => i.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `KOPA-2026-${String(i + 1).padStart(5, '0')}`));
  });

  it('has tickets measured against the agreements, and rated ones in last month’s desk report', async () => {
    // Monday 9 Nov 09:40 opened, answered at 10:25 (45 working minutes), resolved the same day, rated 5.
    const report = (await operator.get(`/api/v1/tenants/${cesis}/desk-report/2026-11`)).json();
    expect(report).toMatchObject({ tickets: 1, byPriority: { P3: 1 }, reaction: { measured: 1, met: 1, medianMinutes: 45 }, resolution: { measured: 1, met: 1 }, satisfaction: { ratings: 1, average: 5 } });
    const all = (await operator.get('/api/v1/tickets?limit=50')).json() as { items: { status: string }[] };
    expect(all.items.map((x) => x.status).sort()).toEqual(['new', 'resolved', 'resolved', 'waiting_for_customer']);
  });

  it('is seeded once, and the audit chain holds', async () => {
    expect((await seedDemoData(t.deps, { history: true })).seeded).toBe(false);
    expect((await verifyAuditChain(t.deps)).ok).toBe(true);
  });
});
