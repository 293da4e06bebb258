import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { escalateTickets, type Escalation } from '../../src/app/desk/escalate-tickets.js';
import { slaOf } from '../../src/app/desk/ticket-sla.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import type { Ticket } from '../../src/domain/desk/ticket.js';
import { trxOf } from '../../src/db/tx.js';
import { jobHandlers } from '../../src/jobs/handlers.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

// Riga is UTC+2 in late November 2026; the lv calendar works 08:30–17:00 on Tuesday 24 Nov.
const START = Date.parse('2026-11-24T10:00:00+02:00');
let now = new Date(START);
const LEVELS = [['warning', 0.8], ['breach', 1]] as const;
const MARKERS = { reaction: { warning: 'reactionWarnedAt', breach: 'reactionBreachedAt' }, resolution: { warning: 'resolutionWarnedAt', breach: 'resolutionBreachedAt' } } as const;
const key = (e: Pick<Escalation, 'ticketId' | 'clock' | 'level'>) => `${e.ticketId} ${e.clock} ${e.level}`;

/**
 * What the job decided before ADR 0027's bound, written out here: every open ticket's clocks,
 * read one ticket at a time, and each level whose share of the target is reached and not yet
 * raised (the markers are what the job claims).
 */
async function fullScanDecision(t: TestApp): Promise<{ decided: string[]; read: number }> {
  return t.deps.store.run(SYSTEM, async (tx) => {
    const decided: string[] = [];
    const open = await t.deps.store.tickets.open(tx);
    for (const ticket of open) {
      const sla = await slaOf(t.deps, tx, ticket, await t.deps.store.tickets.statusEvents(tx, ticket.id), now);
      for (const clock of ['reaction', 'resolution'] as const) {
        const state = sla[clock];
        if (state.metAt !== null) continue;
        for (const [level, ratio] of LEVELS) if (state.ratio >= ratio && (ticket as Ticket)[MARKERS[clock][level]] === null) decided.push(key({ ticketId: ticket.id, clock, level }));
      }
    }
    return { decided: decided.sort(), read: open.length };
  });
}

// The escalation job reads only tickets whose next escalation is due (issue 11, ADR 0027). It must
// raise exactly what the full scan of every open ticket raised, at the same run, whatever happened
// to the tickets: pauses, a first reply, resolving, closing and reopening, a change of priority
// and targets, and a calendar edited under running clocks.
describe.each(BACKENDS)('escalation of the due tickets only, on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    now = new Date(START);
    t = await startTestApp(backend, { now: () => now });
  });
  afterAll(() => t.close());

  it('raises the same warnings and breaches at the same minute as the full scan, reading far fewer tickets', async () => {
    const operator = await signIn(t.app, 'operators@rda.lv');
    // Today closes at 11:00 at first: every clock stops then, and their instants move to tomorrow.
    expect((await operator.post('/api/v1/calendars/lv/exceptions', { date: '2026-11-24', kind: 'custom_hours', opens: '08:30', closes: '11:00', reason: 'Mācības' })).statusCode).toBe(201);
    const reporter = await signIn(t.app, 'lietotajs@cesis.lv');
    const agent = await signIn(t.app, 'dienests@rda.lv');
    const open = async (priority: string) => {
      const res = await reporter.post('/api/v1/tickets', { priority, category: 'incident', subject: `Biļete ${priority}`, description: 'Sīkāk.' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const move = async (id: string, status: string) => expect((await agent.post(`/api/v1/tickets/${id}/status`, { status })).statusCode).toBe(200);
    const untouched = await open('P1');
    const paused = await open('P1');
    const answered = await open('P2');
    const reopened = await open('P1');
    const reprioritised = await open('P3');
    const quiet = await open('P4');
    let late = '';
    let resumed = '';

    // Minute by minute, what happens to the tickets before that minute's run.
    const actions: Record<number, () => Promise<unknown>> = {
      5: () => agent.post(`/api/v1/tickets/${answered}/comments`, { body: 'Skatāmies.', public: true }),
      10: () => move(paused, 'waiting_for_customer'),
      15: () => move(reopened, 'in_progress'),
      20: () => move(reopened, 'resolved'),
      25: () => move(reopened, 'closed'),
      30: async () => (late = await open('P1')),
      45: () => move(paused, 'in_progress'),
      // 12:30: the short day is withdrawn, so 11:00–12:30 counted after all: clocks jump ahead.
      150: () => operator.delete('/api/v1/calendars/lv/exceptions/2026-11-24'),
      // A priority raised with its targets (no use case changes them yet; the column trigger must see it).
      170: () => t.deps.store.run(SYSTEM, (tx) => sql`UPDATE tickets SET priority = 'P1', reaction_target_minutes = 60, resolution_target_minutes = 480 WHERE id = ${reprioritised}`.execute(trxOf(tx))),
      // Paused past its instant (the run then finds nothing to wait for), then resumed.
      160: async () => (resumed = await open('P1')),
      180: () => move(resumed, 'waiting_for_customer'),
      200: () => move(reopened, 'in_progress'),
      240: () => move(resumed, 'in_progress'),
      260: () => move(paused, 'waiting_for_customer'),
      290: () => move(paused, 'in_progress'),
    };

    const readByJob = vi.spyOn(t.deps.store.tickets, 'statusEventsOf');
    const raised: string[] = [];
    let readByScan = 0;
    let readByBound = 0;
    try {
      for (let minute = 0; minute <= 430; minute++) {
        now = new Date(START + minute * 60_000);
        await actions[minute]?.();
        const scan = await fullScanDecision(t);
        readByScan += scan.read;
        readByJob.mockClear();
        const got = (await escalateTickets(t.deps)).map(key).sort();
        readByBound += readByJob.mock.calls.reduce((n, call) => n + call[1].length, 0);
        expect(got, `run at ${now.toISOString()}`).toEqual(scan.decided);
        raised.push(...got.map((k) => `${minute} ${k}`));
      }
    } finally {
      readByJob.mockRestore();
    }

    // Not a vacuous match: each history escalated, at the minutes the clocks give.
    const at = (id: string, clock: string, level: string) => raised.filter((r) => r.endsWith(`${id} ${clock} ${level}`)).map((r) => Number(r.split(' ')[0]));
    expect(at(untouched, 'reaction', 'warning')).toEqual([48]); // 10:48, 48 of 60 minutes
    expect(at(untouched, 'reaction', 'breach')).toEqual([60]); // 11:00
    expect(at(answered, 'reaction', 'warning')).toEqual([]); // answered at 10:05
    expect(at(paused, 'reaction', 'warning')).toEqual([150]); // 10 minutes, paused 10:10–10:45, 15 more by 11:00; 115 once 11:00–12:30 counts
    expect(at(late, 'reaction', 'breach')).toEqual([150]); // opened 10:30, 60 minutes by 11:30, known at 12:30
    expect(at(reprioritised, 'reaction', 'breach')).toEqual([170]); // P3 → P1: 60 minutes long past
    expect(at(reopened, 'reaction', 'warning')).toEqual([228]); // 20 minutes before resolving, 28 more from 13:20
    expect(at(resumed, 'reaction', 'warning')).toEqual([268]); // 20 minutes by 13:00, paused until 14:00, 28 more
    expect(at(untouched, 'resolution', 'warning')).toEqual([384]); // 384 of 480 minutes: 16:24
    expect(at(quiet, 'reaction', 'warning')).toEqual([384]); // P4: 384 of 480 minutes, 16:24
    // The bound: a run reads the tickets that changed or came due, not every open ticket.
    expect(readByBound).toBeLessThan(readByScan / 10);
  }, 300_000); // 431 runs of both, each a few statements

  it("a process's first run reads every open ticket, whatever instant the release before kept", async () => {
    now = new Date(Date.parse('2026-11-25T09:00:00+02:00'));
    const reporter = await signIn(t.app, 'lietotajs@cesis.lv');
    const res = await reporter.post('/api/v1/tickets', { priority: 'P1', category: 'incident', subject: 'Pēc jaunas versijas', description: 'Sīkāk.' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    // The earlier test's tickets escalate too as the days go on; only this ticket's are looked at.
    const raisedFor = async () => (await escalateTickets(t.deps)).filter((e) => e.ticketId === id);
    expect(await raisedFor()).toEqual([]); // its instant kept: 09:48 (48 of 60 minutes)
    // An instant kept by a release whose calendar counted this morning as a holiday: far too late.
    await t.deps.store.run(SYSTEM, (tx) => sql`UPDATE tickets SET escalation_due_at = '2026-11-26T09:00:00+02:00' WHERE id = ${id}`.execute(trxOf(tx)));
    now = new Date(Date.parse('2026-11-25T09:50:00+02:00'));
    expect(await raisedFor()).toEqual([]);
    const handlers = jobHandlers(t.deps);
    const before = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.tickets.get(tx, null, id));
    await handlers['ticket-escalation']!({});
    const after = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.tickets.get(tx, null, id));
    expect([before?.reactionWarnedAt, after?.reactionWarnedAt && new Date(after.reactionWarnedAt).toISOString()]).toEqual([null, '2026-11-25T07:50:00.000Z']);
  });
});
