import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// A municipality's month is counted in its calendar's zone (docs/definitions.md, "A month"): Cēsis
// is moved to a calendar in New York, whose October ends 2026-11-01T04:00Z — six hours after Riga's.
const NY_OCTOBER_END = '2026-11-01T04:00:00.000Z';
const RIGA_OCTOBER_END = '2026-10-31T22:00:00.000Z';

describe.each(BACKENDS)('months in the tenant’s calendar zone on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  let operator: Client;
  let cesisId: string;
  let siguldaId: string;

  beforeAll(async () => {
    now = new Date('2026-10-31T23:30:00Z'); // 1 Nov 01:30 in Riga, still 31 Oct 19:30 in New York
    t = await startTestApp(backend, { now: () => now });
    operator = await signIn(t.app, 'operators@rda.lv');
    const tenants = (await operator.get('/api/v1/tenants')).json().items as { id: string; name: string }[];
    cesisId = tenants.find((x) => x.name.startsWith('Cēsu'))!.id;
    siguldaId = tenants.find((x) => x.name.startsWith('Siguldas'))!.id;
    const workdays = [{ opens: '09:00', closes: '17:00' }];
    const calendar = await operator.post('/api/v1/calendars', { id: 'nyc', name: 'New York', timeZone: 'America/New_York', weeklyHours: { monday: workdays, tuesday: workdays, wednesday: workdays, thursday: workdays, friday: workdays, saturday: [], sunday: [] } });
    expect(calendar.statusCode, calendar.body).toBe(201);
    const [agreement] = (await operator.get(`/api/v1/tenants/${cesisId}/agreements`)).json().items as { id: string }[];
    expect((await operator.patch(`/api/v1/tenants/${cesisId}/agreements/${agreement!.id}`, { calendarId: 'nyc', changeNote: 'New York hours' })).statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  it('ends the availability report’s period at the end of the month in that zone', async () => {
    type Report = { inProgress: boolean; upTo: string; services: { periodEnd: string }[] };
    const october = async (tenantId: string) => (await operator.get(`/api/v1/tenants/${tenantId}/sla-reports/2026-10?live=true`)).json() as Report;
    // 1 November 01:30 in Riga: October has ended there, while in New York it runs until 04:00 UTC,
    // so Cēsis' October is reported up to now and says so.
    const cesis = await october(cesisId);
    expect(cesis.services.length).toBeGreaterThan(0);
    expect(cesis).toMatchObject({ inProgress: true, upTo: now.toISOString() });
    expect(new Set(cesis.services.map((s) => s.periodEnd))).toEqual(new Set([now.toISOString()]));
    const sigulda = await october(siguldaId);
    expect(sigulda).toMatchObject({ inProgress: false, upTo: RIGA_OCTOBER_END });
    expect(new Set(sigulda.services.map((s) => s.periodEnd))).toEqual(new Set([RIGA_OCTOBER_END]));
    const before = now;
    now = new Date('2026-11-01T05:00:00Z');
    const ended = await october(cesisId);
    now = before;
    expect(ended).toMatchObject({ inProgress: false, upTo: NY_OCTOBER_END });
    expect(new Set(ended.services.map((s) => s.periodEnd))).toEqual(new Set([NY_OCTOBER_END]));
  });

  it('counts a ticket opened at 19:30 New York time on 31 October in October, not November', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    expect((await admin.post('/api/v1/tickets', { tenantId: cesisId, priority: 'P3', category: 'question', subject: 'Laika josla', description: 'Atvērts 31. oktobra vakarā Ņujorkā.' })).statusCode).toBe(201);
    expect((await admin.get(`/api/v1/tenants/${cesisId}/desk-report/2026-10`)).json()).toMatchObject({ tickets: 1 });
    expect((await admin.get(`/api/v1/tenants/${cesisId}/desk-report/2026-11`)).json()).toMatchObject({ tickets: 0 });
  });

  it('refuses to publish a month that has ended in Riga but not yet in the municipality’s zone', async () => {
    now = new Date('2026-11-01T03:59:59.999Z');
    const early = await operator.post(`/api/v1/tenants/${cesisId}/sla-reports/2026-10/publications`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ errors: [{ field: 'month', code: 'month_not_ended', message: 'has not ended' }] });
    expect(early.json().detail).toContain(NY_OCTOBER_END);
    expect((await operator.post(`/api/v1/tenants/${siguldaId}/sla-reports/2026-10/publications`, {})).statusCode).toBe(201);
    now = new Date(NY_OCTOBER_END);
    expect((await operator.post(`/api/v1/tenants/${cesisId}/sla-reports/2026-10/publications`, {})).statusCode).toBe(201);
  });
});
