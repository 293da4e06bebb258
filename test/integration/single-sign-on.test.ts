import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import type { CustomFetch } from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { identitySettings } from '../../src/app/identity/identity-settings.js';
import { openIdRelyingParty } from '../../src/app/oidc/relying-party.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { CookieBrowser } from '../support/cookie-browser.js';
import { startOpenIdProvider, type TestOpenIdProvider } from '../support/openid-provider.js';
import { totpAt } from '../support/totp.js';

/**
 * Signing in through OpenID Connect against a real OpenID Provider (oidc-provider, in this process,
 * with a generated RSA key) over real HTTP: Kopa listens on a loopback port, the provider on another,
 * and a cookie-keeping client plays the browser. A test that needs a provider gone wrong passes
 * its token response through `tamper`, which re-signs the ID token with the provider's own key, so
 * only the claim the test changed is wrong.
 */
describe.each(BACKENDS)('single sign-on through OpenID Connect on %s', (backend) => {
  let t: TestApp;
  let op: TestOpenIdProvider;
  let kopa: string;
  let operator: Client;
  let cesis: string;
  let sigulda: string;
  let providerId: string;
  let tamper: ((claims: JWTPayload) => JWTPayload) | null = null;
  let signWith: CryptoKey | null = null;

  const throughTamper: CustomFetch = async (url, options) => {
    const res = await fetch(url, options as RequestInit);
    if (!tamper || !url.endsWith('/token')) return res;
    const body = (await res.json()) as { id_token: string };
    const key = signWith ?? ((await importJWK(op.signingKey, 'RS256')) as CryptoKey);
    body.id_token = await new SignJWT(tamper(decodeJwt(body.id_token))).setProtectedHeader({ alg: 'RS256', kid: op.signingKey.kid }).sign(key);
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  };

  beforeAll(async () => {
    t = await startTestApp(backend, { relyingParty: openIdRelyingParty({ fetch: throughTamper }) });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    kopa = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    t.deps.identity = identitySettings({ mfaRequiredRoles: [], publicUrl: kopa });
    op = await startOpenIdProvider({ redirectUri: `${kopa}/api/v1/auth/oidc/callback`, postLogoutRedirectUri: `${kopa}/login`, backchannelLogoutUri: `${kopa}/api/v1/auth/oidc/backchannel-logout` });
    operator = await signIn(t.app, 'operators@rda.lv');
    const tenants = (await operator.get('/api/v1/tenants?limit=200')).json().items as { id: string; name: string }[];
    cesis = tenants.find((x) => x.name.startsWith('Cēsu'))!.id;
    sigulda = tenants.find((x) => x.name.startsWith('Siguldas'))!.id;
    const created = await operator.post('/api/v1/identity-providers', { name: 'Cēsu novada konts', issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, tenantId: cesis, emailDomains: ['cesis.lv'] });
    expect(created.statusCode, created.body).toBe(201);
    providerId = created.json().id;
    op.accounts.set('anna', { password: 'anna-parole', email: 'admin@cesis.lv', name: 'Anna Bērziņa' });
  });
  afterAll(async () => {
    await op?.close();
    await t?.close();
  });
  beforeEach(() => {
    tamper = null;
    signWith = null;
  });

  /** Start at Kopa, sign in on the provider's page, and come back: the callback's answer. */
  async function signInThrough(login: string, options: { returnTo?: string; browser?: CookieBrowser; beforeCallback?: (url: URL) => URL } = {}) {
    const browser = options.browser ?? new CookieBrowser();
    const start = await browser.request(`${kopa}/api/v1/auth/oidc/${providerId}/start?returnTo=${encodeURIComponent(options.returnTo ?? '/tickets')}`);
    expect(start.status).toBe(302);
    const authorize = start.headers.get('location')!;
    expect(authorize.startsWith(`${op.issuer}/auth?`), authorize).toBe(true);
    const atLogin = await browser.follow(authorize, kopa);
    const form = await atLogin.response!.text();
    const action = /action="([^"]+)"/.exec(form)![1]!;
    const back = await browser.follow(new URL(action, atLogin.url).toString(), kopa, {
      method: 'POST',
      body: new URLSearchParams({ login, password: op.accounts.get(login)!.password }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(back.response, 'the provider sends the browser back to Kopa').toBeNull();
    const callbackUrl = options.beforeCallback ? options.beforeCallback(new URL(back.url)).toString() : back.url;
    const callback = await browser.request(callbackUrl);
    expect(callback.status).toBe(302);
    return { browser, location: callback.headers.get('location')!, callbackUrl };
  }

  const sessionOf = async (browser: CookieBrowser) => {
    const res = await browser.request(`${kopa}/api/v1/session`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { user?: { email: string; role: string }; csrfToken?: string } };
  };

  it('signs a person in over HTTP: provider page, callback, returnTo, session with the role Kopa gave', async () => {
    const { browser, location } = await signInThrough('anna');
    expect(location).toBe('/tickets');
    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email: 'admin@cesis.lv', role: 'tenant_admin' });
    const identities = await browser.request(`${kopa}/api/v1/account/identities`);
    expect((await identities.json()).items).toEqual([expect.objectContaining({ providerId, providerName: 'Cēsu novada konts', subject: 'anna', email: 'admin@cesis.lv' })]);
  });

  it('links by sub after the first sign-in: a changed e-mail at the provider still finds the person', async () => {
    await signInThrough('anna');
    op.accounts.set('anna', { ...op.accounts.get('anna')!, email: 'anna.jauna@cesis.lv' });
    try {
      const { browser, location } = await signInThrough('anna');
      expect(location).toBe('/tickets');
      expect((await sessionOf(browser)).body.user!.email).toBe('admin@cesis.lv');
    } finally {
      op.accounts.set('anna', { ...op.accounts.get('anna')!, email: 'admin@cesis.lv' });
    }
  });

  it.each([
    ['issuer', (c: JWTPayload) => ({ ...c, iss: 'https://login.evil.example' })],
    ['audience', (c: JWTPayload) => ({ ...c, aud: 'another-client' })],
    ['nonce', (c: JWTPayload) => ({ ...c, nonce: 'not-the-nonce-kopa-sent' })],
    ['expiry', (c: JWTPayload) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })],
  ])('refuses an ID token with the wrong %s: back to the sign-in page, no session', async (_what, change) => {
    tamper = change;
    const { browser, location } = await signInThrough('anna');
    expect(location).toBe('/login?sso_error=sso_failed');
    expect(browser.cookie(kopa, 'kopa_session')).toBeUndefined();
    expect((await sessionOf(browser)).status).toBe(401);
  });

  it('refuses an ID token signed with a key that is not the provider\'s', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    expect((await exportJWK(privateKey)).n).not.toBe(op.signingKey.n);
    signWith = privateKey;
    tamper = (c) => c;
    const { location } = await signInThrough('anna');
    expect(location).toBe('/login?sso_error=sso_failed');
  });

  it('refuses a callback whose state is not the one this browser started with, or without the start cookie', async () => {
    const wrongState = await signInThrough('anna', { beforeCallback: (url) => (url.searchParams.set('state', 'forged-state'), url) });
    expect(wrongState.location).toBe('/login?sso_error=sso_state');
    const elsewhere = new CookieBrowser();
    const replay = await elsewhere.request((await signInThrough('anna', { beforeCallback: (url) => url })).callbackUrl);
    expect(replay.headers.get('location')).toBe('/login?sso_error=sso_state');
  });

  it('refuses an open redirect in returnTo before going to the provider', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const res = await new CookieBrowser().request(`${kopa}/api/v1/auth/oidc/${providerId}/start?returnTo=${encodeURIComponent(returnTo)}`);
      expect(res.status, returnTo).toBe(302);
      expect(res.headers.get('location')).toBe('/login?sso_error=sso_return_to');
    }
  });

  it("never admits a person of another municipality: neither another domain nor a Cēsis address kept by Sigulda", async () => {
    op.accounts.set('janis', { password: 'janis-parole', email: 'admin@sigulda.lv' });
    expect((await signInThrough('janis')).location).toBe('/login?sso_error=sso_wrong_organisation');
    const planted = await operator.post(`/api/v1/tenants/${sigulda}/users`, { email: 'ieradies@cesis.lv', name: 'Ieradies Siguldā', role: 'tenant_admin', password: DEMO_PASSWORD });
    expect(planted.statusCode, planted.body).toBe(201);
    op.accounts.set('ieradies', { password: 'ieradies-parole', email: 'ieradies@cesis.lv' });
    expect((await signInThrough('ieradies')).location).toBe('/login?sso_error=sso_wrong_organisation');
  });

  it('refuses an unverified e-mail, and a stranger while creating people is off; creates one with the default role when on', async () => {
    op.accounts.set('neparbaudits', { password: 'p-0123456789', email: 'lietotajs@cesis.lv', emailVerified: false });
    expect((await signInThrough('neparbaudits')).location).toBe('/login?sso_error=sso_email_unverified');
    op.accounts.set('jauns', { password: 'p-0123456789', email: 'jauns.darbinieks@cesis.lv', name: 'Jauns Darbinieks' });
    expect((await signInThrough('jauns')).location).toBe('/login?sso_error=sso_unknown_person');
    expect((await operator.patch(`/api/v1/identity-providers/${providerId}`, { createPeople: true })).statusCode).toBe(200);
    try {
      const { browser, location } = await signInThrough('jauns');
      expect(location).toBe('/tickets');
      expect((await sessionOf(browser)).body.user).toMatchObject({ email: 'jauns.darbinieks@cesis.lv', role: 'tenant_user', name: 'Jauns Darbinieks' });
    } finally {
      await operator.patch(`/api/v1/identity-providers/${providerId}`, { createPeople: false });
    }
  });

  it('refuses a deactivated person even when the provider says yes', async () => {
    const created = await operator.post(`/api/v1/tenants/${cesis}/users`, { email: 'aizgajis@cesis.lv', name: 'Aizgājis Darbinieks', role: 'tenant_user', password: DEMO_PASSWORD });
    op.accounts.set('aizgajis', { password: 'p-0123456789', email: 'aizgajis@cesis.lv' });
    expect((await signInThrough('aizgajis')).location).toBe('/tickets');
    expect((await operator.patch(`/api/v1/users/${created.json().id}`, { active: false })).statusCode).toBe(200);
    expect((await signInThrough('aizgajis')).location).toBe('/login?sso_error=sso_inactive');
  });

  it("asks Kopa's own second factor unless the provider asserted one (amr otp, or a configured acr)", async () => {
    const email = 'divi.soli@cesis.lv';
    expect((await operator.post(`/api/v1/tenants/${cesis}/users`, { email, name: 'Divi Soļi', role: 'tenant_user', password: DEMO_PASSWORD })).statusCode).toBe(201);
    const person = await signIn(t.app, email);
    const secret = (await person.post('/api/v1/account/mfa/totp')).json().secret as string;
    expect((await person.post('/api/v1/account/mfa/totp/confirm', { code: totpAt(secret, new Date()) })).statusCode).toBe(200);

    op.accounts.set('divi', { password: 'p-0123456789', email, amr: ['pwd'] });
    const pending = await signInThrough('divi');
    expect(pending.location).toBe('/login?returnTo=%2Ftickets');
    expect((await sessionOf(pending.browser)).body).toMatchObject({ mfaRequired: true, methods: expect.arrayContaining(['totp']) });
    expect((await pending.browser.request(`${kopa}/api/v1/tickets`)).status).toBe(401);

    op.accounts.set('divi', { password: 'p-0123456789', email, amr: ['pwd', 'otp'] });
    const full = await signInThrough('divi');
    expect(full.location).toBe('/tickets');
    expect((await sessionOf(full.browser)).body.user!.email).toBe(email);

    op.accounts.set('divi', { password: 'p-0123456789', email, amr: ['pwd'], acr: 'urn:kopa:test:strong' });
    expect((await signInThrough('divi')).location).toBe('/login?returnTo=%2Ftickets');
    expect((await operator.patch(`/api/v1/identity-providers/${providerId}`, { mfaAcrValues: ['urn:kopa:test:strong'] })).statusCode).toBe(200);
    expect((await signInThrough('divi')).location).toBe('/tickets');
  });

  it('back-channel logout from the provider ends the Kopa session it came from', async () => {
    const { browser } = await signInThrough('anna');
    expect((await sessionOf(browser)).status).toBe(200);
    // The person signs out at the provider (not through Kopa); the provider tells Kopa directly.
    const ended = await browser.follow(`${op.issuer}/session/end?client_id=${op.clientId}`, kopa);
    const form = await ended.response!.text();
    const action = /action="([^"]+)"/.exec(form)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)![1]!;
    await browser.follow(new URL(action, ended.url).toString(), kopa, { method: 'POST', body: new URLSearchParams({ xsrf, logout: 'yes' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await sessionOf(browser)).status).toBe(401);
    const audit = (await operator.get('/api/v1/audit-events?action=session.backchannel_logout')).json().items as unknown[];
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses a logout token that is not the provider\'s', async () => {
    const { browser } = await signInThrough('anna');
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: 'anna', events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, jti: 'x1' })
      .setProtectedHeader({ alg: 'RS256', kid: op.signingKey.kid })
      .setIssuer(op.issuer)
      .setAudience(op.clientId)
      .setIssuedAt()
      .sign(privateKey);
    const res = await fetch(`${kopa}/api/v1/auth/oidc/backchannel-logout`, { method: 'POST', body: new URLSearchParams({ logout_token: forged }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await sessionOf(browser)).status).toBe(200);
  });

  it("signs out through the provider: Kopa's session ends and the provider returns the browser to /login", async () => {
    const { browser } = await signInThrough('anna');
    const { body } = await sessionOf(browser);
    const out = await browser.request(`${kopa}/api/v1/session/logout`, { method: 'POST', headers: { 'x-csrf-token': body.csrfToken! } });
    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    expect(endSessionUrl.startsWith(`${op.issuer}/session/end?`)).toBe(true);
    expect(new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri')).toBe(`${kopa}/login`);
    expect(new URL(endSessionUrl).searchParams.get('id_token_hint')).toBeTruthy();
    expect((await sessionOf(browser)).status).toBe(401);
    const confirm = await browser.follow(endSessionUrl, kopa);
    const form = await confirm.response!.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)![1]!;
    const action = /action="([^"]+)"/.exec(form)![1]!;
    const back = await browser.follow(new URL(action, confirm.url).toString(), kopa, { method: 'POST', body: new URLSearchParams({ xsrf, logout: 'yes' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(back.url).toBe(`${kopa}/login`);
  });

  it('offers the provider for its domains only, by name, to anyone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers?email=Kads@Cesis.lv' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ id: providerId, name: 'Cēsu novada konts', organisation: expect.stringContaining('Cēsu') }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers?email=kads@sigulda.lv' })).json()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers?email=nav-adrese' })).statusCode).toBe(400);
  });

  it('never returns the client secret, and stores it sealed', async () => {
    const views = [
      (await operator.get('/api/v1/identity-providers')).body,
      (await operator.get(`/api/v1/identity-providers/${providerId}`)).body,
      (await operator.patch(`/api/v1/identity-providers/${providerId}`, { clientSecret: op.clientSecret })).body,
      (await operator.get(`/api/v1/audit-events?entityType=identity_provider`)).body,
    ];
    const [row] = (await t.database.ownerQuery('SELECT client_secret_sealed FROM identity_providers WHERE id = $1', [providerId])) as { client_secret_sealed: string }[];
    for (const body of views) {
      expect(body).not.toContain(op.clientSecret);
      // Not even sealed: the API and the audit log say only that a secret was replaced.
      expect(body).not.toContain(row!.client_secret_sealed.split('.')[2]!);
      expect(body).not.toMatch(/clientSecret(Sealed)?"\s*:\s*"(?!replaced)/);
    }
    expect(row!.client_secret_sealed).toMatch(/^v1\./);
    expect(row!.client_secret_sealed).not.toContain(op.clientSecret);
    const tested = await operator.post(`/api/v1/identity-providers/${providerId}/test`);
    expect(tested.json()).toMatchObject({ ok: true, metadata: { issuer: op.issuer, backchannelLogoutSupported: true } });
  });

  it("lets a municipality's admin manage its own municipality's providers only, with municipality roles only", async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const base = { name: 'Otrs', issuer: 'https://login.example.lv/realms/cesis', clientId: 'kopa-2', clientSecret: 's3cret-value', emailDomains: ['cesis.lv'] };
    expect((await admin.post('/api/v1/identity-providers', { ...base, tenantId: sigulda })).statusCode).toBe(404);
    expect((await admin.post('/api/v1/identity-providers', { ...base, tenantId: null })).statusCode).toBe(403);
    const agencyRole = await admin.post('/api/v1/identity-providers', { ...base, tenantId: cesis, defaultRole: 'operator' });
    expect(agencyRole.statusCode).toBe(400);
    expect(agencyRole.json().errors).toEqual([expect.objectContaining({ field: 'defaultRole' })]);
    const own = await admin.post('/api/v1/identity-providers', { ...base, tenantId: cesis });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ tenantId: cesis, defaultRole: 'tenant_user', createPeople: false });

    const siguldas = await operator.post('/api/v1/identity-providers', { ...base, clientId: 'kopa-sigulda', tenantId: sigulda, emailDomains: ['sigulda.lv'] });
    const agency = await operator.post('/api/v1/identity-providers', { ...base, clientId: 'kopa-rda', tenantId: null, emailDomains: ['rda.lv'], defaultRole: 'desk_agent' });
    expect(agency.statusCode, agency.body).toBe(201);
    for (const other of [siguldas.json().id as string, agency.json().id as string]) {
      expect((await admin.get(`/api/v1/identity-providers/${other}`)).statusCode).toBe(404);
      expect((await admin.patch(`/api/v1/identity-providers/${other}`, { enabled: false })).statusCode).toBe(404);
      expect((await admin.delete(`/api/v1/identity-providers/${other}`)).statusCode).toBe(404);
    }
    const listed = (await admin.get('/api/v1/identity-providers')).json().items as { tenantId: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((p) => p.tenantId === cesis)).toBe(true);

    expect((await admin.patch(`/api/v1/identity-providers/${own.json().id}`, { enabled: false })).json().enabled).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/providers?email=x@cesis.lv' })).json().map((p: { name: string }) => p.name)).not.toContain('Otrs');
    expect((await admin.delete(`/api/v1/identity-providers/${own.json().id}`)).statusCode).toBe(204);
  });
});
