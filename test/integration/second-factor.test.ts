import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, bearer, startTestApp, type TestApp } from '../support/app.js';
import { base32Decode, totpAt } from '../support/totp.js';

const ADMINISTERING = ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin'] as const;
const STEP = 30_000;

/** Issue 8, "Second factor": TOTP, recovery codes, the policy, and the API contract. */
describe.each(BACKENDS)('second factor on %s', (backend) => {
  let t: TestApp;
  let clock = new Date('2026-12-01T09:00:00Z');
  const tick = () => (clock = new Date(clock.getTime() + STEP));
  const secrets = new Map<string, string>();

  const cookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'kopa_session')?.value;
  const password = (email: string, pw = DEMO_PASSWORD) => t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: pw } });
  /** A browser: its cookie and CSRF token; `send` makes requests as it would. */
  const browser = (cookie: string, csrf = '') => ({
    cookie,
    send: (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie: `kopa_session=${cookie}`, 'x-csrf-token': csrf }, ...(payload && { payload }) }),
  });
  const problemType = (res: LightMyRequestResponse) => (res.json() as { type: string }).type;

  /** Signs in with password and, when asked, the code the test computes from the secret it learnt. */
  async function signIn(email: string) {
    const first = await password(email);
    expect(first.statusCode).toBe(200);
    if (!first.json().mfaRequired) return browser(cookieOf(first)!, first.json().csrfToken);
    tick();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${cookieOf(first)}` }, payload: { method: 'totp', code: totpAt(secrets.get(email)!, clock) } });
    expect(res.statusCode).toBe(200);
    return browser(cookieOf(res)!, res.json().csrfToken);
  }

  /** The forced enrolment, as the UI walks it: returns the recovery codes. */
  async function enrol(email: string): Promise<string[]> {
    const first = await password(email);
    expect(first.json()).toEqual({ mfaRequired: true, enrolmentRequired: true, csrfToken: expect.any(String) });
    const pending = browser(cookieOf(first)!, first.json().csrfToken);
    const started = await pending.send('POST', '/api/v1/account/mfa/totp');
    expect(started.statusCode).toBe(201);
    const { secret } = started.json() as { secret: string };
    secrets.set(email, secret);
    tick();
    const confirmed = await pending.send('POST', '/api/v1/account/mfa/totp/confirm', { code: totpAt(secret, clock) });
    expect(confirmed.statusCode).toBe(200);
    // The promoted session is told what it may do, as GET /session tells it.
    expect(confirmed.json()).toMatchObject({ permissions: expect.arrayContaining(['tenants.read']), readOnly: false, user: { email, tenantStatus: expect.toBeOneOf([null, 'active']) } });
    return confirmed.json().recoveryCodes as string[];
  }

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => clock, mfaRequiredRoles: [...ADMINISTERING] });
  });
  afterAll(() => t.close());

  it('a person who must have a second factor and has none may only enrol; confirming makes the session full', async () => {
    const first = await password('operators@rda.lv');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mfaRequired: true, enrolmentRequired: true, csrfToken: expect.any(String) });
    const pendingCookie = cookieOf(first)!;
    const pending = browser(pendingCookie, first.json().csrfToken);
    expect((pending.cookie.length)).toBeGreaterThanOrEqual(32);

    // Nothing else: reads and writes alike answer 403 mfa_enrolment_required.
    for (const [method, url, body] of [['GET', '/api/v1/tenants'], ['GET', '/api/v1/users'], ['POST', '/api/v1/tokens', { name: 'x', role: 'operator' }], ['GET', '/api/v1/account/sessions'], ['PATCH', '/api/v1/session', { locale: 'en' }]] as const) {
      const res = await pending.send(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(problemType(res)).toBe('/problems/mfa_enrolment_required');
    }
    expect((await pending.send('GET', '/api/v1/session')).json()).toMatchObject({ mfaRequired: true, enrolmentRequired: true });
    expect((await pending.send('GET', '/api/v1/account/mfa')).json()).toEqual({ required: true, totp: false, passkeys: [], recoveryCodesLeft: 0 });

    const started = await pending.send('POST', '/api/v1/account/mfa/totp');
    expect(started.statusCode).toBe(201);
    const { secret, otpauthUrl } = started.json() as { secret: string; otpauthUrl: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Kopa');
    expect(decodeURIComponent(url.pathname)).toBe('/Kopa:operators@rda.lv');

    // Not active until confirmed: a wrong code is refused and changes nothing.
    const code = totpAt(secret, clock);
    const wrong = await pending.send('POST', '/api/v1/account/mfa/totp/confirm', { code: code === '123456' ? '654321' : '123456' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'code', code: 'code_not_current', params: {}, message: expect.any(String) }]);
    expect((await pending.send('GET', '/api/v1/tenants')).statusCode).toBe(403);

    const confirmed = await pending.send('POST', '/api/v1/account/mfa/totp/confirm', { code });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    secrets.set('operators@rda.lv', secret);

    // The session is full now, under a new cookie; the pending cookie is worth nothing.
    const fullCookie = cookieOf(confirmed)!;
    expect(fullCookie).not.toBe(pendingCookie);
    const full = browser(fullCookie, confirmed.json().csrfToken);
    expect((await full.send('GET', '/api/v1/tenants')).statusCode).toBe(200);
    expect((await browser(pendingCookie).send('GET', '/api/v1/tenants')).statusCode).toBe(401);
    expect((await full.send('GET', '/api/v1/account/mfa')).json()).toMatchObject({ required: true, totp: true, recoveryCodesLeft: 10 });
  });

  it('keeps the TOTP secret sealed and the recovery codes hashed; never shows the secret again', async () => {
    const codes = await enrol('dienests@rda.lv');
    const secret = secrets.get('dienests@rda.lv')!;
    const [row] = (await t.database.ownerQuery("SELECT f.secret_sealed FROM totp_factors f JOIN users u ON u.id = f.user_id WHERE u.email = 'dienests@rda.lv'")) as { secret_sealed: string }[];
    expect(row!.secret_sealed).not.toContain(secret);
    expect(Buffer.from(row!.secret_sealed).toString('base64')).not.toContain(Buffer.from(base32Decode(secret)).toString('base64').slice(0, 12));
    const stored = ((await t.database.ownerQuery("SELECT r.code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.email = 'dienests@rda.lv'")) as { code_hash: string }[]).map((r) => r.code_hash).sort();
    expect(stored).toEqual(codes.map((c) => createHash('sha256').update(c.replace('-', '')).digest('hex')).sort());
    const agent = await signIn('dienests@rda.lv');
    const status = await agent.send('GET', '/api/v1/account/mfa');
    expect(status.body).not.toContain(secret);
    // A second authenticator app needs the first one removed.
    expect((await agent.send('POST', '/api/v1/account/mfa/totp')).statusCode).toBe(409);
    const audit = await t.database.ownerQuery("SELECT before, after FROM audit_events WHERE action LIKE 'mfa.%'");
    expect(JSON.stringify(audit)).not.toContain(secret);
    for (const c of codes) expect(JSON.stringify(audit)).not.toContain(c);
  });

  it('signs in with password then code: the contract of POST /session and POST /session/mfa', async () => {
    const first = await password('operators@rda.lv');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mfaRequired: true, methods: ['totp', 'recovery'] });
    const pending = browser(cookieOf(first)!);
    for (const url of ['/api/v1/tenants', '/api/v1/account/mfa', '/api/v1/account/sessions']) {
      const res = await pending.send('GET', url);
      expect(res.statusCode).toBe(401);
      expect(problemType(res)).toBe('/problems/mfa_required');
    }
    expect((await pending.send('POST', '/api/v1/account/mfa/totp')).statusCode).toBe(401);

    tick();
    const right = totpAt(secrets.get('operators@rda.lv')!, clock);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${pending.cookie}` }, payload: { method: 'totp', code: right === '000000' ? '999999' : '000000' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(cookieOf(wrong)).toBeUndefined();

    const done = await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${pending.cookie}` }, payload: { method: 'totp', code: right } });
    expect(done.statusCode).toBe(200);
    expect(Object.keys(done.json()).sort()).toEqual(['csrfToken', 'permissions', 'readOnly', 'user']);
    expect(done.json().user).toMatchObject({ email: 'operators@rda.lv', role: 'operator' });
    const session = done.cookies.find((c) => c.name === 'kopa_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(done.cookies.find((c) => c.name === 'kopa_device')).toMatchObject({ httpOnly: true, path: '/api/v1/session' });
    expect((await browser(session.value, done.json().csrfToken).send('GET', '/api/v1/tenants')).statusCode).toBe(200);

    // The same code is refused a second time, even in a new sign-in within its 30 seconds.
    const again = await password('operators@rda.lv');
    const replay = await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${cookieOf(again)}` }, payload: { method: 'totp', code: right } });
    expect(replay.statusCode).toBe(401);
    // One step of drift either way is fine; two is not.
    const drift = await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${cookieOf(again)}` }, payload: { method: 'totp', code: totpAt(secrets.get('operators@rda.lv')!, clock, 1) } });
    expect(drift.statusCode).toBe(200);
    tick();
    tick();
    const late = await password('operators@rda.lv');
    const tooOld = await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${cookieOf(late)}` }, payload: { method: 'totp', code: totpAt(secrets.get('operators@rda.lv')!, clock, -2) } });
    expect(tooOld.statusCode).toBe(401);
  });

  it('a recovery code works once, and its use is audited', async () => {
    const codes = await enrol('finanses@rda.lv');
    const use = async (code: string) => {
      const first = await password('finanses@rda.lv');
      return t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${cookieOf(first)}` }, payload: { method: 'recovery', code } });
    };
    const ok = await use(codes[3]!.toUpperCase().replace('-', ' '));
    expect(ok.statusCode).toBe(200);
    expect((await use(codes[3]!)).statusCode).toBe(401);
    const events = (await t.database.ownerQuery("SELECT after FROM audit_events WHERE action = 'mfa.recovery_code_used' AND actor_label = 'finanses@rda.lv'")) as { after: { recoveryCodesLeft: number } }[];
    expect(events.map((e) => e.after.recoveryCodesLeft)).toEqual([9]);
    const finance = browser(cookieOf(ok)!, ok.json().csrfToken);
    expect((await finance.send('GET', '/api/v1/account/mfa')).json().recoveryCodesLeft).toBe(9);
    // New codes need the password and a code; the old ones stop working.
    tick();
    const fresh = await finance.send('POST', '/api/v1/account/mfa/recovery-codes', { password: DEMO_PASSWORD, code: totpAt(secrets.get('finanses@rda.lv')!, clock) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().recoveryCodes).toHaveLength(10);
    expect((await use(codes[4]!)).statusCode).toBe(401);
    expect((await use(fresh.json().recoveryCodes[0])).statusCode).toBe(200);
  });

  it('removing the authenticator app takes the password and a code; the last factor of a required role stays', async () => {
    const operator = await signIn('operators@rda.lv');
    tick();
    const code = totpAt(secrets.get('operators@rda.lv')!, clock);
    const last = await operator.send('DELETE', '/api/v1/account/mfa/totp', { password: DEMO_PASSWORD, code });
    expect(last.statusCode).toBe(409);

    // A municipality's employee may set one up of their own accord, and remove it.
    const user = await signIn('lietotajs@cesis.lv');
    const started = await user.send('POST', '/api/v1/account/mfa/totp');
    const secret = started.json().secret as string;
    tick();
    expect((await user.send('POST', '/api/v1/account/mfa/totp/confirm', { code: totpAt(secret, clock) })).statusCode).toBe(200);
    expect((await password('lietotajs@cesis.lv')).json()).toEqual({ mfaRequired: true, methods: ['totp', 'recovery'] });
    tick();
    const badPassword = await user.send('DELETE', '/api/v1/account/mfa/totp', { password: 'not-the-password-1', code: totpAt(secret, clock) });
    expect(badPassword.statusCode).toBe(400);
    expect(badPassword.json().errors[0].field).toBe('password');
    const badCode = await user.send('DELETE', '/api/v1/account/mfa/totp', { password: DEMO_PASSWORD, code: '000000' === totpAt(secret, clock) ? '111111' : '000000' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors[0].field).toBe('code');
    expect((await user.send('DELETE', '/api/v1/account/mfa/totp', { password: DEMO_PASSWORD, code: totpAt(secret, clock) })).statusCode).toBe(204);
    const plain = await password('lietotajs@cesis.lv');
    expect(plain.json()).toMatchObject({ user: { email: 'lietotajs@cesis.lv' }, csrfToken: expect.any(String) });
    const actions = ((await t.database.ownerQuery("SELECT action FROM audit_events WHERE actor_label = 'lietotajs@cesis.lv' AND action LIKE 'mfa.%' ORDER BY seq")) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['mfa.totp_enrolment_started', 'mfa.totp_enrolled', 'mfa.totp_removed']);
  });

  it('lists my sessions with browser and address, ends one or all others, and never another person’s', async () => {
    const ua = (value: string) => ({ 'user-agent': value });
    const signInWith = async (headers: Record<string, string>, remoteAddress: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'lietotajs@sigulda.lv', password: DEMO_PASSWORD }, headers, remoteAddress });
      return browser(cookieOf(res)!, res.json().csrfToken);
    };
    const laptop = await signInWith(ua('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'), '192.0.2.50');
    const phone = await signInWith(ua('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'), '192.0.2.51');
    const tablet = await signInWith(ua('Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'), '192.0.2.52');
    const list = await laptop.send('GET', '/api/v1/account/sessions');
    expect(list.statusCode).toBe(200);
    const sessions = list.json().items as { id: string; browser: string; clientAddress: string; current: boolean; lastSeenAt: string }[];
    expect(sessions.map((s) => [s.browser, s.clientAddress, s.current]).sort()).toEqual([
      ['Chrome 131, Android', '192.0.2.51', false],
      ['Firefox 133, Windows', '192.0.2.50', true],
      ['Safari 18, iOS', '192.0.2.52', false],
    ]);
    expect(list.body).not.toMatch(/token|csrf/i);
    const phoneId = sessions.find((s) => s.browser.startsWith('Chrome'))!.id;

    // Another person cannot end it, nor learn that it exists.
    const stranger = await signIn('lietotajs@ogre.lv');
    expect((await stranger.send('DELETE', `/api/v1/account/sessions/${phoneId}`)).statusCode).toBe(404);
    expect((await stranger.send('DELETE', '/api/v1/account/sessions/not-a-session')).statusCode).toBe(404);
    expect((await phone.send('GET', '/api/v1/session')).statusCode).toBe(200);

    expect((await laptop.send('DELETE', `/api/v1/account/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await phone.send('GET', '/api/v1/session')).statusCode).toBe(401);
    const others = await laptop.send('DELETE', '/api/v1/account/sessions');
    expect(others.json()).toEqual({ ended: 1 });
    expect((await tablet.send('GET', '/api/v1/session')).statusCode).toBe(401);
    expect((await laptop.send('GET', '/api/v1/session')).statusCode).toBe(200);
    const actions = ((await t.database.ownerQuery("SELECT action FROM audit_events WHERE actor_label = 'lietotajs@sigulda.lv' AND action LIKE 'session.ended%' ORDER BY seq")) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['session.ended', 'session.ended_others']);
  });

  it('an operator signs a person out everywhere and resets their factors; a municipality admin only for their own people', async () => {
    await enrol('admin@valmiera.lv');
    const person = await signIn('admin@valmiera.lv');
    const operator = await signIn('operators@rda.lv');
    const users = (await operator.send('GET', '/api/v1/users')).json().items as { id: string; email: string }[];
    const id = (email: string) => users.find((u) => u.email === email)!.id;

    expect((await operator.send('GET', `/api/v1/users/${id('admin@valmiera.lv')}/mfa`)).json()).toMatchObject({ required: true, totp: true, recoveryCodesLeft: 10 });
    const out = await operator.send('POST', `/api/v1/users/${id('admin@valmiera.lv')}/sign-out-everywhere`);
    expect(out.statusCode).toBe(200);
    expect(out.json().ended).toBeGreaterThanOrEqual(1);
    expect((await person.send('GET', '/api/v1/session')).statusCode).toBe(401);

    const reset = await operator.send('DELETE', `/api/v1/users/${id('admin@valmiera.lv')}/mfa`);
    expect(reset.statusCode).toBe(204);
    expect((await operator.send('GET', `/api/v1/users/${id('admin@valmiera.lv')}/mfa`)).json()).toEqual({ required: true, totp: false, passkeys: [], recoveryCodesLeft: 0 });
    // Their role requires one: the next sign-in enrols anew.
    expect((await password('admin@valmiera.lv')).json()).toMatchObject({ mfaRequired: true, enrolmentRequired: true });
    const [event] = (await t.database.ownerQuery(`SELECT actor_label, before, tenant_id FROM audit_events WHERE action = 'user.second_factors_reset' AND entity_id = '${id('admin@valmiera.lv')}'`)) as { actor_label: string; before: { totp: boolean } }[];
    expect(event).toMatchObject({ actor_label: 'operators@rda.lv', before: { totp: true } });

    // A municipality's admin: their own people yes, others' no (404), and not themselves.
    await enrol('admin@ogre.lv');
    const ogreAdmin = await signIn('admin@ogre.lv');
    expect((await ogreAdmin.send('POST', `/api/v1/users/${id('lietotajs@ogre.lv')}/sign-out-everywhere`)).statusCode).toBe(200);
    expect((await ogreAdmin.send('DELETE', `/api/v1/users/${id('lietotajs@ogre.lv')}/mfa`)).statusCode).toBe(204);
    expect((await ogreAdmin.send('DELETE', `/api/v1/users/${id('lietotajs@cesis.lv')}/mfa`)).statusCode).toBe(404);
    expect((await ogreAdmin.send('POST', `/api/v1/users/${id('operators@rda.lv')}/sign-out-everywhere`)).statusCode).toBe(404);
    expect((await ogreAdmin.send('DELETE', `/api/v1/users/${id('admin@ogre.lv')}/mfa`)).statusCode).toBe(409);
    const member = await signIn('lietotajs@talsi.lv');
    expect((await member.send('DELETE', `/api/v1/users/${id('lietotajs@talsi.lv')}/mfa`)).statusCode).toBe(403);
  });

  it('answers bad second-factor input with clear 4xx problems, never a 500', async () => {
    const first = await password('operators@rda.lv');
    const send = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', headers: { cookie: `kopa_session=${cookieOf(first)}` }, payload });
    const cases: [object, number, string][] = [
      [{ method: 'sms', code: '123456' }, 400, 'method'],
      [{ method: 'totp' }, 400, 'code'],
      [{ method: 'totp', code: 'x'.repeat(40) }, 400, 'code'],
      [{ method: 'totp', code: '123456', extra: 1 }, 400, 'extra'],
      [{ method: 'webauthn' }, 400, 'response'],
    ];
    for (const [payload, status, field] of cases) {
      const res = await send(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A passkey answer without passkeys, or made up: refused, not a crash.
    expect((await send({ method: 'webauthn', response: { id: 'nope', rawId: 'nope', type: 'public-key', response: {} } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa/webauthn/options', headers: { cookie: `kopa_session=${cookieOf(first)}` } })).statusCode).toBe(409);
    // Without a pending sign-in there is nothing to finish.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session/mfa', payload: { method: 'totp', code: '123456' } })).statusCode).toBe(401);
  });

  it('leaves API tokens alone: they are machine credentials, not sign-ins', async () => {
    const operator = await signIn('operators@rda.lv');
    const token = (await operator.send('POST', '/api/v1/tokens', { name: 'provisioning', role: 'operator' })).json().token as string;
    const robot = bearer(t.app, token);
    expect((await robot.get('/api/v1/tenants')).statusCode).toBe(200);
    expect((await robot.get('/api/v1/account/mfa')).statusCode).toBe(403);
  });
});
