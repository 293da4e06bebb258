import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { pdfLines } from '../support/pdf-text.js';

/*
 * The current month reported up to now. The clock stands at 2026-12-15T12:00Z (14:00 in Riga).
 * December in Riga (UTC+2) begins at 2026-11-30T22:00Z, so the elapsed part is
 *   30 Nov 22:00Z … 15 Dec 12:00Z = 14 days 14 hours = 350 h = 1,260,000 s.
 * The monitor reports every 5 minutes through all of it (the last result, 11:55Z, covers to 12:00Z);
 * 10 Dec 10:00–10:55Z fails (12 results, confirmed after 2): 3,600 s down.
 * Maintenance 5 Dec 10:00–11:00Z, announced on 1 Dec (more than 48 h ahead): 3,600 s maintenance.
 * Maintenance 20 Dec 10:00–14:00Z is still to come: it is not spent, and not part of the report.
 *   up = 1,260,000 − 3,600 − 3,600 = 1,252,800 s; unknown = 0
 *   availability = 1,252,800 / (1,252,800 + 3,600) = 99.71347…% → 99.7135
 *   coverage = 1,256,400 / (1,260,000 − 3,600) = 100 %
 * Counting the whole month instead would give 744 h with 393.6 h "no data" and 4 h more maintenance.
 */
const MIN = 60_000;
const NOW = '2026-12-15T12:00:00Z';
const ms = (iso: string) => Date.parse(iso);

describe.each(BACKENDS)('the SLA report of a month in progress on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let cesisId: string;
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date(NOW) });
    operator = await signIn(t.app, 'operators@rda.lv');
    cesisId = (await (await signIn(t.app, 'admin@cesis.lv')).get('/api/v1/tenants')).json().items[0].id;
    const service = await operator.post('/api/v1/services', { code: 'SLAP', name: 'Mēneša vidus pakalpojums' });
    serviceId = service.json().id;
    expect((await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId, from: '2025-01-01' })).statusCode).toBe(201);
    const monitor = await operator.post('/api/v1/monitors', { serviceId, name: 'Mēneša vidus', type: 'http', target: 'https://p.example.lv/', intervalSeconds: 300, failuresToConfirm: 2, locations: ['lvrtc'] });
    expect(monitor.statusCode, monitor.body).toBe(201);
    const results = [];
    for (let at = ms('2026-11-30T22:00:00Z'); at < ms(NOW); at += 5 * MIN) results.push({ at: new Date(at).toISOString(), ok: !(at >= ms('2026-12-10T10:00:00Z') && at < ms('2026-12-10T11:00:00Z')), location: 'lvrtc' });
    expect((await operator.post(`/api/v1/monitors/${monitor.json().id}/results`, { results })).statusCode).toBe(200);
    for (const [startsAt, endsAt] of [['2026-12-05T10:00:00Z', '2026-12-05T11:00:00Z'], ['2026-12-20T10:00:00Z', '2026-12-20T14:00:00Z']]) {
      const res = await operator.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt, endsAt, announcedAt: '2026-12-01T08:00:00Z', title: 'Apkope' });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 120_000);
  afterAll(() => t.close());

  it('counts only the elapsed time and says the month is in progress', async () => {
    const res = await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-12`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ month: '2026-12', inProgress: true, upTo: '2026-12-15T12:00:00.000Z' });
    const line = report.services.find((s: { serviceId: string }) => s.serviceId === serviceId);
    expect(line).toMatchObject({
      periodStart: '2026-11-30T22:00:00.000Z',
      periodEnd: '2026-12-15T12:00:00.000Z',
      upSeconds: 1_252_800,
      downSeconds: 3_600,
      maintenanceSeconds: 3_600,
      unknownSeconds: 0,
      availabilityPercent: 99.7135,
      coveragePercent: 100,
    });
    // Only the maintenance that has begun is part of the report.
    expect(line.maintenance.map((m: { startsAt: string }) => m.startsAt)).toEqual(['2026-12-05T10:00:00.000Z']);
  });

  it('an ended month is whole and not in progress', async () => {
    const report = (await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-11`)).json();
    expect(report).toMatchObject({ inProgress: false, upTo: '2026-11-30T22:00:00.000Z' });
  });

  it('the PDF says up to when it counts, with durations and percentages as the page writes them', async () => {
    const riga = (text: string) => expect.stringMatching(new RegExp(`^${text.replace(/[.()]/g, '\\$&').replace(/(\d{2}\\\.\d{2}\\\.\d{4})/g, '$1\\.?')}$`));
    const lv = await pdfLines((await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-12?format=pdf`)).rawPayload);
    expect(lv).toEqual(expect.arrayContaining([riga('Mēnesis vēl turpinās: pārskatā ieskaitīts laiks līdz 15.12.2026 14:00.')]));
    const start = lv.indexOf('Mēneša vidus pakalpojums (SLAP)');
    // 1,252,800 s = 348 h; 3,600 s = 1 h.
    expect(lv.slice(start + 1, start + 10)).toEqual(['Pieejamība 99,713 %', 'Mērķis 97 %', 'Mērķis sasniegts Jā', 'Darbojās 348 st.', 'Nedarbojās 1 st.', 'Plānotā apkope 1 st.', 'Nav datu 0 min', 'Izslēgts no SLA 0 min', 'Pārklājums 100 %']);
    const en = await pdfLines((await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-12?format=pdf&lang=en`)).rawPayload);
    expect(en).toEqual(expect.arrayContaining([riga('The month is in progress: the report counts the time up to 15/12/2026, 14:00.')]));
    expect(en).toEqual(expect.arrayContaining(['Availability 99.713%', 'Target 97%', 'Up 348 h', 'Down 1 h', 'Coverage 100%']));
    const ended = await pdfLines((await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-11?format=pdf`)).rawPayload);
    expect(ended.join('\n')).not.toContain('turpinās');
  });
});
