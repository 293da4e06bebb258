import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/app/create-token.js';
import { inviteUser } from '../../src/app/invite-user.js';
import { openTicket } from '../../src/app/open-ticket.js';
import { systemActor } from '../../src/domain/actor.js';
import { trxOf } from '../../src/db/store.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

// Tables that belong to a tenant, with the column naming it.
const TENANT_TABLES: [string, string][] = [
  ['tenants', 'id'],
  ['agreements', 'tenant_id'],
  ['agreement_versions', 'tenant_id'],
  ['users', 'tenant_id'],
  ['user_invitations', 'tenant_id'],
  ['api_tokens', 'tenant_id'],
  ['audit_events', 'tenant_id'],
  ['sessions', 'tenant_id'],
  ['tenant_subscriptions', 'tenant_id'],
  ['tickets', 'tenant_id'],
  ['ticket_events', 'tenant_id'],
  ['usage_records', 'tenant_id'],
  ['billing_statements', 'tenant_id'],
  ['invoices', 'tenant_id'],
];

describe.each(BACKENDS)('row-level security on %s', (backend) => {
  let t: TestApp;
  let cesis: string;
  let sigulda: string;

  beforeAll(async () => {
    // The demo history gives every billing table rows of several municipalities.
    t = await startTestApp(backend, { demoHistory: true, now: () => new Date('2026-12-03T10:00:00Z') });
    const rows = (await t.database.ownerQuery("SELECT id, name FROM tenants ORDER BY name")) as { id: string; name: string }[];
    cesis = rows.find((r) => r.name.startsWith('Cēsu'))!.id;
    sigulda = rows.find((r) => r.name.startsWith('Siguldas'))!.id;
    // A session and a token for each tenant, so those tables have something to hide.
    for (const email of ['admin@cesis.lv', 'admin@sigulda.lv']) {
      await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: 'kopa-demo-2026' } });
    }
    for (const tenantId of [cesis, sigulda]) {
      await createToken(t.deps, systemActor('test'), { name: 'monitoring script', role: 'tenant_admin', tenantId });
      await openTicket(t.deps, systemActor('test'), { tenantId, priority: 'P3', subject: 'Pārbaude', description: 'RLS' });
      await inviteUser({ ...t.deps, notifications: { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' } }, systemActor('test'), tenantId, { email: 'uzaicinats@example.lv', name: 'Uzaicināts', role: 'tenant_user' });
    }
  });
  afterAll(() => t.close());

  const unfiltered = (scope: { role: 'tenant_admin' | 'operator' | 'system'; tenantId: string | null }, table: string, column: string) =>
    t.deps.store.run(scope, async (tx) => {
      // Deliberately no WHERE: the policy alone must do the filtering.
      const { rows } = await sql<{ owner: string | null }>`SELECT ${sql.ref(column)}::text AS owner FROM ${sql.table(table)}`.execute(trxOf(tx));
      return rows.map((r) => r.owner);
    });

  it.each(TENANT_TABLES)('a tenant scope sees only its own rows of %s even without a WHERE', async (table, column) => {
    const owners = await unfiltered({ role: 'tenant_admin', tenantId: cesis }, table, column);
    expect(owners.length).toBeGreaterThan(0);
    expect(new Set(owners)).toEqual(new Set([cesis]));
  });

  it.each(TENANT_TABLES)('agency scope sees every tenant in %s', async (table, column) => {
    const owners = new Set(await unfiltered({ role: 'operator', tenantId: null }, table, column));
    expect(owners.has(cesis) && owners.has(sigulda)).toBe(true);
  });

  it('a transaction that forgot to set its scope sees nothing', async () => {
    const rows = await t.deps.store.run({ role: '' as 'system', tenantId: null }, async (tx) => {
      const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM tenants`.execute(trxOf(tx));
      return rows;
    });
    expect(rows[0]!.n).toBe('0');
  });

  it('works as the non-owner role kopa_app, which cannot bypass the policies', async () => {
    const who = await t.deps.store.run({ role: 'tenant_admin', tenantId: cesis }, async (tx) => {
      const { rows } = await sql<{ who: string; bypass: boolean }>`SELECT current_user AS who, rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`.execute(trxOf(tx));
      return rows[0]!;
    });
    expect(who).toEqual({ who: 'kopa_app', bypass: false });
  });

  it("refuses to write a row into another tenant's data", async () => {
    const attempt = t.deps.store.run({ role: 'tenant_admin', tenantId: cesis }, (tx) =>
      sql`INSERT INTO users (email, name, role, tenant_id) VALUES ('spy@example.lv', 'Spy', 'tenant_user', ${sigulda})`.execute(trxOf(tx)),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
    const spies = await t.database.ownerQuery("SELECT id FROM users WHERE email = 'spy@example.lv'");
    expect(spies).toEqual([]);
  });

  it('keeps the audit log append-only for the application role', async () => {
    const attempt = t.deps.store.run({ role: 'operator', tenantId: null }, (tx) => sql`UPDATE audit_events SET action = 'x'`.execute(trxOf(tx)));
    await expect(attempt).rejects.toThrow(/permission denied/);
  });
});
