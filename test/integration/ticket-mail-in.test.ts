import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboundMail, type InboundMailServer } from '../../src/jobs/inbound-mail.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const DESK = 'atbalsts@kopa.rda.lv';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5]);
const silent = { info() {}, warn() {}, error() {} };

describe.each(BACKENDS)('mail into the desk on %s', (backend) => {
  let t: TestApp;
  let smtp: InboundMailServer;
  let transport: Transporter;
  let ticket: { id: string; number: string; tenantId: string };
  let seq = 0;

  const send = (mail: SendMailOptions) => transport.sendMail({ messageId: `<test.${++seq}.${Date.now()}@cesis.lv>`, ...mail });
  const received = (messageId: string) => t.deps.store.run(SYSTEM, async (tx) => (await t.deps.store.inboundMail.list(tx, null, null, 500)).filter((m) => m.messageId === messageId));
  const events = async (id: string) => (await (await signIn(t.app, 'dienests@rda.lv')).get(`/api/v1/tickets/${id}`)).json().events as { kind: string; body: string; actorLabel: string; public: boolean }[];
  const outboxSize = () => t.deps.store.run(SYSTEM, async (tx) => (await t.deps.store.outbox.list(tx, { limit: 1000 })).length);

  beforeAll(async () => {
    t = await startTestApp(backend);
    smtp = await startInboundMail({ deps: t.deps, settings: { deskAddress: DESK, ownAddresses: ['kopa@rda.lv'] }, port: 0, log: silent });
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const user = await signIn(t.app, 'lietotajs@cesis.lv');
    ticket = (await user.post('/api/v1/tickets', { priority: 'P3', subject: 'Portāls nestrādā', description: 'Kļūda 502' })).json();
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
    await t.close();
  });

  it('a reply to the ticket address becomes the sender’s public comment, without the quoted history', async () => {
    const info = await send({
      from: 'Jānis Bērziņš <lietotajs@cesis.lv>', to: `atbalsts+${ticket.number}@kopa.rda.lv`, subject: `Re: [#${ticket.number}] Portāls nestrādā`,
      text: 'Tagad atkal nestrādā.\n\nOn Mon, 1 Dec 2026 at 10:00, Kopa <kopa@rda.lv> wrote:\n> Vai vēl nestrādā?\n',
    });
    const comments = (await events(ticket.id)).filter((e) => e.kind === 'comment');
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ body: 'Tagad atkal nestrādā.', actorLabel: 'lietotajs@cesis.lv', public: true });
    expect((await received(info.messageId))[0]).toMatchObject({ status: 'comment', ticketId: ticket.id });
  });

  it('the same Message-ID sent again is applied once', async () => {
    const mail = { messageId: '<twice.1@cesis.lv>', from: 'lietotajs@cesis.lv', to: `atbalsts+${ticket.number}@kopa.rda.lv`, subject: 'Re: x', text: 'Vienreiz vien.' };
    await send(mail);
    await send(mail);
    expect((await events(ticket.id)).filter((e) => e.body === 'Vienreiz vien.')).toHaveLength(1);
    expect(await received('<twice.1@cesis.lv>')).toHaveLength(1);
  });

  it('a reply naming the ticket only in References (sent to the desk address) still lands on the ticket', async () => {
    await send({ from: 'lietotajs@cesis.lv', to: DESK, subject: 'Re: paziņojums', text: 'Atbilde caur References.', references: [`<kopa.ticket.${ticket.number}.abc@kopa.rda.lv>`] });
    expect((await events(ticket.id)).filter((e) => e.body === 'Atbilde caur References.')).toHaveLength(1);
  });

  it('a new mail from a municipality’s person opens an e-mail ticket on their municipality, keeping allowed attachments only', async () => {
    const oversize = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
    const info = await send({
      from: 'lietotajs@cesis.lv', to: DESK, subject: 'Nevar pieslēgties DVS', text: 'Kopš rīta DVS neielaiž.',
      attachments: [{ filename: 'ekrans.png', content: PNG }, { filename: 'zurnals.txt', content: oversize }],
    });
    const [mail] = await received(info.messageId);
    expect(mail).toMatchObject({ status: 'ticket' });
    const user = await signIn(t.app, 'lietotajs@cesis.lv');
    const opened = (await user.get(`/api/v1/tickets/${mail!.ticketId}`)).json();
    const cesisId = (await user.get('/api/v1/tenants')).json().items[0].id;
    expect(opened).toMatchObject({ channel: 'email', tenantId: cesisId, subject: 'Nevar pieslēgties DVS', description: 'Kopš rīta DVS neielaiž.', reporterLabel: 'lietotajs@cesis.lv' });
    const files = (await user.get(`/api/v1/tickets/${opened.id}/attachments`)).json().items;
    expect(files.map((f: { fileName: string }) => f.fileName)).toEqual(['ekrans.png']);
    expect((await user.get('/api/v1/tickets?channel=email')).json().items.map((i: { id: string }) => i.id)).toEqual([opened.id]);
  });

  it('auto-replies, bounces, delivery reports and our own mail are ignored', async () => {
    const before = (await events(ticket.id)).length;
    const to = `atbalsts+${ticket.number}@kopa.rda.lv`;
    const ids = [
      (await send({ from: 'lietotajs@cesis.lv', to, subject: 'Out of office', text: 'Esmu atvaļinājumā.', headers: { 'Auto-Submitted': 'auto-replied' } })).messageId,
      (await send({ from: 'lietotajs@cesis.lv', to, subject: 'Undelivered', text: 'Bounce', envelope: { from: '', to } })).messageId,
      (await send({ from: 'lietotajs@cesis.lv', to, subject: 'x', text: 'Saraksts', headers: { Precedence: 'bulk' } })).messageId,
      (await send({ from: 'Kopa <kopa@rda.lv>', to, subject: 'Cilpa', text: 'Mūsu pašu vēstule' })).messageId,
      (await send({ messageId: '<kopa.ticket.1.zz@kopa.rda.lv>', from: 'lietotajs@cesis.lv', to, subject: 'x', text: 'Mūsu Message-ID' })).messageId,
    ];
    const report = await transport.sendMail({
      envelope: { from: 'mailer-daemon@cesis.lv', to },
      raw: [
        'From: Mail Delivery System <mailer-daemon@cesis.lv>', `To: ${to}`, 'Subject: Delivery Status Notification', 'Message-ID: <dsn.1@cesis.lv>',
        'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '',
        '--b', 'Content-Type: text/plain', '', 'Your message could not be delivered.', '--b', 'Content-Type: message/delivery-status', '', 'Action: failed', '--b--', '',
      ].join('\r\n'),
    });
    expect(report.accepted).toEqual([to]);
    const outcomes = await Promise.all([...ids, '<dsn.1@cesis.lv>'].map(async (id) => (await received(id))[0]));
    expect(outcomes.map((m) => [m?.status, m?.reason])).toEqual([
      ['ignored', 'auto_submitted'], ['ignored', 'bounce'], ['ignored', 'bulk_precedence'], ['ignored', 'own_address'], ['ignored', 'own_message'], ['ignored', 'delivery_report'],
    ]);
    expect(await events(ticket.id)).toHaveLength(before);
  });

  it('an unknown sender, or a person of another municipality, is quarantined and answered nothing; the desk lists and discards it', async () => {
    const mailsOut = await outboxSize();
    const stranger = await send({ from: 'kads@example.com', to: `atbalsts+${ticket.number}@kopa.rda.lv`, subject: 'Sveiki', text: 'Pērciet!' });
    const neighbour = await send({ from: 'lietotajs@sigulda.lv', to: `atbalsts+${ticket.number}@kopa.rda.lv`, subject: 'Re', text: 'Ne mans' });
    expect(stranger.accepted).toHaveLength(1);
    expect((await received(stranger.messageId))[0]).toMatchObject({ status: 'quarantined', reason: 'unknown_sender' });
    expect((await received(neighbour.messageId))[0]).toMatchObject({ status: 'quarantined', reason: 'sender_not_allowed' });
    expect((await received(neighbour.messageId))[0]!.tenantId, 'the refused mail belongs to its sender’s municipality, not the ticket’s').not.toBe(ticket.tenantId);
    expect((await events(ticket.id)).filter((e) => e.body === 'Pērciet!' || e.body === 'Ne mans')).toEqual([]);
    expect(await outboxSize()).toBe(mailsOut);

    const desk = await signIn(t.app, 'dienests@rda.lv');
    const list = (await desk.get('/api/v1/inbound-mail?status=quarantined')).json();
    const entry = list.items.find((m: { messageId: string }) => m.messageId === stranger.messageId);
    expect(entry).toMatchObject({ fromAddress: 'kads@example.com', subject: 'Sveiki', body: 'Pērciet!\n' });
    expect((await (await signIn(t.app, 'admin@cesis.lv')).get('/api/v1/inbound-mail')).statusCode).toBe(403);
    const discarded = await desk.post(`/api/v1/inbound-mail/${entry.id}/discard`);
    expect(discarded.json()).toMatchObject({ status: 'discarded', decidedBy: 'dienests@rda.lv' });
    expect((await desk.post(`/api/v1/inbound-mail/${entry.id}/discard`)).json()).toMatchObject({ reason: 'mail_not_quarantined' });
    expect((await desk.get('/api/v1/inbound-mail?status=quarantined')).json().items.map((m: { id: string }) => m.id)).not.toContain(entry.id);
  });
});
