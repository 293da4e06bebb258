import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatement } from '../../src/db/pglite-statements.js';
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

  // The driver reads Postgres's answer itself (src/db/pglite-results.ts); each type must come out
  // as PGlite's own parsers make it, through a prepared statement (first and later executions) and
  // through the simple protocol.
  it('values come back typed as PGlite parses them, whichever way the statement went', async () => {
    const expected = {
      at: new Date('2026-12-06T09:00:00.000Z'),
      doc: { a: [1, 'b'] },
      yes: true,
      no: false,
      n: 42,
      f: 1.5,
      big: '9007199254740993',
      amount: '12.30',
      day: '2026-03-29',
      tags: ['a', 'b"c', null],
      none: null,
      name: 'Cēsu novads — “Ā”',
      raw: new Uint8Array([1, 2, 255]),
      id: ids.cesis,
    };
    const columns = `'{"a": [1, "b"]}'::jsonb AS doc, true AS yes, false AS no, 42::int4 AS n, 1.5::float8 AS f, 9007199254740993::int8 AS big,
      12.30::numeric AS amount, '2026-03-29'::date AS day, ARRAY['a', 'b"c', NULL]::text[] AS tags, NULL::text AS none, 'Cēsu novads — “Ā”' AS name,
      '\\x0102ff'::bytea AS raw, id FROM tenants WHERE id =`;
    for (let round = 0; round < 2; round++) {
      const prepared = await sql<typeof expected>`SELECT ${'2026-12-06 11:00:00+02'}::timestamptz AS at, ${sql.raw(columns)} ${ids.cesis}`.execute(t.db.kysely);
      expect(prepared.rows).toEqual([expected]);
      const simple = await sql.raw<typeof expected>(`SELECT '2026-12-06 11:00:00+02'::timestamptz AS at, ${columns} '${ids.cesis}'`).execute(t.db.kysely);
      expect(simple.rows).toEqual([expected]);
    }
  });

  it("an answer larger than one write of Postgres's output arrives whole, row for row", async () => {
    const { rows } = await sql<{ n: number; pad: string }>`SELECT g AS n, repeat(${'ā'}, 100) AS pad FROM generate_series(1, 20000) AS g`.execute(t.db.kysely);
    expect(rows).toHaveLength(20000);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 20000 }, (_, i) => i + 1));
    expect(rows.every((r) => r.pad === 'ā'.repeat(100))).toBe(true);
  });

  it("a statement's error is PostgreSQL's, with its code and constraint, and the session goes on", async () => {
    const duplicate = sql`INSERT INTO tenants (name, registration_number, peppol_id, status) VALUES (${'Cēsu dubultā'}, ${'90000031001'}, ${'90000031009'}, ${'active'})`.execute(t.db.kysely);
    await expect(duplicate).rejects.toMatchObject({ code: '23505', constraint: 'tenants_registration_number_key', message: expect.stringContaining('duplicate key') });
    await expect(sql.raw('SELECT 1 / 0').execute(t.db.kysely)).rejects.toMatchObject({ code: '22012' });
    const { rows } = await sql<{ name: string }>`SELECT name FROM tenants WHERE id = ${ids.sigulda}`.execute(t.db.kysely);
    expect(rows).toEqual([{ name: 'Siguldas novads' }]);
  });

  it('an update through a prepared statement counts the rows it changed', async () => {
    const touch = () => sql`UPDATE tenants SET status = status WHERE status = ${'active'} AND name LIKE ${'%novads'}`.execute(t.db.kysely);
    expect((await touch()).numAffectedRows).toBe(2n);
    expect((await touch()).numAffectedRows).toBe(2n);
  });

  it('a column renamed after its statement was prepared answers with its new name', async () => {
    await t.ownerQuery('CREATE TABLE prepared_names (id text PRIMARY KEY, colour text)');
    await t.ownerQuery("INSERT INTO prepared_names VALUES ('a', 'zils')");
    const read = async () => (await sql<Record<string, unknown>>`SELECT * FROM prepared_names WHERE id = ${'a'}`.execute(t.db.kysely)).rows;
    expect(await read()).toEqual([{ id: 'a', colour: 'zils' }]);
    await t.ownerQuery('ALTER TABLE prepared_names RENAME COLUMN colour TO krasa');
    expect(await read()).toEqual([{ id: 'a', krasa: 'zils' }]);
    expect(await read()).toEqual([{ id: 'a', krasa: 'zils' }]);
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

/**
 * Values other than text (src/db/pglite-statements.ts): bound to a statement kept prepared, each as
 * `pglite.query` binds it, by the type PostgreSQL inferred for its parameter, so that a `limit` or a
 * timestamp no longer sends the statement through `query`'s parse, plan and describe on every call.
 */
describe('PGlite statements with values of every kind', () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
  });
  afterAll(() => pglite.close());

  const kept = async () => (await pglite.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements')).rows.map((r) => r.statement);

  it('a date, numbers, a boolean, arrays, an object, bytes and undefined (NULL) are bound as pglite.query binds them, through a statement kept prepared', async () => {
    const text = `SELECT $1::timestamptz AS at, $2::int4 AS n, $3::float8 AS f, $4::numeric AS amount, $5::bool AS yes, $6::text[] AS tags,
      $7::jsonb AS doc, $8::bytea AS raw, $9::text AS said, $10::text AS said_when, $11::uuid[] AS ids, $12 = 'b' AS untyped, $14::text AS nothing LIMIT $13`;
    const values = [new Date('2026-12-07T10:00:00.123Z'), 42, 1.5, 12.3, true, ['a', 'b"c', null], { a: [1, 'b'] }, new Uint8Array([1, 2, 255]), 7, new Date('2026-12-07T10:00:00.123Z'), ['0c6d2a4e-8f0e-4a44-9b1e-2f3c4d5e6f70'], 'b', 1, undefined];
    const expected = {
      at: new Date('2026-12-07T10:00:00.123Z'),
      n: 42,
      f: 1.5,
      amount: '12.3',
      yes: true,
      tags: ['a', 'b"c', null],
      doc: { a: [1, 'b'] },
      raw: new Uint8Array([1, 2, 255]),
      said: '7',
      said_when: '2026-12-07T10:00:00.123Z',
      ids: ['0c6d2a4e-8f0e-4a44-9b1e-2f3c4d5e6f70'],
      untyped: true,
      nothing: null,
    };
    for (let round = 0; round < 2; round++) {
      expect((await runStatement(pglite, text, values)).rows).toEqual([expected]);
      expect((await pglite.query(text, values)).rows).toEqual([expected]);
    }
    expect(await kept()).toContain(text);
  });

  it('a statement of more than 64 parameters answers the same but is not kept, so that texts of many rows take no place of those sent all day', async () => {
    const many = Array.from({ length: 65 }, (_, i) => i + 1);
    const text = `SELECT ${many.map((i) => `$${i}::int`).join(' + ')} AS total`;
    expect((await runStatement(pglite, text, many)).rows).toEqual([{ total: (65 * 66) / 2 }]);
    expect(await kept()).not.toContain(text);
  });
});
