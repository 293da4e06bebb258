import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// Finding 10 of the security review: after 4,300 comments a ticket answered 815 KB and writes slowed.
// A ticket now carries its latest 50 entries and a link to the rest; comments are limited per person.

let now = new Date('2026-11-24T08:00:00Z');
const COMMENTS = 4_300;
interface Event {
  id: string;
  at: string;
  kind: string;
  body: string | null;
}
interface Page {
  items: Event[];
  next: string | null;
}

describe.each(BACKENDS)('a long ticket timeline on %s', (backend) => {
  let t: TestApp;
  let reporter: Client;
  let ticketId: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => now });
    reporter = await signIn(t.app, 'lietotajs@cesis.lv');
    const opened = await reporter.post('/api/v1/tickets', { priority: 'P3', subject: 'Ilga sarakste', description: 'Sākums' });
    expect(opened.statusCode).toBe(201);
    ticketId = opened.json().id;
    // The conversation of the finding, written straight into the table (one a minute, realistic length).
    await t.database.ownerQuery(
      `INSERT INTO ticket_events (ticket_id, tenant_id, at, kind, actor_id, actor_label, by_staff, public, body)
       SELECT t.id, t.tenant_id, t.created_at + n * interval '1 minute', 'comment', t.reporter_id, t.reporter_label, false, true,
              'Komentārs ' || n || ': ' || repeat('pašvaldības lietotājs apraksta, kas notiek ar pakalpojumu. ', 3)
       FROM tickets t, generate_series(1, ${COMMENTS}) AS n WHERE t.id = '${ticketId}'`,
    );
    now = new Date(now.getTime() + (COMMENTS + 10) * 60_000);
    // Sessions last 12 hours of the test's clock; sign in again after the long conversation.
    reporter = await signIn(t.app, 'lietotajs@cesis.lv');
  });
  afterAll(() => t.close());

  it('answers the ticket with its latest 50 entries and a bounded body', async () => {
    const res = await reporter.get(`/api/v1/tickets/${ticketId}`);
    expect(res.statusCode).toBe(200);
    // 4,300 comments used to make this 815 KB; the latest fifty are ~12 KB.
    expect(res.rawPayload.length).toBeLessThan(40_000);
    const ticket = res.json() as { events: Event[]; timelineNext: string | null };
    expect(ticket.events).toHaveLength(50);
    expect(ticket.events.at(-1)!.body).toMatch(new RegExp(`^Komentārs ${COMMENTS}:`));
    expect(ticket.events[0]!.body).toMatch(new RegExp(`^Komentārs ${COMMENTS - 49}:`));
    expect(ticket.timelineNext).toMatch(new RegExp(`^/api/v1/tickets/${ticketId}/timeline\\?cursor=`));
  });

  it('pages the rest of the timeline newest first, every entry once, down to the ticket’s creation', async () => {
    const ticket = (await reporter.get(`/api/v1/tickets/${ticketId}`)).json() as { events: Event[]; timelineNext: string };
    const seen = ticket.events.map((e) => e.id);
    let previous = ticket.events[0]!;
    for (let path: string | null = `${ticket.timelineNext}&limit=200`; path !== null; ) {
      const res = await reporter.get(path);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.length).toBeLessThan(150_000);
      const page = res.json() as Page;
      for (const e of page.items) {
        expect(e.at <= previous.at).toBe(true);
        previous = e;
      }
      seen.push(...page.items.map((e) => e.id));
      path = page.next;
    }
    expect(previous.kind).toBe('created');
    expect(seen).toHaveLength(COMMENTS + 1);
    expect(new Set(seen).size).toBe(COMMENTS + 1);
  });

  it('lets a person write ten comments a minute on a ticket and refuses the eleventh with 429 and Retry-After', async () => {
    const agent = await signIn(t.app, 'dienests@rda.lv');
    // Thirty at once: exactly ten get through, however they interleave.
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => agent.post(`/api/v1/tickets/${ticketId}/comments`, { body: `Atbilde ${i}` })));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 429)).toHaveLength(20);
    const refused = answers.find((a) => a.statusCode === 429)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ type: '/problems/throttled', status: 429, reason: 'comments_throttled', errors: [{ field: 'body', code: 'rate_limited' }] });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const stored = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = '${ticketId}' AND body LIKE 'Atbilde %'`)) as { n: number }[];
    expect(stored[0]!.n).toBe(10);
    // A refused comment leaves no audit event either.
    const audited = (await t.database.ownerQuery(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'ticket.commented' AND entity_id = '${ticketId}'`)) as { n: number }[];
    expect(audited[0]!.n).toBe(10);

    // Per person: the reporter may still answer; per ticket: the agent may comment elsewhere.
    expect((await reporter.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Paldies' })).statusCode).toBe(201);
    const other = (await reporter.post('/api/v1/tickets', { priority: 'P4', subject: 'Cits', description: 'Cits jautājums' })).json().id as string;
    expect((await agent.post(`/api/v1/tickets/${other}/comments`, { body: 'Skatāmies' })).statusCode).toBe(201);

    // The window slides: a minute after the first of the ten, the agent may write again.
    now = new Date(now.getTime() + 59_000);
    expect((await agent.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Vēl par agru' })).statusCode).toBe(429);
    now = new Date(now.getTime() + 1_001);
    expect((await agent.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Tagad var' })).statusCode).toBe(201);
  });
});
