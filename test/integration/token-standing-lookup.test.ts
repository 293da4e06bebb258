import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/app/shared/secrets.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, signIn, startTestApp, type TestApp } from '../support/app.js';

class Rollback extends Error {}

/**
 * The Bearer token lookup runs outside any transaction (ADR 0019, migration 033). Tests connect as
 * a superuser, whom row-level security never filters; a deployment's owner may be an ordinary role,
 * which FORCE filters like any other. The lookup must state its own scope for that, and leave none
 * behind on the pooled connection.
 */
describe.each(BACKENDS)('the token lookup outside a transaction on %s', (backend) => {
  let t: TestApp;
  let tokenHash: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    const res = await (await signIn(t.app, 'admin@cesis.lv')).post('/api/v1/tokens', { name: 'uzmeklējamais', role: 'tenant_user' });
    expect(res.statusCode).toBe(201);
    tokenHash = hashSecret((res.json() as { token: string }).token);
  });
  afterAll(() => t.close());

  it('finds the token when its owner is an ordinary role that row-level security filters, and leaves no scope set', async () => {
    let seen: unknown[] = [];
    let scopeAfter: unknown = 'not read';
    await t.database.db.kysely
      .transaction()
      .execute(async (trx) => {
        // kopa_app is no superuser and is filtered by every policy; rolled back below.
        await sql.raw('ALTER FUNCTION kopa_token_standing(text) OWNER TO kopa_app').execute(trx);
        seen = (await sql<{ name: string; creator_active: boolean }>`SELECT name, creator_active FROM kopa_token_standing(${tokenHash})`.execute(trx)).rows;
        scopeAfter = (await sql<{ role: string | null }>`SELECT current_setting('kopa.role', true) AS role`.execute(trx)).rows[0]!.role;
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(seen).toEqual([{ name: 'uzmeklējamais', creator_active: true }]);
    expect(scopeAfter ?? '').toBe('');
  });

  it('reads the standing the decision needs, and nothing for an unknown token', async () => {
    const found = await t.deps.store.tokenStanding(tokenHash);
    expect(found).toMatchObject({ name: 'uzmeklējamais', role: 'tenant_user', revokedAt: null, expiresAt: null, tenantStatus: 'active', creator: { active: true, role: 'tenant_admin' } });
    expect(await t.deps.store.tokenStanding(hashSecret('no such token'))).toBeNull();
  });
});

/** The session cookie's lookup (migration 034) runs outside any transaction too: the same demands. */
describe.each(BACKENDS)('the session lookup outside a transaction on %s', (backend) => {
  let t: TestApp;
  let tokenHash: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'lietotajs@cesis.lv', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    tokenHash = hashSecret(res.cookies.find((c) => c.name === 'kopa_session')!.value);
  });
  afterAll(() => t.close());

  it('finds the session when its owner is an ordinary role that row-level security filters, and leaves no scope set', async () => {
    let seen: unknown[] = [];
    let scopeAfter: unknown = 'not read';
    await t.database.db.kysely
      .transaction()
      .execute(async (trx) => {
        await sql.raw('ALTER FUNCTION kopa_session_standing(text) OWNER TO kopa_app').execute(trx);
        seen = (await sql<{ email: string; stage: string; tenant_status: string }>`SELECT email, stage, tenant_status FROM kopa_session_standing(${tokenHash})`.execute(trx)).rows;
        scopeAfter = (await sql<{ role: string | null }>`SELECT current_setting('kopa.role', true) AS role`.execute(trx)).rows[0]!.role;
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(seen).toEqual([{ email: 'lietotajs@cesis.lv', stage: 'full', tenant_status: 'active' }]);
    expect(scopeAfter ?? '').toBe('');
  });

  it('reads the session with its person as they stand, and nothing for an unknown cookie', async () => {
    const found = await t.deps.store.sessionStanding(tokenHash);
    const person = ((await t.database.ownerQuery("SELECT id, created_at FROM users WHERE email = 'lietotajs@cesis.lv'")) as { id: string; created_at: Date }[])[0]!;
    expect(found).toMatchObject({ stage: 'full', tenantStatus: 'active', user: { id: person.id, email: 'lietotajs@cesis.lv', role: 'tenant_user', active: true, createdAt: new Date(person.created_at).toISOString() } });
    expect(found!.user).not.toHaveProperty('passwordHash');
    expect(await t.deps.store.sessionStanding(hashSecret('no such cookie'))).toBeNull();
  });
});
