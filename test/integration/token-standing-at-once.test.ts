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
