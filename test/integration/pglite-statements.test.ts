import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScoped } from '../../src/db/store.js';
import { trxOf } from '../../src/db/tx.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The embedded database's statements (src/db/pglite-statements.ts): a statement with text
 * parameters is prepared once and then only bound and executed. What must not change with that:
 * each scope reads its own rows through the same prepared statement, and a table altered after a
 * statement was prepared answers with its new shape. PGlite only: on PostgreSQL pg sends the
 * statements and nothing is kept prepared.
 */
describe('PGlite statements kept prepared', () => {
  let t: TestDatabase;
  const ids: Record<'cesis' | 'sigulda', string> = { cesis: '', sigulda: '' };

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    for (const [key, name, registration] of [['cesis', 'Cēsu novads', '90000031001'], ['sigulda', 'Siguldas novads', '90000031002']] as const) {
      const [row] = (await t.ownerQuery(`INSERT INTO tenants (name, registration_number, peppol_id, status) VALUES ('${name}', '${registration}', '${registration}', 'active') RETURNING id`)) as { id: string }[];
      ids[key] = row!.id;
    }
  });
  afterAll(() => t.drop());

  // The same text, with a text parameter, every time: prepared on its first use.
  const activeTenantsIn = (tenantId: string) =>
    runScoped(t.db.kysely, { role: 'tenant_admin', tenantId }, async (tx) => {
      const { rows } = await sql<{ id: string }>`SELECT id FROM tenants WHERE status = ${'active'} ORDER BY id`.execute(trxOf(tx));
      return rows.map((r) => r.id);
    });

  it("each municipality's scope reads only its own row through the one prepared statement, turn and turn about", async () => {
    for (let round = 0; round < 3; round++) {
      expect(await activeTenantsIn(ids.cesis)).toEqual([ids.cesis]);
      expect(await activeTenantsIn(ids.sigulda)).toEqual([ids.sigulda]);
    }
  });

  it('each execution of a prepared statement binds its own values, null included', async () => {
    const nameOf = (id: string | null) =>
      runScoped(t.db.kysely, { role: 'system', tenantId: null }, async (tx) => {
        const { rows } = await sql<{ name: string }>`SELECT name FROM tenants WHERE id = ${id} OR (${id}::uuid IS NULL AND name = ${'Cēsu novads'})`.execute(trxOf(tx));
        return rows.map((r) => r.name);
      });
    for (let round = 0; round < 3; round++) {
      expect(await nameOf(ids.sigulda)).toEqual(['Siguldas novads']);
      expect(await nameOf(ids.cesis)).toEqual(['Cēsu novads']);
      expect(await nameOf(null)).toEqual(['Cēsu novads']);
    }
  });

  it('a statement first sent in a failed transaction is refused there, and works once the transaction is over', async () => {
    const statusOf = (tx: Parameters<typeof trxOf>[0]) => sql<{ status: string }>`SELECT status FROM tenants WHERE id = ${ids.cesis}`.execute(trxOf(tx));
    const failing = runScoped(t.db.kysely, { role: 'system', tenantId: null }, async (tx) => {
      await sql`SELECT 1 / 0`.execute(trxOf(tx)).catch(() => {});
      return statusOf(tx);
    });
    await expect(failing).rejects.toThrow(/current transaction is aborted/);
    const { rows } = await runScoped(t.db.kysely, { role: 'system', tenantId: null }, statusOf);
    expect(rows).toEqual([{ status: 'active' }]);
  });

  // Order, not time: with the session handed on at once, all three transactions would run in one
  // turn (PGlite answers within it) and the callback queued before them would come last.
  it('the session is handed to the next transaction only after the event loop has had a turn, so sockets are read between transactions', async () => {
    const order: string[] = [];
    const transaction = (label: string) =>
      runScoped(t.db.kysely, { role: 'system', tenantId: null }, async (tx) => {
        order.push(label);
        await sql`SELECT ${label}::text`.execute(trxOf(tx));
      });
    const queued = Promise.all(['first', 'second', 'third'].map(transaction));
    setImmediate(() => order.push('event loop'));
    await queued;
    expect(order).toEqual(['first', 'event loop', 'second', 'third']);
  });

  it('a table altered after its statement was prepared answers with its new columns', async () => {
    await t.ownerQuery('CREATE TABLE prepared_shape (id text PRIMARY KEY)');
    await t.ownerQuery("INSERT INTO prepared_shape VALUES ('a')");
    const read = async () => (await sql<Record<string, unknown>>`SELECT * FROM prepared_shape WHERE id = ${'a'}`.execute(t.db.kysely)).rows;
    expect(await read()).toEqual([{ id: 'a' }]);
    await t.ownerQuery("ALTER TABLE prepared_shape ADD COLUMN colour text NOT NULL DEFAULT 'zils'");
    expect(await read()).toEqual([{ id: 'a', colour: 'zils' }]);
  });
});
