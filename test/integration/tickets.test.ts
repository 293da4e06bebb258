import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateTickets } from '../../src/app/desk/escalate-tickets.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// A clock the test moves by hand. Riga is UTC+2 in late November 2026.
let now = new Date('2026-11-24T08:00:00Z'); // Tue 24 Nov, 10:00 in Riga
const setRiga = (localIso: string) => (now = new Date(Date.parse(`${localIso}+02:00`)));

describe.each(BACKENDS)('service desk on %s', (backend) => {
  let t: TestApp;
  let cesisId: string;
  // Sessions expire after 12 hours of the test's clock, so each step signs in afresh.
  const as = (email: string): Promise<Client> => signIn(t.app, email);
  const agentP = () => as('dienests@rda.lv');
  const reporterP = () => as('lietotajs@cesis.lv');
  let ticketId: string;

  beforeAll(async () => {
    setRiga('2026-11-24T10:00:00');
    t = await startTestApp(backend, { now: () => now });
    cesisId = (await (await reporterP()).get('/api/v1/tenants')).json().items[0].id;
  });
  afterAll(() => t.close());

  it('opens a P2 ticket with due instants in business time', async () => {
    const reporter = await reporterP();
    const res = await reporter.post('/api/v1/tickets', { tenantId: cesisId, priority: 'P2', category: 'incident', subject: 'E-pakalpojums nav pieejams', description: 'Kopš 9:40 portāls atgriež kļūdu 502.' });
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    ticketId = ticket.id;
    expect(ticket.status).toBe('new');
    // Reaction 120 min from Tue 10:00 → 12:00 Riga. Resolution 960: Tue 420 + Wed 510 + Thu 30 → Thu 09:00 Riga.
    expect(ticket.reactionDueAt).toBe('2026-11-24T10:00:00.000Z');
    expect(ticket.resolutionDueAt).toBe('2026-11-26T07:00:00.000Z');
    expect(ticket.sla.reaction).toMatchObject({ targetMinutes: 120, elapsedMinutes: 0, breached: false, metAt: null });
  });

  it('keeps the reaction clock running on an internal note and stops it at the first public reply', async () => {
    setRiga('2026-11-24T10:30:00');
    const [agent, reporter] = [await agentP(), await reporterP()];
    expect((await agent.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Pārbaudu slodzes balansētāju', public: false })).statusCode).toBe(201);
    setRiga('2026-11-24T11:00:00');
    expect((await agent.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Labdien! Kļūdu redzam, strādājam pie tās.', public: true })).statusCode).toBe(201);
    const ticket = (await reporter.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(ticket.sla.reaction).toMatchObject({ elapsedMinutes: 60, metAt: '2026-11-24T09:00:00.000Z', breached: false });
    // The municipality's user sees the public reply but not the internal note.
    expect(ticket.events.filter((e: { kind: string }) => e.kind === 'comment').map((e: { body: string }) => e.body)).toEqual(['Labdien! Kļūdu redzam, strādājam pie tās.']);
  });

  it('pauses the resolution clock while waiting for the customer, and resumes on their answer', async () => {
    expect((await (await agentP()).post(`/api/v1/tickets/${ticketId}/status`, { status: 'waiting_for_customer' })).statusCode).toBe(200);
    setRiga('2026-11-25T10:00:00');
    const [agent, reporter] = [await agentP(), await reporterP()];
    const paused = (await agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(paused.sla.resolution).toMatchObject({ elapsedMinutes: 60, paused: true });
    await reporter.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'Kļūda joprojām ir.' });
    const resumed = (await agent.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(resumed.status).toBe('in_progress');
    // 900 minutes left from Wed 10:00: Wed 420 + Thu 480 → Thu 16:30 Riga.
    expect(resumed.resolutionDueAt).toBe('2026-11-26T14:30:00.000Z');
  });

  it('stops the resolution clock at resolved; the reporter rates once', async () => {
    setRiga('2026-11-25T12:00:00');
    const [agent, reporter] = [await agentP(), await reporterP()];
    expect((await reporter.post(`/api/v1/tickets/${ticketId}/satisfaction`, { rating: 5 })).statusCode).toBe(409);
    await agent.post(`/api/v1/tickets/${ticketId}/status`, { status: 'resolved' });
    const resolved = (await reporter.get(`/api/v1/tickets/${ticketId}`)).json();
    expect(resolved.sla.resolution).toMatchObject({ elapsedMinutes: 180, metAt: '2026-11-25T10:00:00.000Z', breached: false });
    expect((await agent.post(`/api/v1/tickets/${ticketId}/satisfaction`, { rating: 5 })).statusCode).toBe(403);
    const rated = await reporter.post(`/api/v1/tickets/${ticketId}/satisfaction`, { rating: 4, comment: 'Ātri atrisināja' });
    expect(rated.json().satisfaction).toMatchObject({ rating: 4, comment: 'Ātri atrisināja' });
    expect((await reporter.post(`/api/v1/tickets/${ticketId}/satisfaction`, { rating: 5 })).statusCode).toBe(409);
  });

  it('answers workflow changes with the whole ticket, timeline included', async () => {
    const agent = await agentP();
    const rated = (await agent.get(`/api/v1/tickets/${ticketId}`)).json();
    const closed = (await agent.post(`/api/v1/tickets/${ticketId}/status`, { status: 'closed' })).json();
    expect(closed.status).toBe('closed');
    // The answer carries every earlier event plus the new status change.
    expect(closed.events.length).toBe(rated.events.length + 1);
    expect(closed.events.at(-1)).toMatchObject({ kind: 'status', fromStatus: 'resolved', toStatus: 'closed' });
  });

  it('lists the staff a ticket can go to, for desk agents too but not for municipalities', async () => {
    const agent = await agentP();
    const res = await agent.get('/api/v1/tickets/assignees');
    expect(res.statusCode).toBe(200);
    const assignees: { name: string; role: string }[] = res.json().items;
    // Demo staff who take tickets: the operator and the desk agent; finance and auditors do not.
    expect(assignees.map((a) => a.role).sort()).toEqual(['desk_agent', 'operator']);
    expect(Object.keys(assignees[0]!).sort()).toEqual(['id', 'name', 'role']);
    expect((await (await reporterP()).get('/api/v1/tickets/assignees')).statusCode).toBe(403);
  });

  it('hides the ticket from other municipalities', async () => {
    const neighbour = await as('admin@sigulda.lv');
    expect((await neighbour.get(`/api/v1/tickets/${ticketId}`)).statusCode).toBe(404);
    expect((await neighbour.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'x' })).statusCode).toBe(404);
    expect((await neighbour.get('/api/v1/tickets')).json().items).toEqual([]);
    expect((await neighbour.post('/api/v1/tickets', { tenantId: cesisId, priority: 'P4', subject: 'x', description: 'y' })).statusCode).toBe(404);
  });

  it('raises the 80 % warning and the breach once each, however often the job runs', async () => {
    setRiga('2026-11-25T16:00:00');
    const p1 = (await (await reporterP()).post('/api/v1/tickets', { priority: 'P1', subject: 'Nedarbojas pieteikšanās', description: 'Neviens nevar pieteikties.' })).json();
    setRiga('2026-11-25T16:50:00'); // 50 of 60 minutes: over 80 %
    const first = await escalateTickets(t.deps);
    const again = await escalateTickets(t.deps);
    expect(first.filter((e) => e.ticketId === p1.id)).toEqual([{ ticketId: p1.id, tenantId: cesisId, clock: 'reaction', level: 'warning' }]);
    expect(again.filter((e) => e.ticketId === p1.id)).toEqual([]);
    setRiga('2026-11-26T08:40:00'); // Wed ended at 17:00 with 60 minutes used; 10 more on Thursday
    const breach = await escalateTickets(t.deps);
    expect(breach.filter((e) => e.ticketId === p1.id)).toEqual([{ ticketId: p1.id, tenantId: cesisId, clock: 'reaction', level: 'breach' }]);
    expect((await escalateTickets(t.deps)).filter((e) => e.ticketId === p1.id)).toEqual([]);
    const ticket = (await (await agentP()).get(`/api/v1/tickets/${p1.id}`)).json();
    expect(ticket.sla.reaction).toMatchObject({ breached: true, elapsedMinutes: 70, dueAt: '2026-11-25T15:00:00.000Z' });
    expect(ticket.events.filter((e: { kind: string }) => e.kind === 'escalation')).toHaveLength(2);
  });

  it('reports the month: counts, targets met, reaction median and p90, breaches, satisfaction', async () => {
    const res = await (await reporterP()).get(`/api/v1/tenants/${cesisId}/desk-report/2026-11`);
    expect(res.statusCode).toBe(403); // tenant_user: the report is for the municipality's admin
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const report = (await admin.get(`/api/v1/tenants/${cesisId}/desk-report/2026-11`)).json();
    expect(report).toMatchObject({
      tickets: 2,
      byPriority: { P1: 1, P2: 1, P3: 0, P4: 0 },
      byCategory: { incident: 2, request: 0, question: 0 },
      reaction: { measured: 2, met: 1, metPercent: 50, medianMinutes: 60, p90Minutes: 60 },
      resolution: { measured: 1, met: 1 },
      satisfaction: { ratings: 1, average: 4 },
    });
    expect(report.breaches).toEqual([expect.objectContaining({ clock: 'reaction', priority: 'P1', targetMinutes: 60 })]);
    const csv = await admin.get(`/api/v1/tenants/${cesisId}/desk-report/2026-11?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(8); // title, header, two tickets; then the channel table's title, header, one row, totals
    // The JSON answer's schema must not touch the CSV: plain lines, not a JSON string.
    expect(lines[0]).toBe('# Cēsu novada pašvaldība 2026-11');
    expect(lines[1]).toBe('number,created_at,priority,category,channel,status,reaction_target_min,reaction_min,reaction_met,resolution_target_min,resolution_min,resolution_met,satisfaction');
    expect((await admin.get(`/api/v1/tenants/${cesisId}/desk-report/2026-13`)).statusCode).toBe(400);
  });
});
