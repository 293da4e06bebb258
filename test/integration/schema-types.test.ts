import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSchemaTypes, SCHEMA_TYPES_FILE } from '../../src/db/schema-codegen.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The Kysely types are generated from the migrated database (ADR 0013). This is the CI check:
 * a migration without regenerated types, or a hand edit of the generated file, fails here.
 */
const STALE = 'src/db/generated/database.ts differs from what the migrations produce: run `npm run db:types` and commit the file';

/** Compiled, never run: `npm run typecheck` fails if a write rule of schema-codegen.ts stops reaching the types. */
export function writesTheTypesRefuse(db: TestDatabase['db']['kysely']): unknown[] {
  return [
    // @ts-expect-error tickets are numbered by ticket_number_seq
    db.updateTable('tickets').set({ number: '5' }),
    // @ts-expect-error the audit log is append-only; its position is never moved
    db.updateTable('audit_events').set({ seq: '5' }),
    // @ts-expect-error an exclusion is withdrawn after it was made, never while it is made
    db.insertInto('sla_exclusions').values({ service_id: 's', starts_at: '', ends_at: '', reason: 'r', created_by: 'c', withdrawn_at: '' }),
    // @ts-expect-error a run's finalisation order is taken when it is finalised
    db.insertInto('billing_runs').values({ month: '2026-01', kind: 'regular', status: 'draft', computed_at: '', created_by: 'c', finalization: '1' }),
    db.updateTable('billing_runs').set({ finalization: '1' }),
  ];
}

describe.each(BACKENDS)('generated schema types on %s', (backend) => {
  let t: TestDatabase;
  const committed = () => readFileSync(SCHEMA_TYPES_FILE, 'utf8');

  beforeAll(async () => {
    t = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('are what the migrations produce, byte for byte', async () => {
    expect(await generateSchemaTypes(t.db.kysely), STALE).toBe(committed());
  });

  it('name every table of the migrations, and the migrations ledger', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`.execute(t.db.kysely);
    const generated = await generateSchemaTypes(t.db.kysely);
    const database = /export interface DB \{\n([^}]*)\}/.exec(generated)?.[1] ?? '';
    const named = [...database.matchAll(/^ {2}(\w+): \w+;$/gm)].map((m) => m[1]);
    expect([...named].sort()).toEqual(rows.map((r) => r.name).sort());
    expect(named).toContain('kopa_schema_migrations');
  });

  it('describe the partitioned probe results once, whatever months have partitions', async () => {
    await t.ownerQuery(`SELECT kopa_ensure_probe_partition('2026-10-01')`);
    await t.ownerQuery(`SELECT kopa_ensure_probe_partition('2026-11-01')`);
    const partitions = await t.ownerQuery(`SELECT relname FROM pg_class WHERE relispartition AND relkind = 'r' AND relname LIKE 'probe_results_%'`);
    expect(partitions).toHaveLength(2);

    const generated = await generateSchemaTypes(t.db.kysely);
    expect(generated, STALE).toBe(committed());
    expect(generated).toMatch(/^ {2}probe_results: ProbeResults;$/m);
    expect(generated).not.toMatch(/probe_results_2026/);
  });

  it('keep the write rules the database keeps, in the types and in the database', async () => {
    const record = {
      id: 'written-seq',
      tenant_id: '00000000-0000-4000-8000-000000000000',
      provider: 'p',
      resource: 'r',
      quantity: '1',
      period_start: '2026-01-01T00:00:00Z',
      period_end: '2026-01-02T00:00:00Z',
      batch_id: '00000000-0000-4000-8000-000000000001',
      received_at: '2026-01-02T00:00:00Z',
    };
    // @ts-expect-error usage_records.seq is GENERATED ALWAYS AS IDENTITY, and the types say so.
    const attempt = t.db.kysely.insertInto('usage_records').values({ ...record, seq: '7' });
    await expect(attempt.execute()).rejects.toThrow(/non-DEFAULT value into column "seq"/);
  });

  it('map column types to what the drivers really return and accept', async () => {
    // The generator's mappings (schema-codegen.ts) hold only while connect.ts sets the drivers up so.
    const { rows } = await sql<Record<string, unknown>>`
      SELECT ${JSON.stringify([1, { a: 'b' }])}::jsonb AS json_array,
             9007199254740993::int8 AS big,
             0.1::numeric(12,6) AS money,
             '2026-03-29'::date AS day,
             '2026-03-29T01:00:00Z'::timestamptz AS instant,
             '\\x0102'::bytea AS bytes`.execute(t.db.kysely);
    const row = rows[0]!;
    expect(row.json_array).toEqual([1, { a: 'b' }]);
    expect(row.big).toBe('9007199254740993');
    expect(row.money).toBe('0.100000');
    expect(row.day).toBe('2026-03-29');
    expect(row.instant).toBeInstanceOf(Date);
    expect((row.instant as Date).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(row.bytes).toBeInstanceOf(Uint8Array);
    expect([...(row.bytes as Uint8Array)]).toEqual([1, 2]);
  });
});
