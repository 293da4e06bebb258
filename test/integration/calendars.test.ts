import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

describe.each(BACKENDS)('calendars API on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let tenantUser: Client;

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signIn(t.app, 'operators@rda.lv');
    tenantUser = await signIn(t.app, 'lietotajs@cesis.lv');
  });
  afterAll(() => t.close());

  it('lists the built-in lv calendar for everyone signed in', async () => {
    const res = await tenantUser.get('/api/v1/calendars');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ id: 'lv', timeZone: 'Europe/Riga', rules: 'lv', exceptionCount: 0 })]);
  });

  it('gives days with hours and reasons (Midsummer 2026)', async () => {
    const res = await tenantUser.get('/api/v1/calendars/lv/days?from=2026-06-19&to=2026-06-27');
    expect(res.statusCode).toBe(200);
    const byDate = Object.fromEntries(res.json().map((d: { date: string }) => [d.date, d]));
    expect(byDate['2026-06-19']).toMatchObject({ working: true, opens: '08:30', closes: '17:00', reason: null });
    expect(byDate['2026-06-22']).toMatchObject({ working: false, opens: null, closes: null });
    expect(byDate['2026-06-23']).toMatchObject({ working: false, reason: 'Līgo diena' });
    expect(byDate['2026-06-27']).toMatchObject({ working: true, kind: 'shortened', opens: '08:30', closes: '16:00' });
    expect(res.json()).toHaveLength(9);
  });

  it('answers business time and deadlines, hand-computed across Christmas 2026', async () => {
    // Wed 23 Dec 15:30 Riga = 13:30Z; the day ends 16:00, then Mon 28 Dec 08:30 Riga = 06:30Z.
    const bt = await tenantUser.get('/api/v1/calendars/lv/business-time?from=2026-12-23T13:30:00Z&to=2026-12-28T07:00:00Z');
    expect(bt.json()).toEqual({ seconds: 3600, minutes: 60 });
    const dl = await tenantUser.get('/api/v1/calendars/lv/deadline?start=2026-12-23T13:30:00Z&minutes=45');
    expect(dl.json()).toEqual({ deadline: '2026-12-28T06:45:00.000Z' });
  });

  it('lets operators add next year’s transfer as exceptions, which change the answers at once', async () => {
    const off = await operator.post('/api/v1/calendars/lv/exceptions', { date: '2027-05-03', kind: 'day_off', reason: 'MK rīkojums par darba dienu pārcelšanu 2027. gadā' });
    expect(off.statusCode).toBe(201);
    const work = await operator.post('/api/v1/calendars/lv/exceptions', { date: '2027-05-08', kind: 'custom_hours', opens: '08:30', closes: '16:00', reason: 'Pārceltā darba diena no 3. maija' });
    expect(work.statusCode).toBe(201);
    const days = (await tenantUser.get('/api/v1/calendars/lv/days?from=2027-05-03&to=2027-05-08')).json();
    expect(days[0]).toMatchObject({ date: '2027-05-03', working: false, reason: 'MK rīkojums par darba dienu pārcelšanu 2027. gadā' });
    expect(days[5]).toMatchObject({ date: '2027-05-08', working: true, opens: '08:30', closes: '16:00' });

    const again = await operator.post('/api/v1/calendars/lv/exceptions', { date: '2027-05-03', kind: 'day_off', reason: 'x' });
    expect(again.statusCode).toBe(409);
    expect((await operator.delete('/api/v1/calendars/lv/exceptions/2027-05-08')).statusCode).toBe(204);
    const after = (await tenantUser.get('/api/v1/calendars/lv/days?from=2027-05-08&to=2027-05-08')).json();
    expect(after[0]).toMatchObject({ working: false });
  });

  it('creates a 24×7 calendar', async () => {
    const all = [{ opens: '00:00', closes: '24:00' }];
    const res = await operator.post('/api/v1/calendars', {
      id: '24x7', name: 'Visu diennakti', weeklyHours: { monday: all, tuesday: all, wednesday: all, thursday: all, friday: all, saturday: all, sunday: all },
    });
    expect(res.statusCode).toBe(201);
    // 25 hours on the day clocks go back (25 Oct 2026).
    const bt = await tenantUser.get('/api/v1/calendars/24x7/business-time?from=2026-10-24T21:00:00Z&to=2026-10-25T22:00:00Z');
    expect(bt.json().minutes).toBe(25 * 60);
  });

  it('exports iCalendar with holidays and shortened days', async () => {
    const res = await tenantUser.get('/api/v1/calendars/lv.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(res.body).toContain('DTSTART;VALUE=DATE:20261118');
    expect(res.body).toContain('UID:lv-2026-11-17@kopa');
  });

  it('refuses bad input and non-operators', async () => {
    expect((await tenantUser.post('/api/v1/calendars/lv/exceptions', { date: '2027-01-04', kind: 'day_off', reason: 'x' })).statusCode).toBe(403);
    const bad = await operator.post('/api/v1/calendars/lv/exceptions', { date: '2027-02-30', kind: 'custom_hours', reason: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['date', 'opens']);
    const reversed = await operator.post('/api/v1/calendars/lv/exceptions', { date: '2027-02-01', kind: 'custom_hours', opens: '17:00', closes: '09:00', reason: 'x' });
    expect(reversed.json().errors[0].field).toBe('closes');
    expect((await tenantUser.get('/api/v1/calendars/lv/business-time?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z')).statusCode).toBe(400);
    expect((await tenantUser.get('/api/v1/calendars/lv/deadline?start=yesterday&minutes=5')).json().errors[0].field).toBe('start');
    expect((await tenantUser.get('/api/v1/calendars/nope/days?from=2026-01-01&to=2026-01-02')).statusCode).toBe(404);
  });
});
