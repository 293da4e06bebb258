import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBootstrapToken } from '../../src/app/identity/ensure-bootstrap-token.js';
import { BACKENDS } from '../support/database.js';
import { bearer, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

interface ListedToken {
  id: string;
  name: string;
  role: string;
  tenantId: string | null;
  tenantName: string | null;
  creator: { id: string; name: string; email: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  access: 'full' | 'read_only' | 'none';
  accessReason: string | null;
}

/** Finding 3 of the security review: a token made by a person lives only as long as that person's standing. */
describe.each(BACKENDS)('tokens die with the person behind them on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  const tenantId = async (slug: string) =>
    ((await operator.get('/api/v1/tenants')).json().items as { id: string; email: string }[]).find((x) => x.email === `pasts@${slug}.lv`)!.id;
  const userId = async (email: string) =>
    ((await operator.get('/api/v1/users')).json().items as { id: string; email: string }[]).find((u) => u.email === email)!.id;
  const makeToken = async (client: Client, name: string, role: string, extra: object = {}) => {
    const res = await client.post('/api/v1/tokens', { name, role, ...extra });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string };
  };
  const listed = async (client: Client, query = '') => {
    const res = await client.get(`/api/v1/tokens${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as ListedToken[];
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signIn(t.app, 'operators@rda.lv');
  });
  afterAll(() => t.close());

  it('a municipality admin’s token stops working, and can no longer make admin tokens, once the admin is deactivated', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const { token } = await makeToken(admin, 'dokumentu sinhronizācija', 'tenant_admin');
    const robot = bearer(t.app, token);
    // Municipality admins add people by invitation; what a token of theirs can hand out is admin tokens.
    const first = await robot.post('/api/v1/tokens', { name: 'otrs admina žetons', role: 'tenant_admin' });
    expect(first.statusCode).toBe(201);

    expect((await operator.patch(`/api/v1/users/${await userId('admin@cesis.lv')}`, { active: false })).statusCode).toBe(200);
    const refused = await robot.post('/api/v1/tokens', { name: 'trešais admina žetons', role: 'tenant_admin' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await robot.get('/api/v1/tickets')).statusCode).toBe(401);
    expect(await t.database.ownerQuery("SELECT 1 FROM api_tokens WHERE name = 'trešais admina žetons'")).toEqual([]);
    // The token the robot made dies with the same person.
    expect((await bearer(t.app, first.json().token).get('/api/v1/tickets')).statusCode).toBe(401);
  });

  it('a token stops when its creator no longer holds a role that could grant it, and the list says why', async () => {
    const admin = await signIn(t.app, 'admin@sigulda.lv');
    const adminToken = await makeToken(admin, 'sigulda integrācija', 'tenant_admin');
    const userToken = await makeToken(admin, 'sigulda lasītājs', 'tenant_user');
    const robot = bearer(t.app, adminToken.token);
    expect((await robot.get('/api/v1/users')).statusCode).toBe(200);
    expect((await bearer(t.app, userToken.token).get('/api/v1/tickets')).statusCode).toBe(200);

    // Demoted to an ordinary user, who may grant nothing: both tokens stop.
    const adminId = await userId('admin@sigulda.lv');
    expect((await operator.patch(`/api/v1/users/${adminId}`, { role: 'tenant_user' })).statusCode).toBe(200);
    expect((await robot.get('/api/v1/users')).statusCode).toBe(401);
    expect((await bearer(t.app, userToken.token).get('/api/v1/tickets')).statusCode).toBe(401);
    const reasons = (await listed(operator, `?tenantId=${await tenantId('sigulda')}`)).filter((x) => x.creator?.id === adminId);
    expect(reasons.map((x) => [x.name, x.access, x.accessReason]).sort()).toEqual([
      ['sigulda integrācija', 'none', 'creator_role_changed'],
      ['sigulda lasītājs', 'none', 'creator_role_changed'],
    ]);

    // An agency token whose operator is moved to the service desk stops too.
    const staff = await operator.post('/api/v1/users', { email: 'otrs.operators@rda.lv', name: 'Otrs Operators', role: 'operator', password: 'ilga-parole-operatoram' });
    expect(staff.statusCode).toBe(201);
    const second = await signIn(t.app, 'otrs.operators@rda.lv', 'ilga-parole-operatoram');
    const finance = await makeToken(second, 'grāmatvedības eksports', 'finance');
    expect((await bearer(t.app, finance.token).get('/api/v1/invoices')).statusCode).toBe(200);
    expect((await operator.patch(`/api/v1/users/${staff.json().id}`, { role: 'desk_agent' })).statusCode).toBe(200);
    expect((await bearer(t.app, finance.token).get('/api/v1/invoices')).statusCode).toBe(401);

    // Lookup, not revocation, decides: promoted back, the person's tokens are theirs again.
    expect((await operator.patch(`/api/v1/users/${adminId}`, { role: 'tenant_admin' })).statusCode).toBe(200);
    expect((await robot.get('/api/v1/users')).statusCode).toBe(200);
  });

  it('deactivation takes effect at lookup even when it did not go through the API', async () => {
    const admin = await signIn(t.app, 'admin@talsi.lv');
    const { token } = await makeToken(admin, 'talsu atskaites', 'tenant_user');
    expect((await bearer(t.app, token).get('/api/v1/tickets')).statusCode).toBe(200);
    await t.database.ownerQuery("UPDATE users SET active = false WHERE email = 'admin@talsi.lv'");
    expect((await bearer(t.app, token).get('/api/v1/tickets')).statusCode).toBe(401);
    const row = (await listed(operator)).find((x) => x.name === 'talsu atskaites')!;
    expect(row).toMatchObject({ access: 'none', accessReason: 'creator_inactive', revokedAt: null });
  });

  it('a token made with a person’s token dies with that person too', async () => {
    const admin = await signIn(t.app, 'admin@valmiera.lv');
    const parent = await makeToken(admin, 'valmiera vecāks', 'tenant_admin');
    const child = await makeToken(bearer(t.app, parent.token), 'valmiera bērns', 'tenant_user');
    const adminId = await userId('admin@valmiera.lv');
    expect((await listed(operator)).find((x) => x.id === child.id)!.creator).toEqual({ id: adminId, name: 'Santa Krūmiņa', email: 'admin@valmiera.lv' });
    expect((await bearer(t.app, child.token).get('/api/v1/tickets')).statusCode).toBe(200);
    expect((await operator.patch(`/api/v1/users/${adminId}`, { active: false })).statusCode).toBe(200);
    expect((await bearer(t.app, child.token).get('/api/v1/tickets')).statusCode).toBe(401);
  });

  it('tokens with no person behind them (bootstrap, CLI) keep working until revoked', async () => {
    const secret = `kopa_${randomBytes(24).toString('base64url')}`;
    expect(await ensureBootstrapToken(t.deps, secret)).toBe('registered');
    const robot = bearer(t.app, secret);
    expect((await robot.get('/api/v1/tenants')).statusCode).toBe(200);
    const made = await makeToken(robot, 'made by bootstrap', 'auditor');
    const rows = await listed(operator);
    expect(rows.find((x) => x.name === 'bootstrap')).toMatchObject({ creator: null, access: 'full', accessReason: null });
    expect(rows.find((x) => x.id === made.id)).toMatchObject({ creator: null, access: 'full' });
    expect((await bearer(t.app, made.token).get('/api/v1/audit-events')).statusCode).toBe(200);
  });

  it('operators list every municipality’s tokens with creator, tenant and usability, filter them and revoke any', async () => {
    const ogre = await tenantId('ogre');
    const ogreAdmin = await signIn(t.app, 'admin@ogre.lv');
    const ogreToken = await makeToken(ogreAdmin, 'ogre backup', 'tenant_user', { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await bearer(t.app, ogreToken.token).get('/api/v1/tickets');

    const all = await listed(operator);
    expect(new Set(all.map((x) => x.tenantId)).size).toBeGreaterThanOrEqual(4);
    const row = all.find((x) => x.id === ogreToken.id)!;
    expect(row).toMatchObject({
      name: 'ogre backup',
      role: 'tenant_user',
      tenantId: ogre,
      tenantName: 'Ogres novada pašvaldība',
      creator: { id: await userId('admin@ogre.lv'), name: 'Gatis Zariņš', email: 'admin@ogre.lv' },
      revokedAt: null,
      access: 'full',
      accessReason: null,
    });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.expiresAt).not.toBeNull();

    const byTenant = await listed(operator, `?tenantId=${ogre}`);
    expect(byTenant.length).toBeGreaterThan(0);
    expect(byTenant.every((x) => x.tenantId === ogre)).toBe(true);
    const byCreator = await listed(operator, `?createdBy=${await userId('admin@ogre.lv')}`);
    expect(byCreator.map((x) => x.id)).toEqual([ogreToken.id]);
    expect((await operator.get('/api/v1/tokens?tenantId=not-a-uuid')).statusCode).toBe(400);

    // A municipality admin sees and revokes only their own municipality's tokens.
    const cesisToken = all.find((x) => x.tenantName === 'Cēsu novada pašvaldība')!;
    const ownList = await listed(ogreAdmin);
    expect(ownList.every((x) => x.tenantId === ogre)).toBe(true);
    expect((await listed(ogreAdmin, `?tenantId=${cesisToken.tenantId}`))).toEqual([]);
    expect((await ogreAdmin.delete(`/api/v1/tokens/${cesisToken.id}`)).statusCode).toBe(404);

    const revoked = await operator.delete(`/api/v1/tokens/${ogreToken.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ access: 'none', accessReason: 'revoked' });
    expect((await bearer(t.app, ogreToken.token).get('/api/v1/tickets')).statusCode).toBe(401);
    const audit = (await t.database.ownerQuery(`SELECT actor_label, tenant_id FROM audit_events WHERE action = 'token.revoked' AND entity_id = '${ogreToken.id}'`)) as { actor_label: string; tenant_id: string }[];
    expect(audit).toEqual([{ actor_label: 'operators@rda.lv', tenant_id: ogre }]);
  });
});
