import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { smtpReceiver } from '../support/smtp-receiver.js';

const START = Date.parse('2026-10-01T08:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

// `announcedAt` is the moment Kopa's notice was actually delivered (issue 14): pending until the
// outbox sender has sent it, unchanged by later sends, never set while the mail server refuses, and
// kept as an operator declared it. Only an announced window is maintenance in reports and status.
describe.each(BACKENDS)('maintenance announced when its notice is sent on %s', (backend) => {
  let t: TestApp;
  let now = new Date(START);
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let operator: Client;
  let serviceId: string;
  let cesisId: string;
  const working = () => createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });

  const at = async (instant: number) => {
    now = new Date(instant);
    operator = await signIn(t.app, 'operators@rda.lv');
  };
  const windowOf = async (id: string) => (await operator.get(`/api/v1/maintenance-windows/${id}`)).json() as { announcedAt: string | null; announcementStatus: string; declaredBy: string | null };
  const plan = async (startsAt: number, extra: Record<string, unknown> = {}) => {
    const res = await operator.post('/api/v1/maintenance-windows', { serviceIds: [serviceId], startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + 2 * 3_600_000).toISOString(), title: 'Arhīva apkope', ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; announcedAt: string | null; announcementStatus: string };
  };

  beforeAll(async () => {
    smtp = await smtpReceiver();
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = working();
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' };
    operator = await signIn(t.app, 'operators@rda.lv');
    const service = await operator.post('/api/v1/services', { code: 'ARH', name: { lv: 'Arhīvu sistēma', en: 'Archive system' } });
    expect(service.statusCode, service.body).toBe(201);
    serviceId = service.json().id;
    cesisId = ((await (await signIn(t.app, 'admin@cesis.lv')).get('/api/v1/tenants')).json().items[0].id) as string;
    expect((await operator.post(`/api/v1/tenants/${cesisId}/subscriptions`, { serviceId, from: '2026-01-01' })).statusCode).toBe(201);
    await sendOutbox(t.deps);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('is pending until the sender delivers the notice, then the send time, and a later change leaves it there', async () => {
    const created = await plan(START + 5 * DAY);
    expect(created).toMatchObject({ announcedAt: null, announcementStatus: 'pending' });
    // The sender runs seven minutes later: that is when Cēsis heard of it.
    await at(START + 7 * MINUTE);
    const pass = await sendOutbox(t.deps);
    expect([pass.sent, pass.failures]).toEqual([2, []]);
    const sentAt = new Date(START + 7 * MINUTE).toISOString();
    expect(await windowOf(created.id)).toMatchObject({ announcedAt: sentAt, announcementStatus: 'sent', declaredBy: null });

    expect((await operator.patch(`/api/v1/maintenance-windows/${created.id}`, { title: 'Arhīva apkope (ilgāka)' })).statusCode).toBe(200);
    await at(START + 30 * MINUTE);
    expect((await sendOutbox(t.deps)).sent).toBe(2);
    expect((await windowOf(created.id)).announcedAt).toBe(sentAt);
  });

  it('stays pending while the mail server refuses, and is announced when a retry gets through', async () => {
    await at(START + DAY);
    t.deps.notifier = createNotifier({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'Kopa <kopa@rda.lv>' });
    try {
      const created = await plan(START + 6 * DAY);
      const pass = await sendOutbox(t.deps);
      expect([pass.sent, pass.failures.length]).toEqual([0, 2]);
      expect(await windowOf(created.id)).toMatchObject({ announcedAt: null, announcementStatus: 'pending' });
      t.deps.notifier = working();
      await at(START + DAY + 10 * MINUTE);
      expect((await sendOutbox(t.deps)).sent).toBe(2);
      expect(await windowOf(created.id)).toMatchObject({ announcedAt: new Date(START + DAY + 10 * MINUTE).toISOString(), announcementStatus: 'sent' });
    } finally {
      t.deps.notifier = working();
    }
  });

  it('keeps an operator’s declared earlier announcement when Kopa’s own notice is sent', async () => {
    await at(START + 2 * DAY);
    const created = await plan(START + 7 * DAY, { announcedAt: '2026-09-01T08:00:00Z' });
    expect(created).toMatchObject({ announcedAt: '2026-09-01T08:00:00.000Z', announcementStatus: 'declared' });
    expect((await sendOutbox(t.deps)).sent).toBe(2);
    expect(await windowOf(created.id)).toMatchObject({ announcedAt: '2026-09-01T08:00:00.000Z', announcementStatus: 'declared', declaredBy: expect.any(String) });
  });

  it('with nobody subscribed there is nobody to notify, and the window stays unannounced', async () => {
    const lonely = await operator.post('/api/v1/services', { code: 'NEK', name: 'Neviena neizmantots' });
    const res = await operator.post('/api/v1/maintenance-windows', { serviceIds: [lonely.json().id], startsAt: new Date(START + 8 * DAY).toISOString(), endsAt: new Date(START + 8 * DAY + 3_600_000).toISOString(), title: 'Nevienam' });
    expect(res.json()).toMatchObject({ announcedAt: null, announcementStatus: 'no_recipients' });
    await sendOutbox(t.deps);
    expect((await windowOf(res.json().id)).announcementStatus).toBe('no_recipients');
  });

  it('a window whose notice was never sent is ordinary time in the SLA report and not maintenance on the status page', async () => {
    await at(Date.parse('2026-10-10T08:00:00Z'));
    t.deps.notifier = createNotifier({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'Kopa <kopa@rda.lv>' });
    try {
      const unsent = await plan(Date.parse('2026-10-20T08:00:00Z'), { title: 'Nenosūtīta' });
      expect((await sendOutbox(t.deps)).failures).toHaveLength(2);
      // During it: Cēsis' status page shows no maintenance, the sent ones of other days aside.
      await at(Date.parse('2026-10-20T09:00:00Z'));
      const admin = await signIn(t.app, 'admin@cesis.lv');
      const status = (await admin.get(`/api/v1/tenants/${cesisId}/status`)).json();
      expect(status.maintenance.map((m: { id: string }) => m.id)).not.toContain(unsent.id);
      expect(status.services.find((s: { code: string }) => s.code === 'ARH').state).not.toBe('maintenance');
      // After the month: the sent windows are excluded, the unsent one counts as ordinary time.
      await at(Date.parse('2026-11-02T00:00:00Z'));
      const report = (await operator.get(`/api/v1/tenants/${cesisId}/sla-reports/2026-10?live=true`)).json();
      const arh = report.services.find((s: { serviceCode: string }) => s.serviceCode === 'ARH');
      expect(arh.maintenance.find((m: { id: string }) => m.id === unsent.id)).toMatchObject({ announcedAt: null, counted: false });
      expect(arh.maintenance.filter((m: { counted: boolean }) => m.counted)).toHaveLength(3);
      // Three announced windows of two hours each; the unsent one's two hours are not among them.
      expect(arh.maintenanceSeconds).toBe(3 * 7200);
    } finally {
      t.deps.notifier = working();
    }
  });
});
