import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { bearer, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

/**
 * Issue 11: whatever the request path keeps to go faster must not keep a token working after it
 * stopped. Each token is used many times first — anything remembered across requests is warm —
 * then changed, and the very next request must see the change. The changes go straight to the
 * database as well as through the API: another replica makes them without telling this one.
 */
describe.each(BACKENDS)('a token’s revocation, its person’s deactivation and role change hold from the next request on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let tenantId: string;

  const warmToken = async (email: string, name: string, role: string) => {
    const res = await (await signIn(t.app, email)).post('/api/v1/tokens', { name, role });
    expect(res.statusCode).toBe(201);
    const { id, token } = res.json() as { id: string; token: string };
    const robot = bearer(t.app, token);
    for (let i = 0; i < 20; i++) expect((await robot.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(200);
    return { id, robot };
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signIn(t.app, 'operators@rda.lv');
    tenantId = ((await operator.get('/api/v1/tenants')).json().items as { id: string; email: string }[]).find((x) => x.email === 'pasts@cesis.lv')!.id;
  });
  afterAll(() => t.close());

  it('revoked through the API: the next request is refused', async () => {
    const { id, robot } = await warmToken('admin@cesis.lv', 'ātrs lasītājs', 'tenant_user');
    expect((await operator.delete(`/api/v1/tokens/${id}`)).statusCode).toBeLessThan(300);
    expect((await robot.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
  });

  it('revoked by another replica (straight in the database): the next request is refused', async () => {
    const { id, robot } = await warmToken('admin@cesis.lv', 'otrs ātrs lasītājs', 'tenant_user');
    await t.database.ownerQuery('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [id]);
    expect((await robot.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
  });

  it('its person deactivated, then their role lowered, each in the database: the next request is refused, and works again once restored', async () => {
    const { robot } = await warmToken('admin@cesis.lv', 'ātrs administrators', 'tenant_admin');
    await t.database.ownerQuery("UPDATE users SET active = false WHERE email = 'admin@cesis.lv'");
    expect((await robot.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
    await t.database.ownerQuery("UPDATE users SET active = true WHERE email = 'admin@cesis.lv'");
    expect((await robot.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(200);
    await t.database.ownerQuery("UPDATE users SET role = 'tenant_user' WHERE email = 'admin@cesis.lv'");
    expect((await robot.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
    await t.database.ownerQuery("UPDATE users SET role = 'tenant_admin' WHERE email = 'admin@cesis.lv'");
    expect((await robot.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(200);
  });

  it('its municipality offboarded in the database: the next request is refused', async () => {
    const { robot } = await warmToken('admin@cesis.lv', 'pēdējais lasītājs', 'tenant_user');
    await t.database.ownerQuery("UPDATE tenants SET status = 'offboarded' WHERE id = $1", [tenantId]);
    const refused = await robot.get(`/api/v1/tenants/${tenantId}`);
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    expect(refused.json().code).toBe('tenant_offboarded');
  });
});

/**
 * The same for a session cookie, read since migration 034 by one statement outside any transaction:
 * each browser is used many times first, then its session, its person or their municipality is
 * changed — through the API or straight in the database, as another replica would — and the very
 * next request must see it.
 */
describe.each(BACKENDS)('a session’s end, its person’s deactivation and role change, its stage and offboarding hold from the next request on %s', (backend) => {
  let t: TestApp;
  let tenantId: string;

  const sessionsOf = async (email: string) =>
    (await t.database.ownerQuery('SELECT s.token_hash, s.stage, s.last_seen_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1', [email])) as {
      token_hash: string;
      stage: string;
      last_seen_at: Date;
      expires_at: Date;
    }[];
  /** A browser signed in as `email` that has made twenty requests; the hash of its cookie's session. */
  const warmBrowser = async (email: string) => {
    const before = new Set((await sessionsOf(email)).map((s) => s.token_hash));
    const browser = await signIn(t.app, email);
    for (let i = 0; i < 20; i++) expect((await browser.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(200);
    const tokenHash = (await sessionsOf(email)).find((s) => !before.has(s.token_hash))!.token_hash;
    return { browser, tokenHash };
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    const operator = await signIn(t.app, 'operators@rda.lv');
    tenantId = ((await operator.get('/api/v1/tenants')).json().items as { id: string; email: string }[]).find((x) => x.email === 'pasts@cesis.lv')!.id;
  });
  afterAll(() => t.close());

  it('signed out by another request of the same person, or ended in the database: the next request is refused', async () => {
    const { browser } = await warmBrowser('lietotajs@cesis.lv');
    const other = await signIn(t.app, 'lietotajs@cesis.lv');
    expect((await other.delete('/api/v1/account/sessions')).json()).toEqual({ ended: 1 });
    expect((await browser.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
    expect((await other.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(200);

    const second = await warmBrowser('lietotajs@cesis.lv');
    await t.database.ownerQuery('DELETE FROM sessions WHERE token_hash = $1', [second.tokenHash]);
    expect((await second.browser.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
  });

  it('its person deactivated, then their role lowered, each in the database: the next request is refused, and works again once restored', async () => {
    const { browser } = await warmBrowser('admin@cesis.lv');
    const people = `/api/v1/tenants/${tenantId}/users`;
    expect((await browser.get(people)).statusCode).toBe(200);
    await t.database.ownerQuery("UPDATE users SET active = false WHERE email = 'admin@cesis.lv'");
    expect((await browser.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
    await t.database.ownerQuery("UPDATE users SET active = true WHERE email = 'admin@cesis.lv'");
    expect((await browser.get(people)).statusCode).toBe(200);
    await t.database.ownerQuery("UPDATE users SET role = 'tenant_user' WHERE email = 'admin@cesis.lv'");
    expect((await browser.get(people)).statusCode).toBe(403);
    expect((await browser.get('/api/v1/session')).json().user.role).toBe('tenant_user');
    await t.database.ownerQuery("UPDATE users SET role = 'tenant_admin' WHERE email = 'admin@cesis.lv'");
    expect((await browser.get(people)).statusCode).toBe(200);
  });

  it('put back to waiting for a second factor in the database: the next request must finish signing in first', async () => {
    const { browser, tokenHash } = await warmBrowser('lietotajs@cesis.lv');
    await t.database.ownerQuery("UPDATE sessions SET stage = 'second_factor' WHERE token_hash = $1", [tokenHash]);
    const refused = await browser.get(`/api/v1/tenants/${tenantId}`);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('mfa_required');
  });

  it('expired in the database: the next request is refused and the session forgotten', async () => {
    const { browser, tokenHash } = await warmBrowser('lietotajs@cesis.lv');
    await t.database.ownerQuery("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [tokenHash]);
    expect((await browser.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(401);
    expect(await t.database.ownerQuery('SELECT 1 FROM sessions WHERE token_hash = $1', [tokenHash])).toEqual([]);
  });

  it('slides its expiry when last seen over five minutes ago, and not sooner', async () => {
    const { browser, tokenHash } = await warmBrowser('lietotajs@cesis.lv');
    const stand = async () => (await sessionsOf('lietotajs@cesis.lv')).find((s) => s.token_hash === tokenHash)!;
    await t.database.ownerQuery("UPDATE sessions SET last_seen_at = now() - interval '4 minutes', expires_at = now() + interval '1 hour' WHERE token_hash = $1", [tokenHash]);
    const recent = await stand();
    expect((await browser.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(200);
    expect(await stand()).toEqual(recent);
    await t.database.ownerQuery("UPDATE sessions SET last_seen_at = now() - interval '6 minutes' WHERE token_hash = $1", [tokenHash]);
    const before = Date.now();
    expect((await browser.get(`/api/v1/tenants/${tenantId}`)).statusCode).toBe(200);
    const slid = await stand();
    expect(new Date(slid.last_seen_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // The test app's sessions last 12 hours from their last use.
    expect(new Date(slid.expires_at).getTime()).toBeGreaterThan(before + 11 * 3_600_000);
  });

  it('its municipality offboarded in the database: the next request is refused with tenant_offboarded and the session forgotten', async () => {
    const { browser, tokenHash } = await warmBrowser('lietotajs@cesis.lv');
    await t.database.ownerQuery("UPDATE tenants SET status = 'offboarded' WHERE id = $1", [tenantId]);
    const refused = await browser.get(`/api/v1/tenants/${tenantId}`);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('tenant_offboarded');
    expect(await t.database.ownerQuery('SELECT 1 FROM sessions WHERE token_hash = $1', [tokenHash])).toEqual([]);
  });
});
