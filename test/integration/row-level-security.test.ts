import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trxOf } from '../../src/db/tx.js';
import { BACKENDS } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { giveTenantOneOfEverything, tenantTables } from '../support/tenant-data.js';

describe.each(BACKENDS)('row-level security on %s', (backend) => {
  let t: TestApp;
  let cesis: string;
  let sigulda: string;
  let tables: string[];

  beforeAll(async () => {
    // The demo history gives the billing tables rows of several municipalities; the rest is added
    // through the API for both Cēsis and Sigulda, so that every tenant table has rows of each.
    t = await startTestApp(backend, { demoHistory: true, now: () => new Date('2026-12-03T10:00:00Z') });
    cesis = (await giveTenantOneOfEverything(t, 'admin@cesis.lv', '2026-11')).tenantId;
    sigulda = (await giveTenantOneOfEverything(t, 'admin@sigulda.lv', '2026-11')).tenantId;
    // Tables are read from the catalogue: one added later is covered without editing this test.
    tables = await tenantTables(t);
  });
  afterAll(() => t.close());

  const unfiltered = (scope: { role: 'tenant_admin' | 'operator' | 'system'; tenantId: string | null }, table: string, column: string) =>
    t.deps.store.run(scope, async (tx) => {
      // Deliberately no WHERE: the policy alone must do the filtering.
      const { rows } = await sql<{ owner: string | null }>`SELECT ${sql.ref(column)}::text AS owner FROM ${sql.table(table)}`.execute(trxOf(tx));
      return rows.map((r) => r.owner);
    });
  const ownerCount = async (table: string, column: string, tenantId: string) =>
    ((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [tenantId])) as { n: number }[])[0]!.n;
  /** The tenant tables with the column naming the tenant: `tenants` by its id, every other by tenant_id. */
  const withColumn = (): [string, string][] => [['tenants', 'id'], ...tables.map((table): [string, string] => [table, 'tenant_id'])];

  it('finds the tenant tables in the catalogue, and Cēsis has rows in every one of them (none can be skipped for lack of data)', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(16);
    expect(tables).toEqual(expect.arrayContaining(['ticket_attachments', 'sla_exclusions', 'sla_report_publications', 'monitors', 'sessions', 'api_tokens']));
    const empty: string[] = [];
    for (const [table, column] of withColumn()) if ((await ownerCount(table, column, cesis)) === 0) empty.push(table);
    expect(empty, 'tables without a Cēsis row: seed one in test/support/tenant-data.ts').toEqual([]);
  });

  it("a municipality's scope reads none of another municipality's rows in any tenant table, even without a WHERE", async () => {
    const leaks: string[] = [];
    for (const [table, column] of withColumn()) {
      const owners = await unfiltered({ role: 'tenant_admin', tenantId: sigulda }, table, column);
      // Only Sigulda's own rows, or rows that belong to no one (shared monitors and exclusions).
      const foreign = owners.filter((o) => o !== sigulda && o !== null);
      if (foreign.length > 0) leaks.push(`${table}: ${foreign.length} foreign row(s)${foreign.includes(cesis) ? ', Cēsis among them' : ''}`);
    }
    expect(leaks).toEqual([]);
  });

  it('the same scope sees its own rows, so the emptiness above is the policy and not a broken query', async () => {
    for (const [table, column] of withColumn()) {
      const owners = await unfiltered({ role: 'tenant_admin', tenantId: cesis }, table, column);
      expect(owners.filter((o) => o === cesis).length, table).toBe(await ownerCount(table, column, cesis));
    }
  });

  it('agency scope sees every row of Cēsis and Sigulda in every tenant table', async () => {
    for (const [table, column] of withColumn()) {
      const owners = await unfiltered({ role: 'operator', tenantId: null }, table, column);
      for (const tenant of [cesis, sigulda]) expect(owners.filter((o) => o === tenant).length, `${table} of ${tenant}`).toBe(await ownerCount(table, column, tenant));
    }
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
