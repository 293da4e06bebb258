import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMaintenanceNotices } from '../../src/app/monitoring/maintenance-notice-job.js';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { smtpReceiver, type ReceivedMail } from '../support/smtp-receiver.js';

type Mail = ReceivedMail;

/** RFC 2047 encoded words (nodemailer writes non-ASCII subjects so). */
function decodeWords(value: string): string {
  return value.replace(/\s*=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function subjectOf(raw: string): string {
  const m = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw);
  return decodeWords(m![1]!.replace(/\r\n[ \t]/g, ' '));
}

/** The text/calendar part of a mail, decoded, or null; and its Content-Type line. */
function calendarPart(raw: string): { contentType: string; text: string } | null {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) return null;
  for (const part of raw.split(`--${boundary}`)) {
    const [head, ...rest] = part.split('\r\n\r\n');
    if (!head || !/Content-Type: text\/calendar/i.test(head)) continue;
    const body = rest.join('\r\n\r\n').trim();
    const contentType = /Content-Type: ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)/i.exec(head)![1]!.replace(/\r\n[ \t]+/g, ' ');
    const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(head)?.[1]?.toLowerCase();
    const text =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
          : body;
    return { contentType, text };
  }
  return null;
}

/** Unfolded iCalendar lines. */
const icsLines = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

const START = Date.parse('2026-10-01T08:00:00Z');

describe.each(BACKENDS)('maintenance notices on %s', (backend) => {
  let t: TestApp;
  let now = new Date(START);
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let operator: Client;
  let desk: Client;
  let serviceId: string;
  let cesisId: string;

  /** Sends what the outbox holds and returns the new mails. */
  const deliver = async () => {
    const before = smtp.mails.length;
    const pass = await sendOutbox(t.deps);
    expect(pass.failures).toEqual([]);
    return smtp.mails.slice(before);
  };
  const byRecipient = (mails: Mail[]) => new Map(mails.map((m) => [m.to.join(), m]));
  /** Moves the clock (the outbox sends what is due by it); sessions older than their lifetime end, so sign in again. */
  const moveClockTo = async (iso: string | number) => {
    now = new Date(iso);
    operator = await signIn(t.app, 'operators@rda.lv');
    desk = await signIn(t.app, 'dienests@rda.lv');
  };

  beforeAll(async () => {
    smtp = await smtpReceiver();
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' };
    operator = await signIn(t.app, 'operators@rda.lv');
    desk = await signIn(t.app, 'dienests@rda.lv');
    // A service only Cēsis uses: Sigulda and the others must hear nothing of its maintenance.
    const service = await operator.post('/api/v1/services', { code: 'ARH', name: { lv: 'Arhīvu sistēma', en: 'Archive system' } });
    expect(service.statusCode, service.body).toBe(201);
    serviceId = service.json().id;
    const cesisAdmin = await signIn(t.app, 'admin@cesis.lv');
    cesisId = (await cesisAdmin.get('/api/v1/tenants')).json().items[0].id;
    expect((await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId, from: '2026-01-01' })).statusCode).toBe(201);
    // Cēsis' administrator reads English; the municipality's contact address reads Latvian.
    expect((await cesisAdmin.patch('/api/v1/session', { locale: 'en' })).statusCode).toBe(200);
    await deliver(); // nothing else is queued, but start clean
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  let series: { id: string; startsAt: string; endsAt: string; seriesId: string }[] = [];

  it('a monthly series over the October clock change: one notice per recipient of the subscribed municipality, in their language, with every occurrence at 22:00 Riga time', async () => {
    const res = await desk.post('/api/v1/maintenance-windows', {
      serviceIds: [serviceId], startsAt: '2026-10-13T19:00:00Z', endsAt: '2026-10-13T22:00:00Z', title: 'Datubāzes apkope', description: 'Arhīvs nebūs pieejams; lūdzam, plānojiet darbu', recurrence: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=3',
    });
    expect(res.statusCode, res.body).toBe(201);
    // Announced when the notice is sent (maintenance-announcement.test.ts), not when it is recorded.
    // Recorded at the app's clock, as the reminder's rule reads it (not the database's: a test's clock is months from it).
    expect(res.json()).toMatchObject({ startsAt: '2026-10-13T19:00:00.000Z', createdAt: new Date(START).toISOString(), announcedAt: null, announcementStatus: 'pending', declaredBy: null, status: 'scheduled', sequence: 0, seriesId: expect.any(String) });
    const listed = (await operator.get('/api/v1/maintenance-windows?from=2026-10-01T00:00:00Z&to=2027-01-01T00:00:00Z')).json().items as { id: string; startsAt: string; endsAt: string; seriesId: string }[];
    series = listed.filter((w) => w.seriesId === res.json().seriesId);
    // 22:00 EEST is 19:00 UTC; after the last Sunday of October, 22:00 EET is 20:00 UTC.
    expect(series.map((w) => [w.startsAt, w.endsAt])).toEqual([
      ['2026-10-13T19:00:00.000Z', '2026-10-13T22:00:00.000Z'],
      ['2026-11-10T20:00:00.000Z', '2026-11-10T23:00:00.000Z'],
      ['2026-12-08T20:00:00.000Z', '2026-12-08T23:00:00.000Z'],
    ]);

    const mails = await deliver();
    expect(mails.map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    const mail = byRecipient(mails);
    expect(subjectOf(mail.get('pasts@cesis.lv')!.raw)).toBe('[Kopa] Plānota apkope: Datubāzes apkope, 2026-10-13 22:00 (+2)');
    expect(subjectOf(mail.get('admin@cesis.lv')!.raw)).toBe('[Kopa] Planned maintenance: Datubāzes apkope, 2026-10-13 22:00 (+2)');
    const ics = calendarPart(mail.get('admin@cesis.lv')!.raw)!;
    expect(ics.contentType).toMatch(/^text\/calendar; ?method=REQUEST; ?charset=utf-8/i);
    const lines = icsLines(ics.text);
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines.filter((l) => l.startsWith('DTSTART;'))).toEqual(['DTSTART;TZID=Europe/Riga:20261013T220000', 'DTSTART;TZID=Europe/Riga:20261110T220000', 'DTSTART;TZID=Europe/Riga:20261208T220000']);
    expect(lines.filter((l) => l.startsWith('DTEND;'))).toEqual(['DTEND;TZID=Europe/Riga:20261014T010000', 'DTEND;TZID=Europe/Riga:20261111T010000', 'DTEND;TZID=Europe/Riga:20261209T010000']);
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(series.map((w) => `UID:maintenance-${w.id}@kopa`));
    expect(lines).toContain('DESCRIPTION:Arhīvs nebūs pieejams\\; lūdzam\\, plānojiet darbu');
  });

  it('changing an occurrence tells the same people with the next SEQUENCE; an empty change tells no one', async () => {
    const november = series[1]!;
    const res = await desk.patch(`/api/v1/maintenance-windows/${november.id}`, { startsAt: '2026-11-10T19:00:00Z', title: 'Datubāzes apkope (ilgāka)' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ startsAt: '2026-11-10T19:00:00.000Z', endsAt: '2026-11-10T23:00:00.000Z', sequence: 1, title: 'Datubāzes apkope (ilgāka)' });
    const mails = await deliver();
    expect(mails.map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    expect(subjectOf(byRecipient(mails).get('pasts@cesis.lv')!.raw)).toBe('[Kopa] Mainīta apkope: Datubāzes apkope (ilgāka), 2026-11-10 21:00');
    const lines = icsLines(calendarPart(byRecipient(mails).get('admin@cesis.lv')!.raw)!.text);
    expect(lines).toEqual(expect.arrayContaining([`UID:maintenance-${november.id}@kopa`, 'SEQUENCE:1', 'DTSTART;TZID=Europe/Riga:20261110T210000', 'METHOD:REQUEST']));

    expect((await desk.patch(`/api/v1/maintenance-windows/${november.id}`, { title: 'Datubāzes apkope (ilgāka)' })).json().sequence).toBe(1);
    expect(await deliver()).toEqual([]);
    const audit = (await operator.get(`/api/v1/audit-events?entityId=${november.id}`)).json();
    expect((Array.isArray(audit) ? audit : audit.items).map((e: { action: string }) => e.action)).toContain('maintenance.changed');
  });

  it('cancelling an occurrence needs a reason, keeps it listed, sends METHOD:CANCEL, and it no longer counts as maintenance', async () => {
    const november = series[1]!;
    expect((await desk.post(`/api/v1/maintenance-windows/${november.id}/cancel`, { reason: ' ' })).json().errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const res = await desk.post(`/api/v1/maintenance-windows/${november.id}/cancel`, { reason: 'Piegādātājs pārcēla atjauninājumu' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Piegādātājs pārcēla atjauninājumu', cancelledAt: new Date(START).toISOString(), sequence: 2 });
    const again = await desk.post(`/api/v1/maintenance-windows/${november.id}/cancel`, { reason: 'vēlreiz' });
    expect([again.statusCode, again.json().reason]).toEqual([409, 'maintenance_cancelled']);
    expect((await desk.patch(`/api/v1/maintenance-windows/${november.id}`, { title: 'x' })).json().reason).toBe('maintenance_cancelled');

    const mails = await deliver();
    expect(mails.map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    const ics = calendarPart(byRecipient(mails).get('pasts@cesis.lv')!.raw)!;
    expect(ics.contentType).toMatch(/method=CANCEL/i);
    expect(icsLines(ics.text)).toEqual(expect.arrayContaining(['METHOD:CANCEL', 'STATUS:CANCELLED', 'SEQUENCE:2', `UID:maintenance-${november.id}@kopa`]));
    expect(subjectOf(byRecipient(mails).get('admin@cesis.lv')!.raw)).toMatch(/^\[Kopa\] Maintenance cancelled: /);

    // Still listed, with its reason; gone from the status page and from the month's report.
    const listed = (await operator.get('/api/v1/maintenance-windows?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z')).json().items as { id: string; status: string }[];
    expect(listed.find((w) => w.id === november.id)?.status).toBe('cancelled');
    const report = (await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-11?live=true`)).json();
    const arh = report.services.find((s: { serviceCode: string }) => s.serviceCode === 'ARH');
    expect(arh.maintenance).toEqual([]);
    expect(arh.maintenanceSeconds).toBe(0);
  });

  it('the job reminds the day before and says when it is completed, each once however often it runs', async () => {
    const december = series[2]!;
    // Midday on the day: the window starts at 22:00 Riga time (20:00 UTC), within 24 hours.
    await moveClockTo('2026-12-08T10:00:00Z');
    await runMaintenanceNotices(t.deps);
    await runMaintenanceNotices(t.deps);
    const reminders = await deliver();
    expect(reminders.map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    expect(subjectOf(byRecipient(reminders).get('pasts@cesis.lv')!.raw)).toBe('[Kopa] Atgādinājums: rīt apkope: Datubāzes apkope, 2026-12-08 22:00');
    expect(icsLines(calendarPart(byRecipient(reminders).get('admin@cesis.lv')!.raw)!.text)).toContain(`UID:maintenance-${december.id}@kopa`);

    await moveClockTo('2026-12-09T06:00:00Z');
    expect(await runMaintenanceNotices(t.deps)).toMatchObject({ reminders: 0, completed: 2 });
    await runMaintenanceNotices(t.deps);
    const completed = await deliver();
    expect(completed.map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    expect(subjectOf(byRecipient(completed).get('admin@cesis.lv')!.raw)).toBe('[Kopa] Maintenance completed: Datubāzes apkope, 2026-12-08 22:00');
    expect(calendarPart(byRecipient(completed).get('admin@cesis.lv')!.raw)).toBeNull();
    await moveClockTo(START);
  });

  it('a window that has ended is not changed or cancelled', async () => {
    const october = series[0]!;
    await moveClockTo('2026-10-20T00:00:00Z');
    const patch = await desk.patch(`/api/v1/maintenance-windows/${october.id}`, { title: 'Vēlāk' });
    expect([patch.statusCode, patch.json().reason]).toEqual([409, 'maintenance_ended']);
    expect((await desk.post(`/api/v1/maintenance-windows/${october.id}/cancel`, { reason: 'vēlu' })).json().reason).toBe('maintenance_ended');
    const municipal = await signIn(t.app, 'admin@sigulda.lv');
    expect((await municipal.post(`/api/v1/maintenance-windows/${october.id}/cancel`, { reason: 'x' })).statusCode).toBe(403);
    await moveClockTo(START);
  });

  it('cancelling a weekly series cancels every occurrence not yet ended, with one METHOD:CANCEL per recipient', async () => {
    const res = await desk.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: '2026-10-05T18:00:00Z', endsAt: '2026-10-05T19:00:00Z', title: 'Rezerves kopijas', recurrence: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4' });
    expect(res.statusCode, res.body).toBe(201);
    await deliver();
    const cancel = await desk.post(`/api/v1/maintenance-windows/${res.json().id}/cancel`, { reason: 'Vairs nav vajadzīgas', scope: 'series' });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const listed = ((await operator.get('/api/v1/maintenance-windows?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z')).json().items as { seriesId: string | null; status: string }[]).filter((w) => w.seriesId === res.json().seriesId);
    expect(listed.map((w) => w.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    const mails = await deliver();
    expect(mails.map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    const lines = icsLines(calendarPart(mails[0]!.raw)!.text);
    expect(lines.filter((l) => l === 'STATUS:CANCELLED')).toHaveLength(4);
    expect(lines).toContain('METHOD:CANCEL');
    // The series writes no more occurrences.
    expect((await runMaintenanceNotices({ ...t.deps, clock: { now: () => new Date('2027-06-01T00:00:00Z') } })).occurrences).toBe(0);
  });

  it('an announcement declared by an operator names them in the month’s report; Kopa still sends its notice', async () => {
    const res = await operator.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: '2026-11-20T20:00:00Z', endsAt: '2026-11-20T21:00:00Z', title: 'Tīkla darbi', announcedAt: '2026-09-01T08:00:00Z' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ announcedAt: '2026-09-01T08:00:00.000Z', declaredBy: expect.any(String) });
    expect((await deliver()).map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
    // A month in progress reports up to now, so the report is read once the window has passed.
    const before = now.getTime();
    await moveClockTo('2026-11-21T00:00:00Z');
    const report = (await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-11?live=true`)).json();
    await moveClockTo(before);
    const arh = report.services.find((s: { serviceCode: string }) => s.serviceCode === 'ARH');
    expect(arh.maintenance).toEqual([expect.objectContaining({ id: res.json().id, declaredBy: res.json().declaredBy, counted: true })]);
  });

  it('refuses an unsupported rule on the recurrence field, and a series of recurring windows keeps to a year ahead', async () => {
    const post = (recurrence: string) => desk.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: '2026-10-06T19:00:00Z', endsAt: '2026-10-06T20:00:00Z', title: 'Apkope', recurrence });
    const bad = await post('FREQ=YEARLY;BYMONTH=1');
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'recurrence', code: 'unsupported_rule' })]);
    const open = await post('FREQ=MONTHLY;BYDAY=-1TU');
    expect(open.statusCode, open.body).toBe(201);
    const ids = async () => ((await operator.get('/api/v1/maintenance-windows?from=2026-10-01T00:00:00Z&to=2028-12-01T00:00:00Z&limit=200')).json().items as { seriesId: string | null; startsAt: string }[]).filter((w) => w.seriesId === open.json().seriesId);
    expect((await ids()).length).toBe(12); // the last Tuesdays from October 2026 to September 2027
    await deliver();
    // Two months later the job writes the next two, and announces them.
    await moveClockTo('2026-12-07T00:00:00Z');
    const job = await runMaintenanceNotices(t.deps);
    expect(job.occurrences).toBe(2);
    const windows = await ids();
    expect(windows.map((w) => w.startsAt).slice(-2)).toEqual(['2027-10-26T19:00:00.000Z', '2027-11-30T20:00:00.000Z']);
    expect((await deliver()).length).toBe(4);
  });

  it('moving a window to another service still tells the municipalities of the old one', async () => {
    const other = await operator.post('/api/v1/services', { code: 'ARH2', name: 'Jaunā arhīvu sistēma' });
    expect(other.statusCode, other.body).toBe(201);
    const created = await desk.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: '2027-01-20T19:00:00Z', endsAt: '2027-01-20T20:00:00Z', title: 'Pārcelšana' });
    expect(created.statusCode, created.body).toBe(201);
    await deliver();
    // Nobody uses the new service; Cēsis, which uses the old one, must still hear that its window moved away.
    const moved = await desk.patch(`/api/v1/maintenance-windows/${created.json().id}`, { serviceIds: [other.json().id] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await deliver()).map((m) => m.to.join()).sort()).toEqual(['admin@cesis.lv', 'pasts@cesis.lv']);
  });
});
