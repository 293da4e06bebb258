import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { escalateTickets } from '../../src/app/desk/escalate-tickets.js';
import { SLA_BATCH, slaOf, slasOf } from '../../src/app/desk/ticket-sla.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

// A clock the test moves by hand: tickets opened, paused and resolved at different moments.
const START = new Date('2026-11-24T08:00:00Z'); // Tue 24 Nov, 10:00 in Riga
let now = START;
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

// Lists and the escalation job read the clocks of many tickets with one statement per batch of
// tickets (issue 11, ADR 0027), not two per ticket: the clocks must be the very ones read one by one.
describe.each(BACKENDS)('ticket clocks read in batches on %s', (backend) => {
  let t: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    // Each database's run starts in the same working morning (the clocks stop after 17:00).
    now = START;
    t = await startTestApp(backend, { now: () => now });
    const reporter = await signIn(t.app, 'lietotajs@cesis.lv');
    const agent = await signIn(t.app, 'dienests@rda.lv');
    for (const priority of ['P1', 'P2', 'P3', 'P4', 'P2', 'P3', 'P1']) {
      const res = await reporter.post('/api/v1/tickets', { priority, category: 'incident', subject: `Biļete ${priority}`, description: 'Sīkāk.' });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
      later(17);
    }
    // Different histories: answered, paused for the customer and resumed, resolved, and untouched.
    const move = async (id: string, status: string) => expect((await agent.post(`/api/v1/tickets/${id}/status`, { status })).statusCode).toBe(200);
    await move(ids[0]!, 'in_progress');
    later(30);
    await move(ids[1]!, 'waiting_for_customer');
    later(45);
    await move(ids[1]!, 'in_progress');
    await move(ids[2]!, 'resolved');
    later(20);
    await move(ids[3]!, 'waiting_for_customer');
    later(240);
  });
  afterAll(() => t.close());

  it('gives every ticket the clocks it has when read alone, across batch boundaries and in any order', async () => {
    await t.deps.store.run(SYSTEM, async (tx) => {
      const tickets = await Promise.all([...ids].reverse().map(async (id) => (await t.deps.store.tickets.get(tx, null, id))!));
      const alone = [];
      for (const ticket of tickets) alone.push(await slaOf(t.deps, tx, ticket, await t.deps.store.tickets.statusEvents(tx, ticket.id), now));
      // A batch of 3 splits the 7 tickets 3 + 3 + 1; the default takes them in one.
      expect(await slasOf(t.deps, tx, tickets, now, 3)).toEqual(alone);
      expect(await slasOf(t.deps, tx, tickets, now)).toEqual(alone);
      // The histories differ, so equal answers are not one answer repeated.
      expect(new Set(alone.map((s) => JSON.stringify(s))).size).toBe(tickets.length);
      expect(await slasOf(t.deps, tx, [], now)).toEqual([]);
    });
  });

  it('reads the status events of a page of the list, and of all open tickets for escalation, in one statement', async () => {
    const one = vi.spyOn(t.deps.store.tickets, 'statusEvents');
    const many = vi.spyOn(t.deps.store.tickets, 'statusEventsOf');
    try {
      const agent = await signIn(t.app, 'dienests@rda.lv');
      const res = await agent.get('/api/v1/tickets?limit=5');
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toHaveLength(5);
      expect(one).not.toHaveBeenCalled();
      expect(many).toHaveBeenCalledTimes(1);
      expect(many.mock.calls[0]![1]).toHaveLength(5);

      many.mockClear();
      const open = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.tickets.open(tx));
      expect(open.length).toBeGreaterThan(3);
      expect(open.length).toBeLessThanOrEqual(SLA_BATCH);
      const raised = await escalateTickets(t.deps);
      expect(one).not.toHaveBeenCalled();
      expect(many).toHaveBeenCalledTimes(1);
      expect(new Set(many.mock.calls[0]![1])).toEqual(new Set(open.map((x) => x.id)));
      // Four hours on, the P1 tickets' reaction clocks have run out: the batched clocks still escalate.
      expect(raised.filter((e) => e.ticketId === ids[6] && e.clock === 'reaction').map((e) => e.level).sort()).toEqual(['breach', 'warning']);
    } finally {
      one.mockRestore();
      many.mockRestore();
    }
  });
});
