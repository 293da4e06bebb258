import { createHash, randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBootstrapToken } from '../../src/app/identity/ensure-bootstrap-token.js';
import { buildServer } from '../../src/http/server.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, bearer, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

const HOUR = 3_600_000;

describe.each(BACKENDS)('identity and sessions on %s', (backend) => {
  let t: TestApp;
  let clock = new Date();
  let operator: Client;
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

  const logIn = (email: string, password = DEMO_PASSWORD, extra: { remoteAddress?: string; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, ...extra });
  /** A browser: the cookie, and the CSRF token it learnt at sign-in. */
  const browser = async (email: string, password = DEMO_PASSWORD) => {
    const res = await logIn(email, password);
    expect(res.statusCode).toBe(200);
    const cookie = `kopa_session=${res.cookies.find((x) => x.name === 'kopa_session')!.value}`;
    const csrf = res.json().csrfToken as string;
    const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, csrfHeader: string | null = csrf) =>
      t.app.inject({ method, url, headers: { cookie, ...(csrfHeader !== null && { 'x-csrf-token': csrfHeader }) }, ...(payload && { payload }) });
    return { res, cookie, csrf, send };
  };
  const userId = async (email: string) =>
    ((await operator.get('/api/v1/users')).json().items as { id: string; email: string }[]).find((u) => u.email === email)!.id;
  const tokenCount = async () => ((await t.database.ownerQuery('SELECT count(*)::int AS n FROM api_tokens')) as { n: number }[])[0]!.n;

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => clock });
    operator = await signIn(t.app, 'operators@rda.lv');
  });
  afterAll(() => t.close());

  it('sign-in sets an HttpOnly, SameSite session cookie, not Secure over plain http', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }] as Record<string, string>[]) {
      const res = await logIn('dienests@rda.lv', DEMO_PASSWORD, { headers });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((x) => x.name === 'kopa_session')!;
      expect(cookie.value.length).toBeGreaterThanOrEqual(32);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie.secure).toBeFalsy(); // X-Forwarded-Proto is not trusted without KOPA_TRUST_PROXY
      const hoursLeft = ((cookie.expires as Date).getTime() - clock.getTime()) / HOUR;
      expect(hoursLeft).toBeGreaterThan(11.9);
      expect(hoursLeft).toBeLessThanOrEqual(12);
    }
  });

  it('behind a trusted proxy that says https, the cookie is Secure', async () => {
    const proxied = await buildServer({
      deps: t.deps,
      sessionTtlHours: 12,
      trustProxy: true,
      logLevel: 'silent',
      readiness: async () => ({ database: true, pendingMigrations: [] }),
      metrics: { poolStats: () => ({ total: 1, idle: 1, waiting: 0 }), jobCounts: async () => [] },
    });
    try {
      const res = await proxied.inject({ method: 'POST', url: '/api/v1/session', headers: { 'x-forwarded-proto': 'https' }, payload: { email: 'dienests@rda.lv', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(res.cookies.find((x) => x.name === 'kopa_session')).toMatchObject({ secure: true, httpOnly: true });
    } finally {
      await proxied.close();
    }
  });

  it('GET /session returns the person and the CSRF token, never a password hash', async () => {
    const b = await browser('lietotajs@cesis.lv');
    const res = await b.send('GET', '/api/v1/session');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.csrfToken).toBe(b.csrf);
    expect(body.user).toMatchObject({ email: 'lietotajs@cesis.lv', name: 'Jānis Bērziņš', role: 'tenant_user', tenantName: 'Cēsu novada pašvaldība', active: true });
    expect(res.body).not.toMatch(/passwordHash|argon2/);
  });

  it('a cookie-authenticated write needs the right X-CSRF-Token', async () => {
    const b = await browser('admin@cesis.lv');
    const tokensBefore = await tokenCount();
    const cases: [string | null, number][] = [[null, 403], ['', 403], ['wrong-token', 403], [b.csrf.slice(0, -1), 403]];
    for (const [header, status] of cases) {
      expect((await b.send('PATCH', '/api/v1/session', { locale: 'en' }, header)).statusCode).toBe(status);
      expect((await b.send('POST', '/api/v1/tokens', { name: 'csrf probe', role: 'tenant_user' }, header)).statusCode).toBe(status);
      expect((await b.send('DELETE', '/api/v1/session', undefined, header)).statusCode).toBe(status);
    }
    expect(await tokenCount()).toBe(tokensBefore);
    const still = await b.send('GET', '/api/v1/session');
    expect(still.statusCode).toBe(200);
    expect(still.json().user.locale).toBe('lv');
    const ok = await b.send('PATCH', '/api/v1/session', { locale: 'en' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.locale).toBe('en');
  });

  it('bearer-token writes need no CSRF token', async () => {
    const token = (await operator.post('/api/v1/tokens', { name: 'provisioning', role: 'operator' })).json().token as string;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` }, payload: { email: 'robots@rda.lv', name: 'Robots Roberts', role: 'auditor' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().temporaryPassword).toMatch(/^\S{5}-\S{5}-\S{5}-\S{5}$/);
  });

  it('signing out ends the session', async () => {
    const b = await browser('admin@sigulda.lv');
    const out = await b.send('DELETE', '/api/v1/session');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((x) => x.name === 'kopa_session')!;
    expect(cleared.value).toBe('');
    expect((cleared.expires as Date).getTime()).toBeLessThan(Date.now());
    expect((await b.send('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await b.send('GET', '/api/v1/tenants')).statusCode).toBe(401);
    expect((await b.send('POST', '/api/v1/tokens', { name: 'after logout', role: 'tenant_user' })).statusCode).toBe(401);
  });

  it('five wrong passwords from one address block it for that account: the sixth try, even right, gets 429 with Retry-After', async () => {
    const remoteAddress = '10.0.0.5';
    for (let i = 0; i < 5; i++) expect((await logIn('admin@talsi.lv', 'wrong-password-123', { remoteAddress })).statusCode).toBe(401);
    const locked = await logIn('admin@talsi.lv', DEMO_PASSWORD, { remoteAddress });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.cookies.find((x) => x.name === 'kopa_session')).toBeUndefined();
    // Only that address is blocked for the account (issue 8, finding 12: nobody can lock the owner
    // out from elsewhere); other accounts from that address are not blocked either.
    expect((await logIn('admin@talsi.lv', DEMO_PASSWORD, { remoteAddress: '10.0.0.6' })).statusCode).toBe(200);
    expect((await logIn('lietotajs@talsi.lv', DEMO_PASSWORD, { remoteAddress })).statusCode).toBe(200);
    // After the 15-minute window it opens again.
    advance(16 * 60_000);
    expect((await logIn('admin@talsi.lv', DEMO_PASSWORD, { remoteAddress })).statusCode).toBe(200);
  });

  it('twenty failures from one address lock that address, whatever X-Forwarded-For claims', async () => {
    const remoteAddress = '10.0.0.9';
    for (let i = 0; i < 20; i++) {
      const res = await logIn(`nobody${i}@example.lv`, 'wrong-password-123', { remoteAddress, headers: { 'x-forwarded-for': `192.0.2.${i}` } });
      expect(res.statusCode).toBe(401);
    }
    expect((await logIn('lietotajs@ogre.lv', DEMO_PASSWORD, { remoteAddress, headers: { 'x-forwarded-for': '192.0.2.200' } })).statusCode).toBe(429);
    expect((await logIn('lietotajs@ogre.lv', DEMO_PASSWORD, { remoteAddress: '10.0.0.10' })).statusCode).toBe(200);
  });

  it('a deactivated person cannot sign in and their open session stops working', async () => {
    const b = await browser('lietotajs@valmiera.lv');
    const id = await userId('lietotajs@valmiera.lv');
    const off = await operator.patch(`/api/v1/users/${id}`, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await b.send('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await b.send('GET', '/api/v1/tenants')).statusCode).toBe(401);
    expect((await logIn('lietotajs@valmiera.lv')).statusCode).toBe(401);
    expect((await operator.patch(`/api/v1/users/${id}`, { active: true })).statusCode).toBe(200);
    expect((await logIn('lietotajs@valmiera.lv')).statusCode).toBe(200);
  });

  it('stores API tokens only as a SHA-256 hash and never lists or logs the secret', async () => {
    const created = await operator.post('/api/v1/tokens', { name: 'billing export', role: 'finance' });
    expect(created.statusCode).toBe(201);
    const secret = created.json().token as string;
    expect(secret).toMatch(/^kopa_[A-Za-z0-9_-]{40,}$/);
    const rows = (await t.database.ownerQuery('SELECT * FROM api_tokens WHERE id = $1', [created.json().id])) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(secret.slice(5));
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(rows[0]!.prefix).toBe(secret.slice(0, 11));

    const list = await operator.get('/api/v1/tokens');
    expect(list.body).not.toContain(secret.slice(5));
    const listed = (list.json().items as Record<string, unknown>[]).find((x) => x.id === created.json().id)!;
    expect(Object.keys(listed).sort()).toEqual(['access', 'accessReason', 'createdAt', 'createdBy', 'createdByUserId', 'creator', 'expiresAt', 'id', 'lastUsedAt', 'name', 'prefix', 'revokedAt', 'role', 'tenantId', 'tenantName']);
    const audit = await t.database.ownerQuery('SELECT before, after FROM audit_events');
    expect(JSON.stringify(audit)).not.toContain(secret.slice(5));
  });

  it('a municipality admin cannot hand out agency powers', async () => {
    const admin = await signIn(t.app, 'admin@ogre.lv');
    const tokensBefore = await tokenCount();
    expect((await admin.post('/api/v1/tokens', { name: 'root please', role: 'operator' })).statusCode).toBe(403);
    expect((await admin.post('/api/v1/tokens', { name: 'audit please', role: 'auditor' })).statusCode).toBe(403);
    expect((await admin.post('/api/v1/users', { email: 'boss@ogre.lv', name: 'Boss Bossman', role: 'operator', password: 'a-long-enough-passphrase' })).statusCode).toBe(403);
    const member = await userId('lietotajs@ogre.lv');
    expect((await admin.patch(`/api/v1/users/${member}`, { role: 'operator' })).statusCode).toBe(403);
    expect(await tokenCount()).toBe(tokensBefore);
    expect(await t.database.ownerQuery("SELECT 1 FROM users WHERE email = 'boss@ogre.lv' OR (role = 'operator' AND email LIKE '%ogre.lv')")).toEqual([]);
  });

  it('KOPA_BOOTSTRAP_TOKEN registers once, works as an operator, and stays revoked once revoked', async () => {
    const secret = `kopa_${randomBytes(24).toString('base64url')}`;
    expect(await ensureBootstrapToken(t.deps, secret)).toBe('registered');
    expect(await ensureBootstrapToken(t.deps, secret)).toBe('present');
    const robot = bearer(t.app, secret);
    expect((await robot.get('/api/v1/tenants')).json().items).toHaveLength(6);
    const made = await robot.post('/api/v1/users', { email: 'bootstrap-made@rda.lv', name: 'Made By Bootstrap', role: 'desk_agent' });
    expect(made.statusCode).toBe(201);

    const bootstrap = ((await operator.get('/api/v1/tokens')).json().items as { id: string; name: string; role: string }[]).filter((x) => x.name === 'bootstrap');
    expect(bootstrap.map((x) => x.role)).toEqual(['operator']);
    expect((await operator.delete(`/api/v1/tokens/${bootstrap[0]!.id}`)).statusCode).toBe(200);
    expect(await ensureBootstrapToken(t.deps, secret)).toBe('revoked');
    expect((await robot.get('/api/v1/tenants')).statusCode).toBe(401);
    expect(await t.database.ownerQuery("SELECT 1 FROM api_tokens WHERE name = 'bootstrap' AND revoked_at IS NULL")).toEqual([]);
  });

  it('changing one’s own password ends every session; only the new password works', async () => {
    const first = await browser('admin@jelgava.lv');
    const second = await browser('admin@jelgava.lv');
    const changed = await first.send('PATCH', '/api/v1/session/password', { currentPassword: DEMO_PASSWORD, newPassword: 'jauna-parole-2027' });
    expect(changed.statusCode).toBe(204);
    expect(changed.cookies.find((x) => x.name === 'kopa_session')?.value).toBe('');
    for (const b of [first, second]) expect((await b.send('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await logIn('admin@jelgava.lv')).statusCode).toBe(401);
    expect((await logIn('admin@jelgava.lv', 'jauna-parole-2027')).statusCode).toBe(200);
  });

  it('a session expires after 12 idle hours but slides while in use', async () => {
    const idle = await browser('auditors@rda.lv');
    const busy = await browser('auditors@rda.lv');
    const status = (b: { send: (m: 'GET', u: string) => Promise<LightMyRequestResponse> }) => b.send('GET', '/api/v1/session').then((r) => r.statusCode);
    advance(11 * HOUR);
    expect(await status(busy)).toBe(200);
    advance(2 * HOUR);
    expect(await status(idle)).toBe(401);
    expect(await status(busy)).toBe(200);
    advance(12 * HOUR + 60_000);
    expect(await status(busy)).toBe(401);
  });
});
