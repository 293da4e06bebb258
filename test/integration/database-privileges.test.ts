import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/app/audit/verify-audit-chain.js';
import { completeRegistrationNumber } from '../../src/domain/registration-number.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

/**
 * Functions that any database role may run. Kopa's own functions belong to the app role
 * alone: a PUBLIC execute on the audit functions let any role stop every audited write.
 */
const PUBLIC_EXECUTE_ALLOWED: string[] = [];

class Rollback extends Error {}

describe.each(BACKENDS)('database privileges on %s', (backend) => {
  let t: TestApp;
  const stranger = `kopa_stranger_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await startTestApp(backend);
    await t.database.ownerQuery(`CREATE ROLE ${stranger} NOLOGIN`);
  });
  afterAll(async () => {
    await t?.close();
    // Roles are cluster-wide on PostgreSQL; the test database that held its grants is gone now.
    if (backend === 'postgres') {
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${stranger}`);
      await admin.end();
    }
  });

  /** Runs one statement as `role` inside a transaction that is always rolled back; the error text, or null. */
  const runAs = async (role: string, statement: string): Promise<string | null> => {
    try {
      await t.database.db.kysely.transaction().execute(async (trx) => {
        await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
        await sql.raw(statement).execute(trx);
        throw new Rollback();
      });
    } catch (error) {
      if (error instanceof Rollback) return null;
      return (error as Error).message;
    }
    return null;
  };

  const functions = async () =>
    (await t.database.ownerQuery(`
      SELECT p.oid::int AS oid, p.oid::regprocedure::text AS signature, p.prorettype = 'trigger'::regtype AS trigger,
             coalesce((SELECT array_agg(a.privilege_type::text || ':' || CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END ORDER BY 1)
                       FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a), '{}') AS grants
      FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace
      ORDER BY 2`)) as { oid: number; signature: string; trigger: boolean; grants: string[] | string }[];

  it('no function of the schema is executable by PUBLIC unless allowed by name', async () => {
    const all = await functions();
    expect(all.map((f) => f.signature)).toEqual(expect.arrayContaining(['kopa_audit_advance(bigint,text)', 'kopa_audit_reserve()', 'kopa_audit_head()', 'kopa_can_see(uuid)']));
    const grantsOf = (f: (typeof all)[number]) => (Array.isArray(f.grants) ? f.grants : String(f.grants).replace(/^\{|\}$/g, '').split(',').filter(Boolean));
    const publicExecute = all.filter((f) => grantsOf(f).includes('EXECUTE:PUBLIC')).map((f) => f.signature);
    expect(publicExecute.filter((s) => !PUBLIC_EXECUTE_ALLOWED.includes(s))).toEqual([]);
  });

  it('the app role keeps every function it calls, directly or through row-level security', async () => {
    const callable = (await functions()).filter((f) => !f.trigger);
    expect(callable.length).toBeGreaterThan(5);
    for (const f of callable) {
      const [row] = (await t.database.ownerQuery(`SELECT has_function_privilege('kopa_app', ${f.oid}, 'EXECUTE') AS ok`)) as { ok: boolean }[];
      expect({ fn: f.signature, ok: row!.ok }).toEqual({ fn: f.signature, ok: true });
    }
  });

  it('a fresh role cannot reserve, advance or read the audit head, nor drop probe partitions', async () => {
    for (const call of [
      'SELECT * FROM public.kopa_audit_reserve()',
      "SELECT public.kopa_audit_advance(999999, 'f00d')",
      'SELECT * FROM public.kopa_audit_head()',
      "SELECT public.kopa_drop_probe_partitions_before('2100-01-01')",
      "SELECT public.kopa_ensure_probe_partition('2100-01-01')",
    ]) {
      expect({ call, error: await runAs(stranger, call) }).toEqual({ call, error: expect.stringMatching(/permission denied for function/) });
    }
    // The app role itself may still advance the head (rolled back here).
    expect(await runAs('kopa_app', 'SELECT * FROM public.kopa_audit_head()')).toBeNull();
  });

  it('a function a later migration creates is the app role’s alone, too', async () => {
    await t.database.ownerQuery('CREATE FUNCTION kopa_later_helper() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$');
    try {
      expect(await runAs(stranger, 'SELECT public.kopa_later_helper()')).toMatch(/permission denied for function/);
      expect(await runAs('kopa_app', 'SELECT public.kopa_later_helper()')).toBeNull();
    } finally {
      await t.database.ownerQuery('DROP FUNCTION kopa_later_helper()');
    }
  });

  it('audited writes still succeed and the chain still verifies', async () => {
    const operator = await signIn(t.app, 'operators@rda.lv');
    const created = await operator.post('/api/v1/tenants', { name: 'Privilēģiju novads', registrationNumber: completeRegistrationNumber('9000005551')! });
    expect(created.statusCode).toBe(201);
    const report = await verifyAuditChain(t.deps);
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(1);
  });
});
