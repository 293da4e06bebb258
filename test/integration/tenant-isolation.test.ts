import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { bearer, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// Cēsis people (by session and by API token) poke at Sigulda. Placeholders in the
// paths are filled in once the demo data exists.
type Row = [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body: object | undefined, admin: number, user: number];

const FOREIGN: Row[] = [
  ['GET', '/tenants/{other}', undefined, 404, 404],
  ['PATCH', '/tenants/{other}', { name: 'Hacked' }, 403, 403],
  ['GET', '/tenants/{other}/agreements', undefined, 404, 403],
  ['POST', '/tenants/{other}/agreements', { number: 'SPY-1', signedOn: '2026-01-05', effectiveFrom: '2026-02-01' }, 403, 403],
  ['GET', '/tenants/{other}/agreements/{otherAgreement}', undefined, 404, 403],
  ['PATCH', '/tenants/{other}/agreements/{otherAgreement}', { availabilityTargetPercent: 50 }, 403, 403],
  ['GET', '/tenants/{own}/agreements/{otherAgreement}', undefined, 404, 403],
  ['GET', '/tenants/{other}/users', undefined, 404, 403],
  // A municipality's admin adds people by invitation only, in any municipality (ADR 0008).
  ['POST', '/tenants/{other}/users', { email: 'spy@cesis.lv', name: 'Spy Spiegs', role: 'tenant_user', password: 'a-long-enough-passphrase' }, 403, 403],
  ['POST', '/tenants/{other}/invitations', { email: 'spy@cesis.lv', name: 'Spy Spiegs', role: 'tenant_user' }, 404, 403],
  ['GET', '/tenants/{other}/invitations', undefined, 404, 403],
  ['GET', '/users/{otherUser}', undefined, 404, 403],
  ['PATCH', '/users/{otherUser}', { name: 'Hacked' }, 404, 403],
  ['PATCH', '/users/{otherUser}', { active: false }, 404, 403],
  ['GET', '/users/{agencyUser}', undefined, 404, 403],
  ['GET', '/users?tenantId={other}', undefined, 404, 403],
  ['GET', '/audit-events?tenantId={other}', undefined, 404, 403],
  ['DELETE', '/tokens/{otherToken}', undefined, 404, 403],
  ['POST', '/tokens', { name: 'Spy token', role: 'tenant_user', tenantId: '{other}' }, 404, 403],
];

// Controls: the same caller reaching its own municipality, so a 404 above means "hidden", not "broken".
const OWN: Row[] = [
  ['GET', '/tenants/{own}', undefined, 200, 200],
  ['GET', '/tenants/{own}/agreements', undefined, 200, 403],
  ['GET', '/tenants/{own}/agreements/{ownAgreement}', undefined, 200, 403],
  ['GET', '/tenants/{own}/users', undefined, 200, 403],
  ['GET', '/users?tenantId={own}', undefined, 200, 403],
  ['GET', '/audit-events?tenantId={own}', undefined, 200, 403],
];

const CALLERS = ['tenant_admin session', 'tenant_user session', 'tenant_admin token', 'tenant_user token'] as const;
type CallerName = (typeof CALLERS)[number];

// Every route without credentials, and every route with another municipality's ids, is swept in
// route-isolation.test.ts from /openapi.json itself.

const SIGULDA_NAME = 'Siguldas novada pašvaldība';
const SIGULDA_REG = '90000048311';

describe.each(BACKENDS)('tenant isolation on %s', (backend) => {
  let t: TestApp;
  let clock = new Date();
  let operator: Client;
  const ids: Record<string, string> = {};
  const callers = {} as Record<CallerName, Client>;
  let siguldaEventsBefore: number;

  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_m, key: string) => ids[key] ?? `{${key}}`);
  const send = (client: Client, method: string, path: string, body?: object) => {
    const url = `/api/v1${fill(path)}`;
    const payload = body === undefined ? undefined : JSON.parse(fill(JSON.stringify(body)));
    if (method === 'GET') return client.get(url);
    if (method === 'DELETE') return client.delete(url);
    return method === 'POST' ? client.post(url, payload) : client.patch(url, payload);
  };
  const countSiguldaEvents = async () =>
    ((await t.database.ownerQuery('SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1', [ids.other])) as { n: number }[])[0]!.n;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => clock });
    operator = await signIn(t.app, 'operators@rda.lv');
    const tenants = (await operator.get('/api/v1/tenants')).json().items as { id: string; name: string }[];
    ids.own = tenants.find((x) => x.name === 'Cēsu novada pašvaldība')!.id;
    ids.other = tenants.find((x) => x.name === SIGULDA_NAME)!.id;
    ids.ownAgreement = (await operator.get(`/api/v1/tenants/${ids.own}/agreements`)).json().items[0].id;
    ids.otherAgreement = (await operator.get(`/api/v1/tenants/${ids.other}/agreements`)).json().items[0].id;
    const siguldaUsers = (await operator.get(`/api/v1/tenants/${ids.other}/users`)).json().items as { id: string; email: string }[];
    ids.otherUser = siguldaUsers.find((u) => u.email === 'lietotajs@sigulda.lv')!.id;
    const staff = (await operator.get('/api/v1/users?agency=true')).json().items as { id: string; email: string }[];
    ids.agencyUser = staff.find((u) => u.email === 'finanses@rda.lv')!.id;
    ids.otherToken = (await operator.post('/api/v1/tokens', { name: 'Sigulda monitoring', role: 'tenant_admin', tenantId: ids.other })).json().id;
    const adminToken = await operator.post('/api/v1/tokens', { name: 'Cēsis admin script', role: 'tenant_admin', tenantId: ids.own });
    const userToken = await operator.post('/api/v1/tokens', { name: 'Cēsis user script', role: 'tenant_user', tenantId: ids.own });
    expect([adminToken.statusCode, userToken.statusCode]).toEqual([201, 201]);
    callers['tenant_admin session'] = await signIn(t.app, 'admin@cesis.lv');
    callers['tenant_user session'] = await signIn(t.app, 'lietotajs@cesis.lv');
    callers['tenant_admin token'] = bearer(t.app, adminToken.json().token);
    callers['tenant_user token'] = bearer(t.app, userToken.json().token);
    siguldaEventsBefore = await countSiguldaEvents();
  });
  afterAll(() => t.close());

  const matrix = (rows: Row[]) =>
    CALLERS.flatMap((caller) => rows.map(([method, path, body, admin, user]) => [caller, method, path, caller.startsWith('tenant_admin') ? admin : user, body] as const));

  it.each(matrix(FOREIGN))('%s: %s %s → %i', async (caller, method, path, expected, body) => {
    const res = await send(callers[caller], method, path, body);
    expect(res.statusCode).toBe(expected);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain(SIGULDA_NAME);
    expect(res.body).not.toContain(SIGULDA_REG);
  });

  it.each(matrix(OWN))('%s: %s %s (own municipality) → %i', async (caller, method, path, expected, body) => {
    const res = await send(callers[caller], method, path, body);
    expect(res.statusCode).toBe(expected);
  });

  it.each(CALLERS)('%s: GET /tenants lists only Cēsis', async (caller) => {
    const res = await callers[caller].get('/api/v1/tenants');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((x: { name: string }) => x.name)).toEqual(['Cēsu novada pašvaldība']);
  });

  it.each(CALLERS)('%s: GET /users lists only Cēsis people (or is refused)', async (caller) => {
    const res = await callers[caller].get('/api/v1/users');
    if (caller.startsWith('tenant_user')) return expect(res.statusCode).toBe(403);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { email: string }) => u.email).sort()).toEqual(['admin@cesis.lv', 'lietotajs@cesis.lv']);
  });

  it.each(CALLERS)('%s: GET /tokens lists only Cēsis tokens (or is refused)', async (caller) => {
    const res = await callers[caller].get('/api/v1/tokens');
    if (caller.startsWith('tenant_user')) return expect(res.statusCode).toBe(403);
    expect(res.statusCode).toBe(200);
    const tokens = res.json().items as { name: string; tenantId: string }[];
    expect(tokens.map((x) => x.name).sort()).toEqual(['Cēsis admin script', 'Cēsis user script']);
    expect(new Set(tokens.map((x) => x.tenantId))).toEqual(new Set([ids.own]));
  });

  it.each(CALLERS)('%s: GET /audit-events shows only Cēsis events (or is refused)', async (caller) => {
    const res = await callers[caller].get('/api/v1/audit-events?limit=200');
    if (caller.startsWith('tenant_user')) return expect(res.statusCode).toBe(403);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { tenantId: string | null; action: string; entityId: string }[];
    expect(items.some((e) => e.action === 'tenant.created' && e.entityId === ids.own)).toBe(true);
    expect(items.filter((e) => e.tenantId !== ids.own)).toEqual([]);
    expect(res.body).not.toContain(SIGULDA_NAME);
  });

  it('left Sigulda exactly as it was', async () => {
    const tenant = (await operator.get(`/api/v1/tenants/${ids.other}`)).json();
    expect(tenant.name).toBe(SIGULDA_NAME);
    const agreements = (await operator.get(`/api/v1/tenants/${ids.other}/agreements`)).json().items;
    expect(agreements.map((a: { version: number; availabilityTargetPercent: number }) => [a.version, a.availabilityTargetPercent])).toEqual([[1, 97]]);
    const user = (await operator.get(`/api/v1/users/${ids.otherUser}`)).json();
    expect(user).toMatchObject({ name: 'Līga Liepiņa', active: true });
    const users = (await operator.get(`/api/v1/tenants/${ids.other}/users`)).json().items;
    expect(users.map((u: { email: string }) => u.email).sort()).toEqual(['admin@sigulda.lv', 'lietotajs@sigulda.lv']);
    const token = ((await operator.get('/api/v1/tokens')).json().items as { id: string; revokedAt: string | null }[]).find((x) => x.id === ids.otherToken);
    expect(token?.revokedAt).toBeNull();
    expect(await t.database.ownerQuery("SELECT 1 FROM users WHERE email = 'spy@cesis.lv' UNION ALL SELECT 1 FROM agreements WHERE number = 'SPY-1'")).toEqual([]);
    expect(await countSiguldaEvents()).toBe(siguldaEventsBefore);
  });

  it('without credentials POST /session is open (bad input is a 400, not a 401)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: {} });
    expect(res.statusCode).toBe(400);
  });

  it.each([
    ['a made-up bearer token', 'Bearer kopa_thisIsNotARealTokenAtAll0123456789abcdef'],
    ['an empty bearer', 'Bearer '],
    ['another scheme', 'Basic b3BlcmF0b3JzQHJkYS5sdjprb3BhLWRlbW8tMjAyNg=='],
  ])('%s → 401 on reads and writes', async (_label, authorization) => {
    for (const [method, url] of [['GET', '/api/v1/tenants'], ['POST', '/api/v1/tenants']] as const) {
      const res = await t.app.inject({ method, url, headers: { authorization }, payload: method === 'POST' ? { name: 'X' } : undefined });
      expect(res.statusCode).toBe(401);
    }
  });

  it('a revoked token stops working at once', async () => {
    const created = (await operator.post('/api/v1/tokens', { name: 'Short-lived script', role: 'tenant_admin', tenantId: ids.own })).json();
    const client = bearer(t.app, created.token);
    expect((await client.get('/api/v1/tenants')).statusCode).toBe(200);
    const revoked = await operator.delete(`/api/v1/tokens/${created.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await client.get('/api/v1/tenants')).statusCode).toBe(401);
    expect((await client.get(`/api/v1/tenants/${ids.own}`)).statusCode).toBe(401);
  });

  it('an expired token is refused', async () => {
    const expiresAt = new Date(clock.getTime() + 60 * 60_000).toISOString();
    const created = await operator.post('/api/v1/tokens', { name: 'One-hour script', role: 'tenant_admin', tenantId: ids.own, expiresAt });
    expect(created.statusCode).toBe(201);
    const client = bearer(t.app, created.json().token);
    expect((await client.get('/api/v1/tenants')).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 59 * 60_000);
    expect((await client.get('/api/v1/tenants')).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 2 * 60_000);
    const late = await client.get('/api/v1/tenants');
    expect(late.statusCode).toBe(401);
    expect(late.headers['content-type']).toContain('application/problem+json');
  });
});
