import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboundMail, type InboundMailServer } from '../../src/jobs/inbound-mail.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

const DESK = 'atbalsts@kopa.rda.lv';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
const silent = { info() {}, warn() {}, error() {} };

interface Event { kind: string; body: string; actorLabel: string; byStaff: boolean; public: boolean; data: { enteredBy?: { label: string; inboundMailId: string } } | null }

/** The desk handles quarantined mail once: as a comment on a ticket, as a new ticket, or thrown away. */
describe.each(BACKENDS)('the desk handles quarantined mail on %s', (backend) => {
  let t: TestApp;
  let smtp: InboundMailServer;
  let transport: Transporter;
  let desk: Client;
  let cesis: string;
  let ticket: { id: string; number: string };
  let seq = 0;

  /** Sends a mail into the listener and answers its quarantine entry. */
  const quarantined = async (mail: SendMailOptions) => {
    const info = await transport.sendMail({ messageId: `<handle.${++seq}.${Date.now()}@example.com>`, to: DESK, subject: 'Sveiki', text: 'Teksts', ...mail });
    const all = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.inboundMail.list(tx, null, null, 500));
    const entry = all.find((m) => m.messageId === info.messageId)!;
    expect(entry.status).toBe('quarantined');
    return entry;
  };
  const userId = (email: string) => t.deps.store.run(SYSTEM, async (tx) => (await t.deps.store.users.findForLogin(tx, email))!.id);
  const ticketOf = async (id: string) => (await desk.get(`/api/v1/tickets/${id}`)).json() as { events: Event[]; sla: { reaction: { metAt: string | null } }; channel: string; tenantId: string; reporterLabel: string; reporterId: string | null; subject: string };
  const audited = async (action: string, entityId: string) => ((await (await signIn(t.app, 'operators@rda.lv')).get('/api/v1/audit-events?limit=200')).json().items as { action: string; entityId: string }[]).filter((e) => e.action === action && e.entityId === entityId);

  beforeAll(async () => {
    t = await startTestApp(backend);
    smtp = await startInboundMail({ deps: t.deps, settings: { deskAddress: DESK, ownAddresses: ['kopa@rda.lv'] }, port: 0, log: silent });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    desk = await signIn(t.app, 'dienests@rda.lv');
    const user = await signIn(t.app, 'lietotajs@cesis.lv');
    ticket = (await user.post('/api/v1/tickets', { priority: 'P3', subject: 'Portāls nestrādā', description: 'Kļūda 502' })).json();
    cesis = (await user.get('/api/v1/tenants')).json().items[0].id;
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
    await t.close();
  });

  it('attaches a mail to a ticket as its sender’s public comment entered by the desk person, with its allowed files, once', async () => {
    const mail = await quarantined({
      from: 'Pēteris <peteris@example.com>', subject: 'Par portālu', text: 'Arī mums nestrādā.\n\nOn Mon, Kopa wrote:\n> vecs\n',
      attachments: [{ filename: 'ekrans.png', content: PNG }, { filename: 'programma.exe', content: Buffer.from('MZ\x90\x00') }],
    });
    const attached = await desk.post(`/api/v1/inbound-mail/${mail.id}/attach`, { ticketId: ticket.id });
    expect(attached.statusCode).toBe(200);
    expect(attached.json()).toMatchObject({ status: 'attached', ticketId: ticket.id, tenantId: cesis, decidedBy: 'dienests@rda.lv', decidedById: await userId('dienests@rda.lv'), refusedAttachments: 1 });
    expect(attached.json().decidedAt).toEqual(expect.any(String));

    const after = await ticketOf(ticket.id);
    const comment = after.events.find((e) => e.kind === 'comment' && e.body === 'Arī mums nestrādā.');
    expect(comment).toMatchObject({ actorLabel: 'peteris@example.com', byStaff: false, public: true, data: { enteredBy: { label: 'dienests@rda.lv', inboundMailId: mail.id } } });
    // The sender is not the desk: their words do not answer the ticket.
    expect(after.sla.reaction.metAt).toBeNull();
    const files = (await desk.get(`/api/v1/tickets/${ticket.id}/attachments`)).json().items as { fileName: string }[];
    expect(files.map((f) => f.fileName)).toEqual(['ekrans.png']);
    expect(await audited('inbound_mail.attached', mail.id)).toHaveLength(1);

    const again = await desk.post(`/api/v1/inbound-mail/${mail.id}/attach`, { ticketId: ticket.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'invalid_state', reason: 'mail_not_quarantined' });
    expect((await desk.post(`/api/v1/inbound-mail/${mail.id}/discard`)).statusCode).toBe(409);
    expect((await desk.post(`/api/v1/inbound-mail/${mail.id}/open-ticket`, { tenantId: cesis })).statusCode).toBe(409);
    expect((await ticketOf(ticket.id)).events.filter((e) => e.body === 'Arī mums nestrādā.')).toHaveLength(1);
  });

  it('opens an e-mail ticket on a chosen municipality from a mail, for one of its people, once', async () => {
    const mail = await quarantined({ from: 'privats@example.com', subject: 'Nestrādā e-pasts', text: 'Rakstu no privātās adreses.', attachments: [{ filename: 'ekrans.png', content: PNG }] });
    const reporter = await userId('lietotajs@cesis.lv');
    const opened = await desk.post(`/api/v1/inbound-mail/${mail.id}/open-ticket`, { tenantId: cesis, priority: 'P2', reporterUserId: reporter });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ status: 'opened', tenantId: cesis, decidedBy: 'dienests@rda.lv', refusedAttachments: 0 });
    const made = await ticketOf(opened.json().ticketId);
    expect(made).toMatchObject({ channel: 'email', tenantId: cesis, subject: 'Nestrādā e-pasts', reporterId: reporter, reporterLabel: 'lietotajs@cesis.lv', priority: 'P2', category: 'request' });
    expect(made.events[0]).toMatchObject({ kind: 'created', actorLabel: 'dienests@rda.lv' });
    expect((await desk.get(`/api/v1/tickets/${opened.json().ticketId}/attachments`)).json().items).toHaveLength(1);
    // The reporter sees it as theirs.
    expect((await (await signIn(t.app, 'lietotajs@cesis.lv')).get(`/api/v1/tickets/${opened.json().ticketId}`)).statusCode).toBe(200);
    expect(await audited('inbound_mail.opened', mail.id)).toHaveLength(1);

    const again = await desk.post(`/api/v1/inbound-mail/${mail.id}/open-ticket`, { tenantId: cesis });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ reason: 'mail_not_quarantined' });
  });

  it('a mail with only files brings its files and no comment', async () => {
    const mail = await quarantined({ from: 'skeneris@example.com', subject: 'Skenēts dokuments', text: '', attachments: [{ filename: 'skenejums.png', content: PNG }] });
    const comments = async () => (await ticketOf(ticket.id)).events.filter((e) => e.kind === 'comment').length;
    const before = await comments();
    expect((await desk.post(`/api/v1/inbound-mail/${mail.id}/attach`, { ticketId: ticket.id })).json()).toMatchObject({ status: 'attached', refusedAttachments: 0 });
    expect(await comments()).toBe(before);
    const files = (await desk.get(`/api/v1/tickets/${ticket.id}/attachments`)).json().items as { fileName: string }[];
    expect(files.map((f) => f.fileName)).toContain('skenejums.png');
  });

  it('without a reporter the ticket is the mail address’s', async () => {
    const mail = await quarantined({ from: 'zvanitajs@example.com', subject: '', text: '\nZvanīju par DVS\nLūdzu atzvaniet.' });
    const opened = (await desk.post(`/api/v1/inbound-mail/${mail.id}/open-ticket`, { tenantId: cesis })).json();
    // No subject: the mail's first line of text is the ticket's, not a placeholder in one language.
    expect(await ticketOf(opened.ticketId)).toMatchObject({ reporterId: null, reporterLabel: 'zvanitajs@example.com', priority: 'P3', subject: 'Zvanīju par DVS', channel: 'email' });
  });

  it('respects municipalities: a municipality’s mail stays with it, a reporter must be the chosen one’s, only the agency desk acts; a refusal changes nothing', async () => {
    // A Sigulda person's reply to a Cēsis ticket waits in quarantine, known as Sigulda's.
    const neighbour = await quarantined({ from: 'lietotajs@sigulda.lv', to: `atbalsts+${ticket.number}@kopa.rda.lv`, text: 'Ne mans' });
    expect(neighbour.reason).toBe('sender_not_allowed');
    const onCesis = await desk.post(`/api/v1/inbound-mail/${neighbour.id}/attach`, { ticketId: ticket.id });
    expect(onCesis.statusCode).toBe(400);
    expect(onCesis.json().errors).toMatchObject([{ field: 'ticketId', code: 'other_municipality' }]);
    expect((await desk.post(`/api/v1/inbound-mail/${neighbour.id}/open-ticket`, { tenantId: cesis })).json().errors).toMatchObject([{ field: 'tenantId', code: 'other_municipality' }]);

    const stranger = await quarantined({ from: 'kads@example.com', text: 'Sveiki' });
    const wrongReporter = await desk.post(`/api/v1/inbound-mail/${stranger.id}/open-ticket`, { tenantId: cesis, reporterUserId: await userId('lietotajs@sigulda.lv') });
    expect(wrongReporter.json().errors).toMatchObject([{ field: 'reporterUserId', code: 'unknown_user' }]);
    expect((await desk.post(`/api/v1/inbound-mail/${stranger.id}/attach`, { ticketId: '00000000-0000-4000-8000-000000000000' })).json().errors).toMatchObject([{ field: 'ticketId', code: 'unknown_ticket' }]);
    expect((await desk.post(`/api/v1/inbound-mail/${stranger.id}/attach`, {})).statusCode).toBe(400);

    const admin = await signIn(t.app, 'admin@cesis.lv');
    expect((await admin.post(`/api/v1/inbound-mail/${stranger.id}/attach`, { ticketId: ticket.id })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/inbound-mail/${stranger.id}/open-ticket`, { tenantId: cesis })).statusCode).toBe(403);

    const waiting = (await desk.get('/api/v1/inbound-mail?status=quarantined&limit=200')).json().items.map((m: { id: string }) => m.id);
    expect(waiting).toEqual(expect.arrayContaining([neighbour.id, stranger.id]));
  });

  it('lists the handled mail apart from the waiting', async () => {
    const thrown = await quarantined({ from: 'reklama@example.com', text: 'Pērciet!' });
    await desk.post(`/api/v1/inbound-mail/${thrown.id}/discard`);
    const handled = (await desk.get('/api/v1/inbound-mail?status=handled&limit=200')).json().items as { id: string; status: string }[];
    expect(new Set(handled.map((m) => m.status))).toEqual(new Set(['attached', 'opened', 'discarded']));
    expect(handled.map((m) => m.id)).toContain(thrown.id);
    const waiting = (await desk.get('/api/v1/inbound-mail?status=quarantined&limit=200')).json().items as { status: string }[];
    expect(waiting.every((m) => m.status === 'quarantined')).toBe(true);
  });
});
