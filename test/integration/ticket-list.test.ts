import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

// A clock the test moves by hand: each ticket is opened an hour after the one before.
let now = new Date('2026-11-24T08:00:00Z'); // Tue 24 Nov, 10:00 in Riga

describe.each(BACKENDS)('ticket list search and order on %s', (backend) => {
  let t: TestApp;
  const numbers: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => now });
    const reporter = await signIn(t.app, 'lietotajs@cesis.lv');
    const tenantId = (await reporter.get('/api/v1/tenants')).json().items[0].id as string;
    const open = async (key: string, priority: string, subject: string, description: string) => {
      const res = await reporter.post('/api/v1/tickets', { tenantId, priority, category: 'question', subject, description });
      expect(res.statusCode, res.body).toBe(201);
      numbers[key] = String(res.json().number);
      ids[key] = res.json().id;
      now = new Date(now.getTime() + 3_600_000);
    };
    // Opened in this order: a (P3), b (P1), c (P4), d (P3).
    await open('a', 'P3', 'Parole aizmirsta', 'Nevaru pieslēgties dokumentu vadībai.');
    await open('b', 'P1', 'Portāls nav pieejams', 'Kopš rīta atgriež kļūdu 502.');
    await open('c', 'P4', 'Jautājums par rēķinu', 'Kāpēc mainījās summa?');
    await open('d', 'P3', 'Lēna darbība', 'Dokumentu vadība atveras minūti.');
    // The oldest ticket changes last: it leads the "updated" order.
    const agent = await signIn(t.app, 'dienests@rda.lv');
    expect((await agent.post(`/api/v1/tickets/${ids.a}/comments`, { body: 'Skatāmies.' })).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await (await signIn(t.app, 'dienests@rda.lv')).get(`/api/v1/tickets?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { number: number | string }[]).map((i) => Object.keys(numbers).find((k) => numbers[k] === String(i.number)));
  };

  it('finds tickets by words of the description as well as the subject, and by number', async () => {
    expect(await list('q=dokumentu%20vad')).toEqual(['d', 'a']); // both only in the description
    expect(await list('q=PORTĀLS')).toEqual(['b']); // subject, any case
    expect(await list(`q=${numbers.c}`)).toEqual(['c']);
    expect(await list('q=100%25')).toEqual([]); // % is a character to find, not a wildcard
  });

  it('orders by number either way, by last change, by deadline and by priority', async () => {
    expect(await list('')).toEqual(['d', 'c', 'b', 'a']);
    expect(await list('sort=newest')).toEqual(['d', 'c', 'b', 'a']);
    expect(await list('sort=oldest')).toEqual(['a', 'b', 'c', 'd']);
    expect(await list('sort=updated')).toEqual(['a', 'd', 'c', 'b']);
    // P1 resolves soonest; the two P3s by when they were opened; P4's target is the longest.
    expect(await list('sort=deadline')).toEqual(['b', 'a', 'd', 'c']);
    expect(await list('sort=priority')).toEqual(['b', 'd', 'a', 'c']);
    expect(await list('sort=priority&q=dokumentu')).toEqual(['d', 'a']);
  });

  it('pages every order one ticket at a time to the same list, and refuses a cursor of another order', async () => {
    const agent = await signIn(t.app, 'dienests@rda.lv');
    for (const sort of ['newest', 'oldest', 'updated', 'deadline', 'priority']) {
      const seen: string[] = [];
      let url: string | null = `/api/v1/tickets?sort=${sort}&limit=1`;
      while (url) {
        const page = (await agent.get(url)).json() as { items: { number: number }[]; next: string | null };
        seen.push(...page.items.map((i) => String(i.number)));
        url = page.next;
      }
      expect(seen, sort).toEqual((await list(`sort=${sort}`)).map((k) => numbers[k!]));
    }
    const cursor = (await agent.get('/api/v1/tickets?sort=deadline&limit=1')).json().nextCursor as string;
    const refused = await agent.get(`/api/v1/tickets?sort=priority&cursor=${cursor}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'cursor', code: 'invalid_cursor' });
    expect((await agent.get('/api/v1/tickets?sort=soonest')).statusCode).toBe(400);
  });
});

describe.each(BACKENDS)('people on a ticket by name on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => now });
  });
  afterAll(() => t.close());

  it('names the reporter, the assignee and each entry’s author, for the desk and the municipality alike', async () => {
    const reporter = await signIn(t.app, 'lietotajs@cesis.lv');
    const agent = await signIn(t.app, 'dienests@rda.lv');
    const me = async (c: typeof agent) => (await c.get('/api/v1/session')).json() as { id?: string; name?: string; user?: { id: string; name: string } };
    const who = async (c: typeof agent) => {
      const s = await me(c);
      return s.user ?? { id: s.id!, name: s.name! };
    };
    const [customer, desk] = [await who(reporter), await who(agent)];
    const tenantId = (await reporter.get('/api/v1/tenants')).json().items[0].id as string;
    const ticket = (await reporter.post('/api/v1/tickets', { tenantId, priority: 'P3', category: 'question', subject: 'Kā nomainīt paroli?', description: 'Neatrodu.' })).json();
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/assignee`, { assigneeId: desk.id })).statusCode).toBe(200);
    const reply = await agent.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Iestatījumos.' });
    expect(reply.json().actorName).toBe(desk.name);
    for (const viewer of [agent, reporter]) {
      const view = (await viewer.get(`/api/v1/tickets/${ticket.id}`)).json();
      expect(view).toMatchObject({ reporterName: customer.name, assigneeName: desk.name });
      expect(view.events.find((e: { kind: string }) => e.kind === 'created').actorName).toBe(customer.name);
      expect(view.events.find((e: { kind: string; public: boolean }) => e.kind === 'comment').actorName).toBe(desk.name);
      const page = (await viewer.get(`/api/v1/tickets/${ticket.id}/timeline`)).json();
      expect(page.items.find((e: { kind: string }) => e.kind === 'comment').actorName).toBe(desk.name);
    }
    expect(customer.name).not.toContain('@');
  });
});
