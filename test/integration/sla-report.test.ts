import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAvailability } from '../../src/app/availability/roll-up-availability.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { pdfLines } from '../support/pdf-text.js';

/*
 * Monthly availability reports against hand-computed months (Europe/Riga):
 *   March 2026    = 2026-02-28T22:00Z … 2026-03-31T21:00Z = 743 h = 2,674,800 s (clocks go forward on the 29th)
 *   October 2026  = 2026-09-30T21:00Z … 2026-10-31T22:00Z = 745 h = 2,682,000 s (clocks go back on the 25th)
 *   November 2026 = 2026-10-31T22:00Z … 2026-11-30T22:00Z = 720 h = 2,592,000 s
 * Cēsis' agreement has the defaults: target 97 %, maintenance notice 48 h.
 */
const MARCH = 2_674_800;
const OCTOBER = 2_682_000;
const NOVEMBER = 2_592_000;
const MIN = 60_000;
const ms = (iso: string) => Date.parse(iso);

interface Result { at: string; ok: boolean; location: string }

/** Results every `stepMinutes` over [from, to), failing where `fails` says so. */
function results(from: string, to: string, stepMinutes: number, fails: (at: number) => boolean, location = 'lvrtc'): Result[] {
  const out: Result[] = [];
  for (let t = ms(from); t < ms(to); t += stepMinutes * MIN) out.push({ at: new Date(t).toISOString(), ok: !fails(t), location });
  return out;
}
const within = (from: string, to: string) => (t: number) => t >= ms(from) && t < ms(to);

describe.each(BACKENDS)('monthly availability reports on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let cesisAdmin: Client;
  let cesisId: string;
  let siguldaId: string;
  const service: Record<'A' | 'B' | 'D' | 'E', string> = { A: '', B: '', D: '', E: '' };
  const report = async (client: Client, tenantId: string, month: string) => {
    const res = await client.get(`/api/v1/tenants/${tenantId}/sla-reports/${month}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { tenantId: string; month: string; services: Record<string, unknown>[] };
  };
  const line = async (month: string, code: keyof typeof service, tenantId = cesisId) => (await report(operator, tenantId, month)).services.find((s) => s.serviceId === service[code])!;

  async function send(monitorId: string, all: Result[]): Promise<{ accepted: number; duplicates: number }> {
    const total = { accepted: 0, duplicates: 0 };
    for (let i = 0; i < all.length; i += 10_000) {
      const res = await operator.post(`/api/v1/monitors/${monitorId}/results`, { results: all.slice(i, i + 10_000) });
      expect(res.statusCode, res.body).toBe(200);
      total.accepted += res.json().accepted;
      total.duplicates += res.json().duplicates;
    }
    return total;
  }
  async function serviceWithMonitor(code: keyof typeof service, monitor: Record<string, unknown>, tenants: string[]): Promise<string> {
    const created = await operator.post('/api/v1/services', { code: `SLA${code}`, name: `Pārbaudes pakalpojums ${code}` });
    expect(created.statusCode, created.body).toBe(201);
    service[code] = created.json().id;
    for (const tenantId of tenants) expect((await operator.post(`/api/v1/tenants/${tenantId}/subscriptions`, { serviceId: service[code], from: '2025-01-01' })).statusCode).toBe(201);
    const res = await operator.post('/api/v1/monitors', { serviceId: service[code], name: `Uzraudzība ${code}`, type: 'http', target: `https://${code.toLowerCase()}.example.lv/`, ...monitor });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  let firstBatchA: Result[] = [];
  let monitorA = '';

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date('2026-12-15T12:00:00Z') });
    operator = await signIn(t.app, 'operators@rda.lv');
    cesisAdmin = await signIn(t.app, 'admin@cesis.lv');
    cesisId = (await cesisAdmin.get('/api/v1/tenants')).json().items[0].id;
    siguldaId = (await (await signIn(t.app, 'admin@sigulda.lv')).get('/api/v1/tenants')).json().items[0].id;

    // A: every 5 min from 1 Oct to 1 Dec. One lone failure (5 Oct), a run of exactly two (20 Oct),
    // no results 10 Oct 00:00–01:55Z, and failures 31 Oct 21:00–22:55Z, across the month boundary.
    monitorA = await serviceWithMonitor('A', { intervalSeconds: 300, failuresToConfirm: 2, locations: ['lvrtc'] }, [cesisId, siguldaId]);
    const a = results('2026-09-30T21:00:00Z', '2026-11-30T22:00:00Z', 5, (at) =>
      at === ms('2026-10-05T10:00:00Z') || within('2026-10-20T12:00:00Z', '2026-10-20T12:10:00Z')(at) || within('2026-10-31T21:00:00Z', '2026-10-31T23:00:00Z')(at),
    ).filter((r) => !within('2026-10-10T00:00:00Z', '2026-10-10T02:00:00Z')(ms(r.at)));
    firstBatchA = a.slice(0, 10_000);
    expect(await send(monitorA, a)).toEqual({ accepted: a.length, duplicates: 0 });

    // B: every 5 min in November; failing 10 Nov 20:00–21:55Z and 20 Nov 20:00–20:55Z, both under maintenance.
    const monitorB = await serviceWithMonitor('B', { intervalSeconds: 300, locations: ['lvrtc'] }, [cesisId]);
    await send(monitorB, results('2026-10-31T22:00:00Z', '2026-11-30T22:00:00Z', 5, (at) => within('2026-11-10T20:00:00Z', '2026-11-10T22:00:00Z')(at) || within('2026-11-20T20:00:00Z', '2026-11-20T21:00:00Z')(at)));

    // D: every 10 min in March from three locations; lvrtc fails 10 Mar 10:00–10:50Z, lnb 10:30–10:50Z.
    const monitorD = await serviceWithMonitor('D', { intervalSeconds: 600, locations: ['lvrtc', 'lnb', 'local'] }, [cesisId]);
    await send(monitorD, [
      ...results('2026-02-28T22:00:00Z', '2026-03-31T21:00:00Z', 10, within('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z'), 'lvrtc'),
      ...results('2026-02-28T22:00:00Z', '2026-03-31T21:00:00Z', 10, within('2026-03-10T10:30:00Z', '2026-03-10T11:00:00Z'), 'lnb'),
      ...results('2026-02-28T22:00:00Z', '2026-03-31T21:00:00Z', 10, () => false, 'local'),
    ]);

    // E: hourly in November, the first 24 results failing.
    const monitorE = await serviceWithMonitor('E', { intervalSeconds: 3600, timeoutMs: 10_000, locations: ['lnb'] }, [cesisId]);
    await send(monitorE, results('2026-10-31T22:00:00Z', '2026-11-30T22:00:00Z', 60, within('2026-10-31T22:00:00Z', '2026-11-01T22:00:00Z'), 'lnb'));
  }, 300_000);
  afterAll(() => t.close());

  it('October (745 h): a lone failure is up, a run of two is down, a gap is unknown, the outage stops at the month end', async () => {
    const a = await line('2026-10', 'A');
    // Unknown: the 23:55Z result covers until 00:10Z (3 × 5 min); the next is at 02:00Z → 110 min = 6,600 s.
    // Down: 20 Oct 12:00–12:10 (600 s) + 31 Oct 21:00–22:00Z, the October part (3,600 s) = 4,200 s.
    // Up: 2,682,000 − 6,600 − 4,200 = 2,671,200 s (the lone failure of 5 Oct counts as up).
    expect(a).toMatchObject({ upSeconds: 2_671_200, downSeconds: 4_200, maintenanceSeconds: 0, unknownSeconds: 6_600, excludedSeconds: 0, targetPercent: 97, met: true });
    expect((a.upSeconds as number) + (a.downSeconds as number) + (a.unknownSeconds as number)).toBe(OCTOBER);
    // 2,671,200 / (2,671,200 + 4,200) = 99.84301…%; coverage 2,675,400 / 2,682,000 = 99.75391…%.
    expect(a.availabilityPercent).toBeCloseTo(99.843, 4);
    expect(a.coveragePercent).toBeCloseTo(99.7539, 4);
    expect(a.periodStart).toBe('2026-09-30T21:00:00.000Z');
    expect(a.periodEnd).toBe('2026-10-31T22:00:00.000Z');
    expect(a.outages).toEqual([
      { start: '2026-10-20T12:00:00.000Z', end: '2026-10-20T12:10:00.000Z', seconds: 600, excludedSeconds: 0, exclusionIds: [] },
      { start: '2026-10-31T21:00:00.000Z', end: '2026-10-31T22:00:00.000Z', seconds: 3600, excludedSeconds: 0, exclusionIds: [] },
    ]);
  });

  it('November gets the rest of the outage that began in October', async () => {
    const a = await line('2026-11', 'A');
    // Down 31 Oct 22:00–23:00Z = 3,600 s; up 2,592,000 − 3,600 = 2,588,400; 2,588,400 / 2,592,000 = 99.86111…%.
    expect(a).toMatchObject({ upSeconds: 2_588_400, downSeconds: 3_600, unknownSeconds: 0, coveragePercent: 100 });
    expect((a.upSeconds as number) + (a.downSeconds as number)).toBe(NOVEMBER);
    expect(a.availabilityPercent).toBeCloseTo(99.8611, 4);
    expect(a.outages).toEqual([{ start: '2026-10-31T22:00:00.000Z', end: '2026-10-31T23:00:00.000Z', seconds: 3600, excludedSeconds: 0, exclusionIds: [] }]);
  });

  it('maintenance announced in time is excluded; announced too late it is ordinary time', async () => {
    const announce = (startsAt: string, endsAt: string, announcedAt: string, title: string) =>
      operator.post('/api/v1/maintenance-windows', { serviceIds: [service.B], startsAt, endsAt, announcedAt, title });
    // 9 days and 10 h ahead: counts. 32 h ahead (< 48 h): does not.
    expect((await announce('2026-11-10T20:00:00Z', '2026-11-10T22:00:00Z', '2026-11-01T10:00:00Z', 'Datubāzes atjaunināšana')).statusCode).toBe(201);
    expect((await announce('2026-11-20T20:00:00Z', '2026-11-20T21:00:00Z', '2026-11-19T12:00:00Z', 'Steidzams ielāps')).statusCode).toBe(201);
    const b = await line('2026-11', 'B');
    // Maintenance 7,200 s (its failures do not count); the late window's failures are down: 3,600 s.
    // Up 2,592,000 − 7,200 − 3,600 = 2,581,200; 2,581,200 / 2,584,800 = 99.86072…%; coverage 2,584,800 / (2,592,000 − 7,200) = 100 %.
    expect(b).toMatchObject({ upSeconds: 2_581_200, downSeconds: 3_600, maintenanceSeconds: 7_200, unknownSeconds: 0, coveragePercent: 100, met: true });
    expect((b.upSeconds as number) + (b.downSeconds as number) + (b.maintenanceSeconds as number)).toBe(NOVEMBER);
    expect(b.availabilityPercent).toBeCloseTo(99.8607, 4);
    expect(b.outages).toEqual([{ start: '2026-11-20T20:00:00.000Z', end: '2026-11-20T21:00:00.000Z', seconds: 3600, excludedSeconds: 0, exclusionIds: [] }]);
    expect((b.maintenance as { title: string; counted: boolean }[]).map((m) => [m.title, m.counted])).toEqual([['Datubāzes atjaunināšana', true], ['Steidzams ielāps', false]]);
  });

  it('March (743 h) with three locations: down only where most locations agree', async () => {
    const d = await line('2026-03', 'D');
    // 10:00–10:30Z only lvrtc is down (1 of 3: up); 10:30–11:00Z lvrtc and lnb (2 of 3: down) = 1,800 s.
    // Up 2,674,800 − 1,800 = 2,673,000; 2,673,000 / 2,674,800 = 99.93270…%.
    expect(d).toMatchObject({ upSeconds: 2_673_000, downSeconds: 1_800, unknownSeconds: 0, maintenanceSeconds: 0, coveragePercent: 100 });
    expect((d.upSeconds as number) + (d.downSeconds as number)).toBe(MARCH);
    expect(d.availabilityPercent).toBeCloseTo(99.9327, 4);
    expect(d.outages).toEqual([{ start: '2026-03-10T10:30:00.000Z', end: '2026-03-10T11:00:00.000Z', seconds: 1800, excludedSeconds: 0, exclusionIds: [] }]);
  });

  it('misses the target below 97 %, and a service without monitors is unknown rather than up', async () => {
    const e = await line('2026-11', 'E');
    // Hourly results, the first 24 failing: down 86,400 s; 2,505,600 / 2,592,000 = 96.66667…% < 97.
    expect(e).toMatchObject({ upSeconds: 2_505_600, downSeconds: 86_400, targetPercent: 97, met: false });
    expect(e.availabilityPercent).toBeCloseTo(96.6667, 4);
    const gis = (await report(operator, cesisId, '2026-10')).services.find((s) => s.serviceCode === 'GIS')!;
    expect(gis).toMatchObject({ availabilityPercent: null, coveragePercent: 0, upSeconds: 0, downSeconds: 0, unknownSeconds: OCTOBER, met: false, monitors: 0 });
  });

  it('a re-sent batch is counted as duplicates and changes nothing', async () => {
    const before = await report(operator, cesisId, '2026-10');
    const again = await operator.post(`/api/v1/monitors/${monitorA}/results`, { results: firstBatchA });
    expect(again.json()).toEqual({ accepted: 0, duplicates: 10_000 });
    // Within one batch too: the same instant twice is stored once.
    const twice = [{ at: '2026-12-01T00:00:00Z', ok: true, location: 'lvrtc' }, { at: '2026-12-01T00:00:00.000Z', ok: false, location: 'lvrtc' }];
    expect((await operator.post(`/api/v1/monitors/${monitorA}/results`, { results: twice })).json()).toEqual({ accepted: 1, duplicates: 1 });
    expect(await report(operator, cesisId, '2026-10')).toEqual(before);
    const stored = (await t.database.ownerQuery(`SELECT count(*)::int AS n, bool_and(ok) AS ok FROM probe_results WHERE monitor_id = '${monitorA}' AND at = '2026-12-01T00:00:00Z'`)) as { n: number; ok: boolean }[];
    expect(stored[0]).toEqual({ n: 1, ok: true });
  });

  it('gives the same figures once the rollup has summarised the raw results', async () => {
    const months = ['2026-03', '2026-10', '2026-11'];
    const before = await Promise.all(months.map((m) => report(operator, cesisId, m)));
    // A partial rollup first (rolled segments and raw results meet mid-month), then all of it.
    expect((await rollUpAvailability(t.deps, { maxChunks: 40 })).pending).toBeGreaterThan(0);
    expect(await Promise.all(months.map((m) => report(operator, cesisId, m)))).toEqual(before);
    expect(await rollUpAvailability(t.deps, { maxChunks: 5_000 })).toMatchObject({ pending: 0 });
    const segments = (await t.database.ownerQuery('SELECT count(*)::int AS n FROM monitor_segments')) as { n: number }[];
    expect(segments[0]!.n).toBeGreaterThan(0);
    expect(await Promise.all(months.map((m) => report(operator, cesisId, m)))).toEqual(before);
  }, 120_000);

  it('an operator excludes an outage with a reason: audited, shown, and only for whom it applies', async () => {
    const bad = await operator.post('/api/v1/sla-exclusions', { serviceId: service.A, startsAt: '2026-10-20T12:10:00Z', endsAt: '2026-10-20T12:00:00Z', reason: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsAt', 'reason']);
    expect((await (await signIn(t.app, 'dienests@rda.lv')).post('/api/v1/sla-exclusions', { serviceId: service.A, startsAt: '2026-10-20T12:00:00Z', endsAt: '2026-10-20T12:10:00Z', reason: 'x' })).statusCode).toBe(403);
    const created = await operator.post('/api/v1/sla-exclusions', { serviceId: service.A, tenantId: cesisId, startsAt: '2026-10-20T11:00:00Z', endsAt: '2026-10-20T13:00:00Z', reason: 'Zondes kļūme LVRTC tīklā' });
    expect(created.statusCode, created.body).toBe(201);
    const exclusionId = created.json().id;
    const a = await line('2026-10', 'A');
    // The 600 s of 20 Oct move from down to excluded; up stays 2,671,200.
    // 2,671,200 / (2,671,200 + 3,600) = 99.86542…%; coverage (2,674,800 + 600) / 2,682,000 unchanged.
    expect(a).toMatchObject({ upSeconds: 2_671_200, downSeconds: 3_600, excludedSeconds: 600, unknownSeconds: 6_600 });
    expect(a.availabilityPercent).toBeCloseTo(99.8654, 4);
    expect(a.coveragePercent).toBeCloseTo(99.7539, 4);
    expect((a.outages as unknown[])[0]).toEqual({ start: '2026-10-20T12:00:00.000Z', end: '2026-10-20T12:10:00.000Z', seconds: 600, excludedSeconds: 600, exclusionIds: [exclusionId] });
    expect(a.exclusions).toEqual([expect.objectContaining({ id: exclusionId, reason: 'Zondes kļūme LVRTC tīklā', createdBy: expect.any(String) })]);
    // Sigulda uses the same service, but the exclusion was for Cēsis only.
    expect(await line('2026-10', 'A', siguldaId)).toMatchObject({ downSeconds: 4_200, excludedSeconds: 0, exclusions: [] });
    const audit = (await operator.get('/api/v1/audit-events?action=sla_exclusion.created')).json();
    const events = (Array.isArray(audit) ? audit : audit.items) as { action: string; entityId: string }[];
    expect(events.filter((e) => e.action === 'sla_exclusion.created').map((e) => e.entityId)).toContain(exclusionId);
    // The municipality sees its exclusion listed; the neighbour does not.
    expect((await cesisAdmin.get('/api/v1/sla-exclusions?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z')).json().items.map((e: { id: string }) => e.id)).toEqual([exclusionId]);
    expect((await (await signIn(t.app, 'admin@sigulda.lv')).get('/api/v1/sla-exclusions?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z')).json().items).toEqual([]);
  });

  it('a withdrawn exclusion no longer counts, stays on record with its reason, and is withdrawn once', async () => {
    const created = await operator.post('/api/v1/sla-exclusions', { serviceId: service.A, tenantId: siguldaId, startsAt: '2026-10-20T11:00:00Z', endsAt: '2026-10-20T13:00:00Z', reason: 'Kļūdaini: šķita zondes kļūme' });
    const id = created.json().id as string;
    expect(await line('2026-10', 'A', siguldaId)).toMatchObject({ downSeconds: 3_600, excludedSeconds: 600 });
    expect((await operator.post(`/api/v1/sla-exclusions/${id}/withdraw`, { reason: ' ' })).json().errors[0].field).toBe('reason');
    expect((await cesisAdmin.post(`/api/v1/sla-exclusions/${id}/withdraw`, { reason: 'x' })).statusCode).toBe(403);
    const withdrawn = await operator.post(`/api/v1/sla-exclusions/${id}/withdraw`, { reason: 'Pārtraukums bija īsts: serveris nebija pieejams' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().withdrawal).toMatchObject({ reason: 'Pārtraukums bija īsts: serveris nebija pieejams' });
    // Back to the figures without any exclusion for Sigulda.
    expect(await line('2026-10', 'A', siguldaId)).toMatchObject({ downSeconds: 4_200, excludedSeconds: 0, exclusions: [] });
    expect((await operator.post(`/api/v1/sla-exclusions/${id}/withdraw`, { reason: 'vēlreiz' })).statusCode).toBe(409);
    expect((await operator.post('/api/v1/sla-exclusions/00000000-0000-4000-8000-000000000000/withdraw', { reason: 'x' })).statusCode).toBe(404);
    const audit = (await operator.get('/api/v1/audit-events?action=sla_exclusion.withdrawn')).json();
    expect(((Array.isArray(audit) ? audit : audit.items) as { entityId: string }[]).map((e) => e.entityId)).toContain(id);
  });

  it('a municipality reads its own report only, as JSON, CSV or PDF', async () => {
    const own = await report(cesisAdmin, cesisId, '2026-11');
    expect(own.tenantId).toBe(cesisId);
    expect(own.services.map((s) => s.serviceCode).sort()).toEqual(['DVS', 'EPAK', 'GIS', 'SLAA', 'SLAB', 'SLAD', 'SLAE']);
    const neighbour = await signIn(t.app, 'admin@sigulda.lv');
    expect((await neighbour.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-11`)).statusCode).toBe(404);
    expect((await neighbour.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-11?format=csv`)).statusCode).toBe(404);
    expect((await (await signIn(t.app, 'lietotajs@cesis.lv')).get(`/api/v1/tenants/${cesisId}/sla-reports/2026-11`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tenants/${cesisId}/sla-reports/2026-11` })).statusCode).toBe(401);

    const csv = await cesisAdmin.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10?format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = csv.body.trim().split('\r\n').map((r) => r.split(','));
    expect(rows[0]).toEqual(['service_code', 'service_name', 'period_start', 'period_end', 'availability_percent', 'target_percent', 'met', 'up_seconds', 'down_seconds', 'maintenance_seconds', 'unknown_seconds', 'excluded_seconds', 'coverage_percent', 'outages']);
    expect(rows.find((r) => r[0] === 'SLAA')).toEqual(['SLAA', 'Pārbaudes pakalpojums A', '2026-09-30T21:00:00.000Z', '2026-10-31T22:00:00.000Z', '99.8654', '97', 'yes', '2671200', '3600', '0', '6600', '600', '99.7539', '2']);

    const pdf = await cesisAdmin.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Service A's October as printed — durations and percentages as the report page writes them
    // (src/domain/figures.ts) — from the hand-computed figures above (after the 600 s exclusion):
    // up 2,671,200 s = 742 h; down 3,600 s; unknown 6,600 s = 1 h 50 min; excluded 600 s;
    // availability 2,671,200 / 2,674,800 = 99.8654…% → 99,865 %; coverage 2,675,400 / 2,682,000 = 99.7539…% → 99,754 %.
    // Riga is UTC+3 until 25 October and UTC+2 after it. The platform's ICU data decides whether a
    // Latvian date ends with a dot before the time ("01.10.2026. 00:00"); either is accepted.
    const riga = (text: string) => expect.stringMatching(new RegExp(`^${text.replace(/[.()]/g, '\\$&').replace(/(\d{2}\\\.\d{2}\\\.\d{4})/g, '$1\\.?')}$`));
    const printed = await pdfLines(pdf.rawPayload);
    expect(printed.slice(0, 2)).toEqual(['Pakalpojumu pieejamības pārskats', 'Cēsu novada pašvaldība · 2026. gada oktobris']);
    expect(printed).toContain('Pārbaudes pakalpojums A 99,865 % 97 % Jā');
    const start = printed.indexOf('Pārbaudes pakalpojums A (SLAA)');
    expect(start).toBeGreaterThan(0);
    const end = printed.findIndex((l, i) => i > start && (/ \([A-Z]+\)$/.test(l) || l === 'Definīcijas'));
    expect(printed.slice(start + 1, end)).toEqual([
      'Pieejamība 99,865 %',
      'Mērķis 97 %',
      'Mērķis sasniegts Jā',
      'Darbojās 742 st.',
      'Nedarbojās 1 st.',
      'Plānotā apkope 0 min',
      'Nav datu 1 st. 50 min',
      'Izslēgts no SLA 10 min',
      'Pārklājums 99,754 %',
      riga('Periods 01.10.2026 00:00 – 01.11.2026 00:00'),
      'Pārtraukumi',
      'Sākums Beigas Ilgums',
      riga('20.10.2026 15:00 20.10.2026 15:10 10 min'),
      riga('31.10.2026 23:00 01.11.2026 00:00 1 st.'),
      'Izslēgts no SLA aprēķina',
      riga('20.10.2026 14:00 – 20.10.2026 16:00: Zondes kļūme LVRTC tīklā (operators@rda.lv)'),
    ]);
    // The same report for an English reader: English headings and definitions, decimal points.
    const english = await cesisAdmin.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10?format=pdf&lang=en`);
    const englishLines = await pdfLines(english.rawPayload);
    expect(englishLines.slice(0, 2)).toEqual(['Service availability report', 'Cēsu novada pašvaldība · October 2026']);
    expect(englishLines).toEqual(expect.arrayContaining(['Pārbaudes pakalpojums A 99.865% 97% Yes', 'Availability 99.865%', 'Up 742 h', 'Down 1 h', 'No data 1 h 50 min', 'Coverage 99.754%', 'Excluded from the SLA computation', 'Definitions']));
    expect(englishLines.join('\n')).not.toMatch(/Pieejamība|Definīcijas|\d,\d{3} ?%/);
  }, 60_000);

  it('refuses a bad month, format or municipality with a problem naming it', async () => {
    const month = await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-13`);
    expect(month.statusCode).toBe(400);
    expect(month.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(month.json().errors[0].field).toBe('month');
    for (const far of ['9999-12', '0000-01']) {
      const res = await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/${far}`);
      expect(res.statusCode, far).toBe(400);
      expect(res.json().errors[0].field).toBe('month');
    }
    const format = await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10?format=xml`);
    expect(format.statusCode).toBe(400);
    expect(format.json().errors[0].field).toBe('format');
    const language = await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10?format=pdf&lang=de`);
    expect(language.statusCode).toBe(400);
    expect(language.json().errors[0].field).toBe('lang');
    expect((await operator.get('/api/v1/tenants/00000000-0000-4000-8000-000000000000/sla-reports/2026-10')).statusCode).toBe(404);
    expect((await operator.get('/api/v1/tenants/not-an-id/sla-reports/2026-10')).statusCode).toBe(404);
  });
});
