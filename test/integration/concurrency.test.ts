import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/app/ports.js';
import { escalateTickets, type Escalation } from '../../src/app/desk/escalate-tickets.js';
import { finalizeBillingRun } from '../../src/app/billing/finalize-billing-run.js';
import { openTicket } from '../../src/app/desk/open-ticket.js';
import { closeMonth } from '../../src/app/availability/publish-sla-reports.js';
import { loadMigrations, migrate } from '../../src/db/migrate.js';
import { systemActor } from '../../src/domain/actor.js';
import { KopaError } from '../../src/domain/errors.js';
import { startWorker } from '../../src/jobs/worker.js';
import { createEmptyPostgresDatabase } from '../support/database.js';
import { NO_POSTGRES_REASON, POSTGRES_URL, startReplicas, twoPools, type Replicas } from '../support/parallel.js';

/*
 * Two replicas at the same moment, each with its own connection pool on one PostgreSQL database,
 * doing the same piece of work. Each test names the invariant that must survive the race.
 */
const SYSTEM = { role: 'system' as const, tenantId: null };
const quiet = { info: () => {}, error: () => {} };
const count = async (r: Replicas, sql: string, params: unknown[] = []) => Number((await r.owner(sql, params))[0]!.n);

if (!POSTGRES_URL) console.warn(`\n  ⚠ concurrency tests skipped: ${NO_POSTGRES_REASON}\n`);

describe.runIf(POSTGRES_URL)('two replicas at once on PostgreSQL (skipped without TEST_DATABASE_URL: PGlite is one connection, so two transactions never run at once)', () => {
  it('two `migrate` runs on a fresh database: every migration applied exactly once, by one of them', async () => {
    const empty = await createEmptyPostgresDatabase();
    const [one, two] = await twoPools(empty.url);
    try {
      const results = await Promise.allSettled([migrate(one.kysely), migrate(two.kysely)]);
      expect(results.map((r) => r.status), JSON.stringify(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok')))).toEqual(['fulfilled', 'fulfilled']);
      const applied = results.map((r) => (r as PromiseFulfilledResult<{ applied: string[] }>).value.applied);
      const all = loadMigrations().map((m) => m.name);
      // One winner applies everything; the other waits for it and finds nothing left to do.
      expect(applied.map((a) => a.length).sort((x, y) => x - y)).toEqual([0, all.length]);
      expect([...applied[0]!, ...applied[1]!]).toEqual(all);
      const ledger = await one.kysely.selectFrom('kopa_schema_migrations').select(['version', 'name']).orderBy('version').execute();
      expect(ledger.map((m) => m.name)).toEqual(all);
    } finally {
      await one.close();
      await two.close();
      await empty.drop();
    }
  });

  describe('on a month-end with demo data', () => {
    // Tue 1 Dec 2026 10:00 Riga: November has ended and today is December's first working day.
    let now = new Date('2026-12-01T08:00:00Z');
    let r: Replicas;
    beforeAll(async () => {
      r = await startReplicas({ now: () => now, demo: true, demoHistory: true, notifications: { mailEnabled: true, webhooks: [{ url: 'http://127.0.0.1:9/kopa-hook', secret: 'test-secret' }], publicUrl: null } });
    }, 300_000);
    afterAll(() => r?.close());

    it('two finalisations of one draft run: one winner, the other refused (409), invoices issued once with no gap', async () => {
      const [draft] = await r.owner("SELECT id, month FROM billing_runs WHERE status = 'draft'");
      expect(draft, 'the demo leaves last month as a draft run').toBeDefined();
      const runId = draft!.id as string;
      const invoicesBefore = await count(r, 'SELECT count(*) AS n FROM invoices');
      const charged = await count(r, 'SELECT count(*) AS n FROM billing_statements WHERE run_id = $1 AND total_cents > 0', [runId]);
      expect(charged).toBeGreaterThan(1);
      const finance = systemActor('finance-test');
      const results = await Promise.allSettled([finalizeBillingRun(r.a, finance, runId), finalizeBillingRun(r.b, finance, runId)]);

      const won = results.filter((x) => x.status === 'fulfilled');
      const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(KopaError);
      expect((lost[0]!.reason as KopaError).code).toBe('invalid_state');
      const issued = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof finalizeBillingRun>>>).value.invoices;
      expect(issued).toHaveLength(charged);
      // No invoice twice, and the numbers follow on from the ones before without a gap.
      const rows = await r.owner("SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY number");
      const numbers = rows.map((x) => x.number as string);
      expect(await count(r, 'SELECT count(*) AS n FROM invoices')).toBe(invoicesBefore + charged);
      expect(new Set(numbers).size).toBe(numbers.length);
      const serials = numbers.filter((n) => n.startsWith(numbers.at(-1)!.slice(0, -5))).map((n) => Number(n.slice(-5)));
      expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
      expect(await count(r, "SELECT count(*) AS n FROM audit_events WHERE action = 'billing_run.finalized' AND entity_id = $1", [runId])).toBe(1);
    });

    it('two month-close jobs at once: each municipality’s report published once (version 1), one mail each, neither job fails', async () => {
      const month = '2026-11';
      expect(await count(r, 'SELECT count(*) AS n FROM sla_report_publications WHERE month = $1', [month])).toBe(0);
      const notices = "SELECT count(DISTINCT event_key) AS n FROM outbox WHERE event = 'sla_report.published'";
      const mailsBefore = await count(r, notices);
      const results = await Promise.allSettled([closeMonth(r.a), closeMonth(r.b)]);
      expect(results.map((x) => (x.status === 'rejected' ? String(x.reason) : 'ok'))).toEqual(['ok', 'ok']);
      const published = results.map((x) => (x as PromiseFulfilledResult<Awaited<ReturnType<typeof closeMonth>>>).value.published);
      const rows = await r.owner('SELECT tenant_id, version FROM sla_report_publications WHERE month = $1', [month]);
      expect(rows.length).toBeGreaterThan(1);
      expect(new Set(rows.map((x) => x.tenant_id)).size).toBe(rows.length);
      expect(rows.every((x) => x.version === 1)).toBe(true);
      expect(published[0]! + published[1]!).toBe(rows.length);
      expect(await count(r, "SELECT count(*) AS n FROM audit_events WHERE action = 'sla_report.published'")).toBe(rows.length);
      expect(await count(r, notices)).toBe(mailsBefore + rows.length);
      // And a third run has nothing left to do.
      expect(await closeMonth(r.a)).toMatchObject({ month, published: 0, due: true });
    });

    const NOTICES = "SELECT count(*) AS n FROM (SELECT DISTINCT event_key, channel FROM outbox WHERE event_key LIKE 'ticket:%') AS notices";
    it('two escalation workers at once: each warning and breach raised once, one notification per channel', async () => {
      const desk = systemActor('desk-test');
      const [cesis] = await r.owner("SELECT id FROM tenants WHERE name LIKE 'Cēsu%'");
      const ticket = await openTicket(r.a, desk, { tenantId: cesis!.id as string, priority: 'P1', subject: 'Nestrādā DVS', description: 'Sacensība' });
      // Three weeks later both P1 clocks (60 and 480 business minutes) are far past their targets.
      now = new Date(now.getTime() + 21 * 24 * 3_600_000);
      const before = {
        events: await count(r, "SELECT count(*) AS n FROM ticket_events WHERE kind = 'escalation'"),
        audit: await count(r, "SELECT count(*) AS n FROM audit_events WHERE action ~ '^ticket\\.(reaction|resolution)_(warning|breach)$'"),
        notify: await count(r, NOTICES),
      };
      const runs = await Promise.all([escalateTickets(r.a), escalateTickets(r.b)]);
      const all: Escalation[] = runs.flat();
      const key = (e: Escalation) => `${e.ticketId}:${e.clock}:${e.level}`;
      expect(all.map(key).filter((k) => k.startsWith(ticket.id)).sort()).toEqual(['reaction:breach', 'reaction:warning', 'resolution:breach', 'resolution:warning'].map((k) => `${ticket.id}:${k}`));
      expect(new Set(all.map(key)).size).toBe(all.length);
      expect(await count(r, "SELECT count(*) AS n FROM ticket_events WHERE kind = 'escalation'")).toBe(before.events + all.length);
      expect(await count(r, "SELECT count(*) AS n FROM audit_events WHERE action ~ '^ticket\\.(reaction|resolution)_(warning|breach)$'")).toBe(before.audit + all.length);
      // E-mail and one webhook: two notices per escalation (the e-mail one row per person), no more.
      expect(await count(r, NOTICES)).toBe(before.notify + 2 * all.length);
      expect(await escalateTickets(r.b)).toEqual([]);
    });

    it('a job whose lease expired is reclaimed by exactly one of two workers, and run once', async () => {
      await r.owner("UPDATE jobs SET status = 'done', finished_at = now() WHERE status IN ('queued', 'running')");
      const t0 = now.getTime();
      await r.a.store.run(SYSTEM, (tx) => r.a.store.jobs.enqueue(tx, 'lease.probe', { n: 1 }, new Date(t0), null));
      // A worker takes it for its 300 s lease and dies without finishing.
      const taken = await r.a.store.run(SYSTEM, (tx) => r.a.store.jobs.claim(tx, 'worker-that-died', new Date(t0 + 1000), 300, 10));
      expect(taken.map((j) => j.kind)).toEqual(['lease.probe']);

      const runs: string[] = [];
      const worker = (deps: Deps, at: number, name: string) => {
        const clocked: Deps = { ...deps, clock: { now: () => new Date(at) } };
        return startWorker({ deps: clocked, handlers: { 'lease.probe': async () => void runs.push(name) }, periodic: [], pollMs: 3_600_000, log: quiet });
      };
      // Within the lease nobody may take it.
      const early = worker(r.b, t0 + 299_000, 'early');
      expect(await early.tick()).toBe(0);
      await early.stop();
      // After it, two workers poll at the same moment through their own pools.
      const [one, two] = [worker(r.a, t0 + 302_000, 'one'), worker(r.b, t0 + 302_000, 'two')];
      const claimed = await Promise.all([one.tick(), two.tick()]);
      await Promise.all([one.stop(), two.stop()]);
      expect(claimed.sort()).toEqual([0, 1]);
      expect(runs).toHaveLength(1);
      const [job] = await r.owner("SELECT status, attempts, locked_by FROM jobs WHERE kind = 'lease.probe'");
      expect(job).toEqual({ status: 'done', attempts: 2, locked_by: null });
    });
  });
});
