import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { smtpReceiver } from '../support/smtp-receiver.js';

/** Unfolded iCalendar lines of a raw mail's calendar part (nodemailer may base64 or QP it). */
function icsOf(raw: string): string[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)![1]!;
  for (const part of raw.split(`--${boundary}`)) {
    const [head, ...rest] = part.split('\r\n\r\n');
    if (!head || !/Content-Type: text\/calendar/i.test(head)) continue;
    const body = rest.join('\r\n\r\n').trim();
    const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(head)?.[1]?.toLowerCase();
    const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : encoding === 'quoted-printable' ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8') : body;
    return text.replace(/\r\n[ \t]/g, '').split('\r\n');
  }
  return [];
}

interface Window { id: string; title: string; startsAt: string; endsAt: string; sequence: number; seriesId: string | null; status: string; serviceIds: string[] }

// PATCH with scope series: every occurrence not yet ended changes (one under way keeps its start),
// by the same Riga wall-clock move across the clock change, with one notice per recipient and one audit entry.
describe.each(BACKENDS)('changing a whole maintenance series on %s', (backend) => {
  let t: TestApp;
  let now = new Date('2026-10-01T08:00:00Z');
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let operator: Client;
  let serviceId: string;
  let seriesId: string;

  const deliver = async () => {
    const before = smtp.mails.length;
    expect((await sendOutbox(t.deps)).failures).toEqual([]);
    return smtp.mails.slice(before);
  };
  const windows = async () => ((await operator.get('/api/v1/maintenance-windows?from=2026-09-01T00:00:00Z&to=2027-06-01T00:00:00Z&limit=200')).json().items as Window[]).filter((w) => w.seriesId === seriesId);

  beforeAll(async () => {
    smtp = await smtpReceiver();
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' };
    operator = await signIn(t.app, 'operators@rda.lv');
    serviceId = (await operator.post('/api/v1/services', { code: 'ARH', name: 'Arhīvu sistēma' })).json().id;
    const cesisId = (await (await signIn(t.app, 'admin@cesis.lv')).get('/api/v1/tenants')).json().items[0].id as string;
    expect((await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId, from: '2026-01-01' })).statusCode).toBe(201);
    // Second Tuesdays 22:00–01:00 Riga: 13 Oct (EEST), 10 Nov and 8 Dec (EET).
    const res = await operator.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: '2026-10-13T19:00:00Z', endsAt: '2026-10-13T22:00:00Z', title: 'Datubāzes apkope', recurrence: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3' });
    expect(res.statusCode, res.body).toBe(201);
    seriesId = res.json().seriesId;
    await deliver();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('refuses a rule change, a move to another day, and scope series on a single window', async () => {
    const [october] = await windows();
    const rule = await operator.patch(`/api/v1/maintenance-windows/${october!.id}`, { scope: 'series', recurrence: 'FREQ=WEEKLY' });
    expect([rule.statusCode, rule.json().errors]).toEqual([400, [expect.objectContaining({ field: 'recurrence', code: 'unknown_field' })]]);
    const day = await operator.patch(`/api/v1/maintenance-windows/${october!.id}`, { scope: 'series', startsAt: '2026-10-14T19:00:00Z', endsAt: '2026-10-14T22:00:00Z' });
    expect([day.statusCode, day.json().errors.map((e: { field: string }) => e.field)]).toEqual([400, ['startsAt']]);
    const single = await operator.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: '2026-10-20T19:00:00Z', endsAt: '2026-10-20T20:00:00Z', title: 'Viena' });
    const scope = await operator.patch(`/api/v1/maintenance-windows/${single.json().id}`, { scope: 'series', title: 'x' });
    expect([scope.statusCode, scope.json().errors.map((e: { field: string }) => e.field)]).toEqual([400, ['scope']]);
    await deliver();
  });

  it('moves every occurrence not yet ended by the same Riga time, keeps the start of one under way, tells each recipient once and audits once', async () => {
    // During the October occurrence (23:00 Riga): it is under way.
    now = new Date('2026-10-13T20:00:00Z');
    operator = await signIn(t.app, 'operators@rda.lv');
    const [october, november] = await windows();
    // Through November's occurrence: 22:00–01:00 becomes 21:00–01:30, with a new title.
    const res = await operator.patch(`/api/v1/maintenance-windows/${november!.id}`, { scope: 'series', title: 'Datubāzes apkope (ilgāka)', startsAt: '2026-11-10T19:00:00Z', endsAt: '2026-11-10T23:30:00Z' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: november!.id, title: 'Datubāzes apkope (ilgāka)', startsAt: '2026-11-10T19:00:00.000Z', sequence: 1 });
    const after = await windows();
    expect(after.map((w) => [w.title, w.startsAt, w.endsAt, w.sequence])).toEqual([
      // Under way: its start stays, its end moves to 01:30 EEST.
      ['Datubāzes apkope (ilgāka)', october!.startsAt, '2026-10-13T22:30:00.000Z', 1],
      ['Datubāzes apkope (ilgāka)', '2026-11-10T19:00:00.000Z', '2026-11-10T23:30:00.000Z', 1],
      ['Datubāzes apkope (ilgāka)', '2026-12-08T19:00:00.000Z', '2026-12-08T23:30:00.000Z', 1],
    ]);
    const mails = await deliver();
    expect(mails.map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    const lines = icsOf(mails[0]!.raw);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(after.map((w) => `UID:maintenance-${w.id}@kopa`));
    expect(lines.filter((l) => l.startsWith('SEQUENCE:'))).toEqual(['SEQUENCE:1', 'SEQUENCE:1', 'SEQUENCE:1']);
    expect(lines.filter((l) => l.startsWith('DTSTART;'))).toEqual(['DTSTART;TZID=Europe/Riga:20261013T220000', 'DTSTART;TZID=Europe/Riga:20261110T210000', 'DTSTART;TZID=Europe/Riga:20261208T210000']);
    const audit = (await operator.get(`/api/v1/audit-events?entityId=${seriesId}`)).json();
    expect((Array.isArray(audit) ? audit : audit.items).map((e: { action: string }) => e.action).filter((a: string) => a === 'maintenance_series.changed')).toHaveLength(1);
  });

  it('leaves an ended occurrence alone and changes only the rest; an empty series change tells no one', async () => {
    now = new Date('2026-10-20T08:00:00Z');
    operator = await signIn(t.app, 'operators@rda.lv');
    const [october, november] = await windows();
    const res = await operator.patch(`/api/v1/maintenance-windows/${november!.id}`, { scope: 'series', description: 'Arhīvs nebūs pieejams' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await windows();
    expect(after[0]).toMatchObject({ id: october!.id, sequence: 1 });
    expect(after.slice(1).map((w) => w.sequence)).toEqual([2, 2]);
    expect((await deliver()).length).toBe(2);
    expect((await operator.patch(`/api/v1/maintenance-windows/${november!.id}`, { scope: 'series', description: 'Arhīvs nebūs pieejams' })).statusCode).toBe(200);
    expect(await deliver()).toEqual([]);
  });
});
