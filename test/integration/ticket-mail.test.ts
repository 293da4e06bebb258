import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOutbox } from '../../src/app/outbox/send-outbox.js';
import { createNotifier } from '../../src/jobs/notifier.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { smtpReceiver, type ReceivedMail, type SmtpReceiver } from '../support/smtp-receiver.js';

type Mail = ReceivedMail;

const DESK = 'atbalsts@kopa.rda.lv';

describe.each(BACKENDS)('ticket mail out on %s', (backend) => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  const mails: Mail[] = [];
  const now = new Date('2026-11-24T08:00:00Z');
  let ticket: { id: string; number: string };
  const ids: Record<string, string> = {};
  const as = (email: string): Promise<Client> => signIn(t.app, email);

  /** Sends what the outbox holds and hands back the mails that arrived, forgetting them. */
  const deliver = async (): Promise<Mail[]> => {
    await sendOutbox(t.deps, { limit: 100 });
    return mails.splice(0);
  };
  const to = (list: Mail[]) => list.flatMap((m) => m.to).sort();
  const split = (mail: Mail) => {
    const end = mail.raw.indexOf('\r\n\r\n');
    return { head: mail.raw.slice(0, end).replace(/\r\n[ \t]+/g, ' '), body: mail.raw.slice(end + 4) };
  };
  const header = (mail: Mail, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(split(mail).head)?.[1]?.trim() ?? null;
  /** The message text, quoted-printable decoded. */
  const textOf = (mail: Mail) => Buffer.from(split(mail).body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const mailTo = (list: Mail[], address: string) => list.find((m) => m.to.includes(address))!;

  beforeAll(async () => {
    smtp = await smtpReceiver({ into: mails });
    t = await startTestApp(backend, { now: () => now });
    t.deps.notifier = createNotifier({ smtpUrl: smtp.url, mailFrom: 'Kopa <kopa@rda.lv>' });
    t.deps.notifications = { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv', deskAddress: DESK };
    // The municipality's admin reads Kopa in English; everyone else in Latvian.
    await t.database.ownerQuery("UPDATE users SET locale = 'en' WHERE email = 'admin@cesis.lv'");
    for (const row of (await t.database.ownerQuery("SELECT id::text, email FROM users WHERE email IN ('admin@cesis.lv', 'lietotajs@cesis.lv', 'dienests@rda.lv', 'operators@rda.lv', 'admin@sigulda.lv')")) as { id: string; email: string }[]) ids[row.email] = row.id;
    const opened = await (await as('lietotajs@cesis.lv')).post('/api/v1/tickets', { priority: 'P3', subject: 'Dokumentu sistēma nesaglabā', description: 'Saglabājot dokumentu, rādās kļūda.' });
    expect(opened.statusCode, opened.body).toBe(201);
    ticket = opened.json();
    await deliver(); // opening a ticket sends nothing
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('lets people follow a ticket: themselves, and the desk anyone of the municipality or the agency', async () => {
    const [admin, user, agent] = [await as('admin@cesis.lv'), await as('lietotajs@cesis.lv'), await as('dienests@rda.lv')];
    expect((await admin.post(`/api/v1/tickets/${ticket.id}/watchers`, {})).json()).toMatchObject({ id: ids['admin@cesis.lv'], agency: false });
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/watchers`, { userId: ids['operators@rda.lv'] })).statusCode).toBe(200);
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/watchers`, {})).statusCode).toBe(200);
    // A municipality's user adds a colleague (already watching: nothing new), no one of the agency, and removes no one else;
    // the desk adds no one of another municipality.
    expect((await user.post(`/api/v1/tickets/${ticket.id}/watchers`, { userId: ids['admin@cesis.lv'] })).statusCode).toBe(200);
    expect((await user.post(`/api/v1/tickets/${ticket.id}/watchers`, { userId: ids['operators@rda.lv'] })).json().errors[0]).toMatchObject({ field: 'userId', code: 'unknown_watcher' });
    expect((await user.delete(`/api/v1/tickets/${ticket.id}/watchers/${ids['admin@cesis.lv']}`)).statusCode).toBe(403);
    const foreign = await agent.post(`/api/v1/tickets/${ticket.id}/watchers`, { userId: ids['admin@sigulda.lv'] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'userId', code: 'unknown_watcher' });
    // The municipality's user sees the agency's watchers too (by name).
    const list = (await user.get(`/api/v1/tickets/${ticket.id}/watchers`)).json().items as { id: string; name: string; agency: boolean }[];
    expect(list.map((w) => w.id).sort()).toEqual([ids['admin@cesis.lv'], ids['dienests@rda.lv'], ids['operators@rda.lv']].sort());
    const audit = (await t.database.ownerQuery("SELECT count(*)::int AS n FROM audit_events WHERE action = 'ticket.watcher_added' AND entity_id = $1", [ticket.id])) as { n: number }[];
    expect(audit[0]!.n).toBe(3);
    expect(await deliver()).toEqual([]);
  });

  it('offers each person the watchers they may add: the desk the municipality’s people and the agency’s staff, a municipality’s person their colleagues', async () => {
    const candidates = async (email: string) => ((await (await as(email)).get(`/api/v1/tickets/${ticket.id}/watcher-candidates?limit=200`)).json().items as { id: string; agency: boolean }[]).map((c) => c.id);
    const byDesk = await candidates('dienests@rda.lv');
    expect(byDesk).toEqual(expect.arrayContaining([ids['admin@cesis.lv'], ids['lietotajs@cesis.lv'], ids['operators@rda.lv'], ids['dienests@rda.lv']]));
    expect(byDesk).not.toContain(ids['admin@sigulda.lv']);
    const byUser = await candidates('lietotajs@cesis.lv');
    expect(byUser).toEqual(expect.arrayContaining([ids['admin@cesis.lv'], ids['lietotajs@cesis.lv']]));
    expect(byUser.filter((id) => id === ids['operators@rda.lv'] || id === ids['dienests@rda.lv'] || id === ids['admin@sigulda.lv'])).toEqual([]);
    // Another municipality's person does not see the ticket at all.
    expect((await (await as('admin@sigulda.lv')).get(`/api/v1/tickets/${ticket.id}/watcher-candidates`)).statusCode).toBe(404);
  });

  it("reads a ticket's people (agency watchers too) in its municipality's scope, and nothing in another's", async () => {
    const tenantOf = async (email: string) => ((await t.database.ownerQuery('SELECT tenant_id::text AS id FROM users WHERE email = $1', [email])) as { id: string }[])[0]!.id;
    const peopleIn = async (email: string) => t.deps.store.run({ role: 'tenant_admin', tenantId: await tenantOf(email) }, (tx) => t.deps.store.tickets.people(tx, ticket.id));
    expect((await peopleIn('admin@cesis.lv')).map((p) => p.email).sort()).toEqual(['admin@cesis.lv', 'dienests@rda.lv', 'lietotajs@cesis.lv', 'operators@rda.lv']);
    expect(await peopleIn('admin@sigulda.lv')).toEqual([]);
  });

  it('sends nothing for an internal note', async () => {
    expect((await (await as('dienests@rda.lv')).post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Iekšēja piezīme: pārbaudīt krātuvi', public: false })).statusCode).toBe(201);
    expect(await deliver()).toEqual([]);
  });

  it('mails a public reply to the reporter and the watchers in their language, threaded, with the reply address — not to its author', async () => {
    const reply = await (await as('dienests@rda.lv')).post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Labdien! Kļūdu labojām, lūdzu, pārbaudiet.' });
    expect(reply.statusCode).toBe(201);
    const eventId = reply.json().id as string;
    const sent = await deliver();
    expect(to(sent)).toEqual(['admin@cesis.lv', 'lietotajs@cesis.lv', 'operators@rda.lv']);
    for (const mail of sent) {
      expect(header(mail, 'Reply-To')).toBe(`atbalsts+${ticket.number}@kopa.rda.lv`);
      expect(header(mail, 'Message-ID')).toBe(`<kopa.ticket.${ticket.number}.${eventId}@kopa.rda.lv>`);
      expect(header(mail, 'In-Reply-To')).toBe(`<kopa.ticket.${ticket.number}.thread@kopa.rda.lv>`);
      expect(header(mail, 'References')).toBe(`<kopa.ticket.${ticket.number}.thread@kopa.rda.lv>`);
      expect(textOf(mail)).toContain('Labdien! Kļūdu labojām, lūdzu, pārbaudiet.');
      expect(textOf(mail)).toContain(`https://kopa.example.lv/tickets/${ticket.id}`);
    }
    expect(textOf(mailTo(sent, 'admin@cesis.lv'))).toContain('replied:');
    expect(textOf(mailTo(sent, 'lietotajs@cesis.lv'))).toContain('atbildēja:');
    expect(textOf(mailTo(sent, 'lietotajs@cesis.lv'))).not.toContain('replied:');
  });

  it("mails the reporter's own reply to the others, and a status change to all but the one who made it", async () => {
    expect((await (await as('lietotajs@cesis.lv')).post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Paldies, tagad strādā.' })).statusCode).toBe(201);
    expect(to(await deliver())).toEqual(['admin@cesis.lv', 'dienests@rda.lv', 'operators@rda.lv']);
    // The admin stops following; the next change reaches them no more.
    expect((await (await as('admin@cesis.lv')).delete(`/api/v1/tickets/${ticket.id}/watchers/${ids['admin@cesis.lv']}`)).statusCode).toBe(204);
    expect((await (await as('dienests@rda.lv')).post(`/api/v1/tickets/${ticket.id}/status`, { status: 'in_progress' })).statusCode).toBe(200);
    const sent = await deliver();
    expect(to(sent)).toEqual(['lietotajs@cesis.lv', 'operators@rda.lv']);
    expect(textOf(mailTo(sent, 'lietotajs@cesis.lv'))).toContain('Jauns → Tiek risināts');
  });

  it('asks the reporter how satisfied they are when resolved; the link rates once and a tampered one nothing', async () => {
    expect((await (await as('dienests@rda.lv')).post(`/api/v1/tickets/${ticket.id}/status`, { status: 'resolved' })).statusCode).toBe(200);
    const sent = await deliver();
    expect(to(sent)).toEqual(['lietotajs@cesis.lv', 'lietotajs@cesis.lv', 'operators@rda.lv']);
    const ask = sent.find((m) => textOf(m).includes('/satisfaction?score='))!;
    expect(ask.to).toEqual(['lietotajs@cesis.lv']);
    const links = [...textOf(ask).matchAll(/https:\/\/kopa\.example\.lv\/satisfaction\?score=([1-5])#([A-Za-z0-9_-]{40,})/g)];
    expect(links.map((l) => l[1])).toEqual(['1', '2', '3', '4', '5']);
    const token = links[3]![2]!;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

    const look = (tok: string) => t.app.inject({ method: 'GET', url: `/api/v1/tickets/satisfaction?token=${tok}` });
    const rate = (tok: string, score: number) => t.app.inject({ method: 'POST', url: '/api/v1/tickets/satisfaction', payload: { token: tok, score, comment: 'Ātri un laipni' } });
    expect((await look(token)).json()).toEqual({ number: ticket.number, subject: 'Dokumentu sistēma nesaglabā' });
    for (const res of [await look(tampered), await rate(tampered, 5)]) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const rated = await rate(token, 4);
    expect(rated.statusCode, rated.body).toBe(200);
    for (const res of [await rate(token, 1), await look(token)]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().reason).toBe('ticket_rated');
    }
    const view = (await (await as('dienests@rda.lv')).get(`/api/v1/tickets/${ticket.id}`)).json();
    expect(view.satisfaction).toMatchObject({ rating: 4, comment: 'Ātri un laipni', ratedAt: now.toISOString() });
    expect(view.events.at(-1)).toMatchObject({ kind: 'rating', actorLabel: 'lietotajs@cesis.lv', data: { rating: 4 } });
  });
});
