import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { closeMonth } from '../../src/app/availability/publish-sla-reports.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const MINUTE = 60_000;

describe.each(BACKENDS)('publishing monthly availability reports on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  let cesisId: string;
  const as = (email: string) => signIn(t.app, email);

  beforeAll(async () => {
    now = new Date('2026-11-01T10:00:00Z'); // Sunday 1 Nov
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.rda.lv' };
    cesisId = (await (await as('admin@cesis.lv')).get('/api/v1/tenants')).json().items[0].id;
  });
  afterAll(() => t.close());

  const mails = () => t.database.db.kysely.selectFrom('outbox').select(['event_key', 'recipient', 'subject']).where('channel', '=', 'email').execute();

  it('waits for the first working day, then publishes last month for every municipality using a service', async () => {
    expect(await closeMonth(t.deps)).toEqual({ month: '2026-10', published: 0, due: false });
    now = new Date('2026-11-02T07:00:00Z'); // Monday 2 Nov, 09:00 in Riga: the first working day
    // Five demo municipalities used services in October; Jelgava starts in 2027.
    expect(await closeMonth(t.deps)).toEqual({ month: '2026-10', published: 5, due: true });
    expect(await closeMonth(t.deps)).toEqual({ month: '2026-10', published: 0, due: true });
    const versions = (await (await as('admin@cesis.lv')).get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10/publications`)).json().items;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, month: '2026-10', reason: null, changes: [], publishedBy: 'month-close' });
    expect(versions[0].report.services.map((s: { serviceCode: string }) => s.serviceCode).sort()).toEqual(['DVS', 'EPAK', 'GIS']);
    // Each municipality's administrators are told.
    const recorded = await mails();
    expect(new Set(recorded.map((m) => m.event_key)).size).toBe(5); // one notice per publication
    expect(recorded.find((m) => m.recipient === 'admin@cesis.lv')?.subject).toBe('[Kopa] Pieejamības pārskats 2026-10');
  });

  it('keeps a publication frozen: a correction is a new version that says what changed and why', async () => {
    const operator = await as('operators@rda.lv');
    const url = `/api/v1/tenants/${cesisId}/sla-reports/2026-10/publications`;
    expect((await operator.post(url, {})).statusCode).toBe(409); // a correction needs a reason
    expect((await operator.post(url, { reason: 'Pārrēķins' })).json().errors).toEqual([{ field: 'reason', code: 'already_done', params: {}, message: 'the report is the same as the published version' }]);
    // An agent's buffered October results arrive late: DVS was probed all of 31 October.
    const dvsId = (await operator.get('/api/v1/services')).json().items.find((s: { code: string }) => s.code === 'DVS').id;
    const monitor = await createMonitor(t.deps, systemActor('test'), { serviceId: dvsId, tenantId: null, name: 'DVS', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['lvrtc'], active: true });
    const start = Date.parse('2026-10-30T22:00:00Z'); // 31 Oct 00:00 Riga (UTC+2 after the 25 Oct change)
    const results = Array.from({ length: 1440 }, (_, i) => ({ at: new Date(start + i * MINUTE).toISOString(), ok: i < 600 || i >= 660, location: 'lvrtc' }));
    await ingestProbeResults(t.deps, systemActor('test'), monitor.id, results);
    const corrected = await operator.post(url, { reason: 'LVRTC aģenta rezultāti saņemti novēloti' });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json()).toMatchObject({ version: 2, reason: 'LVRTC aģenta rezultāti saņemti novēloti' });
    const dvsChanges = corrected.json().changes.filter((c: { serviceCode: string }) => c.serviceCode === 'DVS');
    // 31 Oct: 3,600 s down (10:00–11:00), 82,800 s up; the rest of October is unknown: 82,800 / 86,400 = 95.8333 %.
    expect(dvsChanges).toEqual(
      expect.arrayContaining([
        { serviceCode: 'DVS', field: 'availabilityPercent', before: null, after: 95.8333 },
        { serviceCode: 'DVS', field: 'downSeconds', before: 0, after: 3600 },
        { serviceCode: 'DVS', field: 'outages', before: 0, after: 1 },
      ]),
    );
    const versions = (await operator.get(url)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[0].report.services.find((s: { serviceCode: string }) => s.serviceCode === 'DVS').availabilityPercent).toBeNull();
  });

  it('serves the published version as frozen, and the live figures only when asked', async () => {
    const admin = await as('admin@cesis.lv');
    const served = (await admin.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10`)).json();
    expect(served.publication).toMatchObject({ version: 2, reason: 'LVRTC aģenta rezultāti saņemti novēloti' });
    expect(served.desk).toMatchObject({ tickets: 0, breaches: 0, satisfactionAverage: null });
    // A late exclusion changes the live figures but not what was published.
    const operator = await as('operators@rda.lv');
    const dvsId = (await operator.get('/api/v1/services')).json().items.find((s: { code: string }) => s.code === 'DVS').id;
    expect((await operator.post('/api/v1/sla-exclusions', { serviceId: dvsId, startsAt: '2026-10-31T08:00:00Z', endsAt: '2026-10-31T09:00:00Z', reason: 'Uzraudzības aģenta kļūme' })).statusCode).toBe(201);
    const frozen = (await admin.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10`)).json();
    const live = (await admin.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10?live=true`)).json();
    const dvs = (r: { services: { serviceCode: string; availabilityPercent: number }[] }) => r.services.find((s) => s.serviceCode === 'DVS')!.availabilityPercent;
    expect(dvs(frozen)).toBe(95.8333);
    expect(live.publication).toBeNull();
    expect(dvs(live)).toBe(100); // the only outage is excluded: 82,800 s up, nothing down
  });

  it('refuses a month that has not ended, other roles, and other municipalities', async () => {
    const operator = await as('operators@rda.lv');
    const notEnded = await operator.post(`/api/v1/tenants/${cesisId}/sla-reports/2026-11/publications`, {});
    expect(notEnded.statusCode).toBe(409);
    expect(notEnded.json().errors).toEqual([{ field: 'month', code: 'month_not_ended', params: {}, message: 'has not ended' }]);
    expect((await (await as('admin@cesis.lv')).post(`/api/v1/tenants/${cesisId}/sla-reports/2026-10/publications`, { reason: 'x' })).statusCode).toBe(403);
    expect((await (await as('admin@sigulda.lv')).get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10/publications`)).statusCode).toBe(404);
    expect((await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-13/publications`)).statusCode).toBe(400);
  });
});
