import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, type JWTPayload } from 'jose';
import type { CustomFetch } from 'openid-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { identitySettings } from '../../src/app/identity/identity-settings.js';
import { openIdRelyingParty } from '../../src/app/oidc/relying-party.js';
import { loadConfig } from '../../src/main/config.js';
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
    // One trusted proxy hop: a test names the client's address in X-Forwarded-For (the throttle counts by it).
    t = await startTestApp(backend, { relyingParty: openIdRelyingParty({ fetch: throughTamper }), server: { trustProxy: loadConfig({ KOPA_TRUST_PROXY: '1' }).trustProxy } });
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

  const auditOf = async (action: string, entityId: string) =>
    (await operator.get(`/api/v1/audit-events?action=${action}&entityId=${entityId}`)).json().items as { before: unknown; after: unknown; actorLabel: string }[];

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

  it("keeps Kopa's roles until an operator maps a claim; then every sign-in applies the mapping, audited", async () => {
    const email = 'grupas@cesis.lv';
    const person = await operator.post(`/api/v1/tenants/${cesis}/users`, { email, name: 'Grupu Cilvēks', role: 'tenant_user', password: DEMO_PASSWORD });
    expect(person.statusCode, person.body).toBe(201);
    const personId = person.json().id as string;
    op.accounts.set('grupas', { password: 'p-0123456789', email, groups: ['kopa-admins'] });
    const roleAfterSignIn = async () => {
      const { browser, location } = await signInThrough('grupas');
      expect(location).toBe('/tickets');
      return (await sessionOf(browser)).body.user!.role;
    };
    // The provider says kopa-admins, but nobody mapped it: the role stays Kopa's.
    expect(await roleAfterSignIn()).toBe('tenant_user');

    // Only an operator maps a claim, and only to the municipality's own roles.
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const mapping = { roleClaim: 'groups', roleMapping: [{ value: 'kopa-admins', role: 'tenant_admin' }, { value: 'kopa-staff', role: 'tenant_user' }] };
    const byAdmin = await admin.patch(`/api/v1/identity-providers/${providerId}`, mapping);
    expect(byAdmin.statusCode).toBe(403);
    expect((await admin.post('/api/v1/identity-providers', { name: 'Ar lomām', issuer: 'https://login.example.lv/realms/x', clientId: 'x', clientSecret: 's3cret', tenantId: cesis, emailDomains: ['cesis.lv'], ...mapping })).statusCode).toBe(403);
    const agencyRole = await operator.patch(`/api/v1/identity-providers/${providerId}`, { roleClaim: 'groups', roleMapping: [{ value: 'kopa-admins', role: 'operator' }] });
    expect(agencyRole.statusCode).toBe(400);
    expect(agencyRole.headers['content-type']).toContain('application/problem+json');
    expect(agencyRole.json().errors).toEqual([expect.objectContaining({ field: 'roleMapping.0.role' })]);
    const halfMapped = await operator.patch(`/api/v1/identity-providers/${providerId}`, { roleClaim: 'groups' });
    expect(halfMapped.json().errors).toEqual([expect.objectContaining({ field: 'roleMapping' })]);
    const mapped = await operator.patch(`/api/v1/identity-providers/${providerId}`, mapping);
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect(mapped.json()).toMatchObject(mapping);
    try {
      expect(await roleAfterSignIn()).toBe('tenant_admin');
      const [promoted] = await auditOf('user.role_mapped', personId);
      expect(promoted).toMatchObject({ before: { role: 'tenant_user' }, after: { role: 'tenant_admin', identityProvider: providerId, claim: 'groups' } });

      // Every sign-in: the provider moved the person to another group, so Kopa demotes them.
      op.accounts.set('grupas', { ...op.accounts.get('grupas')!, groups: ['kopa-staff'] });
      expect(await roleAfterSignIn()).toBe('tenant_user');
      expect((await auditOf('user.role_mapped', personId)).length).toBe(2);

      // A claim no entry maps leaves the role Kopa holds, whatever it is.
      expect((await operator.patch(`/api/v1/users/${personId}`, { role: 'tenant_admin' })).statusCode).toBe(200);
      op.accounts.set('grupas', { ...op.accounts.get('grupas')!, groups: ['someone-elses-group'] });
      expect(await roleAfterSignIn()).toBe('tenant_admin');
      expect((await auditOf('user.role_mapped', personId)).length).toBe(2);

      // A person the provider creates gets the mapped role rather than the default one.
      expect((await operator.patch(`/api/v1/identity-providers/${providerId}`, { createPeople: true })).statusCode).toBe(200);
      op.accounts.set('jauna-vaditaja', { password: 'p-0123456789', email: 'jauna.vaditaja@cesis.lv', name: 'Jauna Vadītāja', groups: ['kopa-admins'] });
      const created = await signInThrough('jauna-vaditaja');
      const newcomer = (await sessionOf(created.browser)).body.user as { id: string; email: string; role: string };
      expect(newcomer).toMatchObject({ email: 'jauna.vaditaja@cesis.lv', role: 'tenant_admin' });
      // Created so, never with the default role first.
      expect(await auditOf('user.created', newcomer.id)).toEqual([expect.objectContaining({ after: expect.objectContaining({ role: 'tenant_admin' }) })]);
      expect(await auditOf('user.role_mapped', newcomer.id)).toEqual([]);
    } finally {
      await operator.patch(`/api/v1/identity-providers/${providerId}`, { roleClaim: null, roleMapping: [], createPeople: false });
    }
    expect((await operator.get(`/api/v1/identity-providers/${providerId}`)).json()).toMatchObject({ roleClaim: null, roleMapping: [] });
  });

  it('a person unlinks their own identity, an admin one of their people, audited; nobody else can', async () => {
    const email = 'saite@cesis.lv';
    const person = await operator.post(`/api/v1/tenants/${cesis}/users`, { email, name: 'Saites Cilvēks', role: 'tenant_user', password: DEMO_PASSWORD });
    const personId = person.json().id as string;
    op.accounts.set('saite', { password: 'p-0123456789', email });
    const { browser } = await signInThrough('saite');
    const { csrfToken } = (await sessionOf(browser)).body;
    const linkId = ((await (await browser.request(`${kopa}/api/v1/account/identities`)).json()).items as { id: string }[])[0]!.id;

    const siguldasAdmin = await signIn(t.app, 'admin@sigulda.lv');
    expect((await siguldasAdmin.delete(`/api/v1/account/identities/${linkId}`)).statusCode).toBe(404);
    expect((await siguldasAdmin.get(`/api/v1/users/${personId}/identities`)).statusCode).toBe(404);
    expect((await siguldasAdmin.delete(`/api/v1/users/${personId}/identities/${linkId}`)).statusCode).toBe(404);
    const colleague = await signIn(t.app, 'lietotajs@cesis.lv');
    expect((await colleague.delete(`/api/v1/users/${personId}/identities/${linkId}`)).statusCode).toBe(403);
    // Another person of the same municipality cannot pass someone else's link off as their own.
    expect((await colleague.delete(`/api/v1/account/identities/${linkId}`)).statusCode).toBe(404);
    expect((await operator.get(`/api/v1/users/${personId}/identities`)).json().items).toEqual([expect.objectContaining({ id: linkId, providerId, subject: 'saite' })]);

    // The person unlinks it on their account page.
    const own = await browser.request(`${kopa}/api/v1/account/identities/${linkId}`, { method: 'DELETE', headers: { 'x-csrf-token': csrfToken! } });
    expect(own.status).toBe(204);
    expect((await (await browser.request(`${kopa}/api/v1/account/identities`)).json()).items).toEqual([]);
    expect(await auditOf('identity.unlinked', personId)).toEqual([expect.objectContaining({ before: { provider: providerId, subject: 'saite', email } })]);
    expect((await browser.request(`${kopa}/api/v1/account/identities/${linkId}`, { method: 'DELETE', headers: { 'x-csrf-token': csrfToken! } })).status).toBe(404);

    // The next sign-in is matched by verified e-mail again and links anew; their admin unlinks that one.
    await signInThrough('saite');
    const [relinked] = (await operator.get(`/api/v1/users/${personId}/identities`)).json().items as { id: string }[];
    expect(relinked!.id).not.toBe(linkId);
    const cesisAdmin = await signIn(t.app, 'admin@cesis.lv');
    expect((await cesisAdmin.delete(`/api/v1/users/${personId}/identities/${relinked!.id}`)).statusCode).toBe(204);
    expect((await cesisAdmin.get(`/api/v1/users/${personId}/identities`)).json().items).toEqual([]);
    expect((await auditOf('identity.unlinked', personId)).length).toBe(2);
  });

  it('deleting a provider removes the identities linked through it (the audit counts them); disabling keeps them; open sessions stay', async () => {
    const email = 'dzest@cesis.lv';
    const person = await operator.post(`/api/v1/tenants/${cesis}/users`, { email, name: 'Dzēšanas Cilvēks', role: 'tenant_user', password: DEMO_PASSWORD });
    const personId = person.json().id as string;
    op.accounts.set('dzest', { password: 'p-0123456789', email });
    const { browser } = await signInThrough('dzest');
    expect((await operator.get(`/api/v1/users/${personId}/identities`)).json().items).toHaveLength(1);

    // Disabled: nobody signs in through it, but the link stays for when it is enabled again.
    expect((await operator.patch(`/api/v1/identity-providers/${providerId}`, { enabled: false })).statusCode).toBe(200);
    try {
      const start = await new CookieBrowser().request(`${kopa}/api/v1/auth/oidc/${providerId}/start?returnTo=%2F`);
      expect(start.headers.get('location')).toBe('/login?sso_error=sso_provider_unavailable');
      expect((await operator.get(`/api/v1/users/${personId}/identities`)).json().items).toHaveLength(1);
    } finally {
      await operator.patch(`/api/v1/identity-providers/${providerId}`, { enabled: true });
    }

    // A second registration of the same provider, with a link of its own, is deleted.
    const second = await operator.post('/api/v1/identity-providers', { name: 'Dzēšamais', issuer: op.issuer, clientId: 'kopa-dzesamais', clientSecret: 's3cret-value', tenantId: cesis, emailDomains: ['cesis.lv'] });
    const secondId = second.json().id as string;
    await t.database.ownerQuery('INSERT INTO linked_identities (provider_id, user_id, tenant_id, subject, email) VALUES ($1, $2, $3, $4, $5)', [secondId, personId, cesis, 'dzest-2', email]);
    expect((await operator.get(`/api/v1/users/${personId}/identities`)).json().items).toHaveLength(2);
    expect((await operator.delete(`/api/v1/identity-providers/${secondId}`)).statusCode).toBe(204);
    expect((await operator.get(`/api/v1/users/${personId}/identities`)).json().items).toEqual([expect.objectContaining({ providerId })]);
    const [deleted] = (await operator.get(`/api/v1/audit-events?action=identity_provider.deleted&entityId=${secondId}`)).json().items as { before: Record<string, unknown> }[];
    expect(deleted!.before).toMatchObject({ name: 'Dzēšamais', linkedIdentities: 1 });
    expect(JSON.stringify(deleted)).not.toContain('s3cret-value');
    // The session opened through the first provider is untouched.
    expect((await sessionOf(browser)).status).toBe(200);
  });

  it('throttles refused sign-ins through a provider per address and per provider, however many arrive at once: 429 problem', async () => {
    // A provider of its own (same issuer, another client id), so this file's other refusals do not count.
    const created = await operator.post('/api/v1/identity-providers', { name: 'Skaitīšanas konts', issuer: op.issuer, clientId: 'kopa-throttle', clientSecret: 's3cret-value', tenantId: cesis, emailDomains: ['cesis.lv'] });
    expect(created.statusCode, created.body).toBe(201);
    const throttled = created.json().id as string;
    try {
      const from = (address: string, accept?: string) => ({ 'x-forwarded-for': address, ...(accept && { accept }) });
      /** A started sign-in whose browser comes back refused (the person cancelled at the provider). */
      const started = async (address: string) => {
        const browser = new CookieBrowser();
        const start = await browser.request(`${kopa}/api/v1/auth/oidc/${throttled}/start?returnTo=%2F`, { headers: from(address) });
        expect(start.status).toBe(302);
        return () => browser.request(`${kopa}/api/v1/auth/oidc/callback?error=access_denied&state=x`, { headers: from(address) });
      };

      // 40 returns at once from one address: 20 (the per provider and address limit) are judged, the rest 429.
      const returns = await Promise.all(Array.from({ length: 40 }, () => started('10.7.0.1')));
      const answers = await Promise.all(returns.map((back) => back()));
      expect(answers.filter((r) => r.status === 302 && r.headers.get('location') === '/login?sso_error=sso_failed').length).toBe(20);
      const refused = answers.filter((r) => r.status === 429);
      expect(refused.length).toBe(20);
      expect(refused[0]!.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await refused[0]!.json()).type).toBe('/problems/throttled');

      // That address may not even start; a browser is sent to the sign-in page, which words it.
      const again = await fetch(`${kopa}/api/v1/auth/oidc/${throttled}/start?returnTo=%2F`, { redirect: 'manual', headers: from('10.7.0.1') });
      expect(again.status).toBe(429);
      const browserAgain = await fetch(`${kopa}/api/v1/auth/oidc/${throttled}/start?returnTo=%2F`, { redirect: 'manual', headers: from('10.7.0.1', 'text/html,application/xhtml+xml') });
      expect(browserAgain.status).toBe(302);
      expect(browserAgain.headers.get('location')).toBe('/login?sso_error=sso_throttled');
      // Another address is not blocked by this one's failures, nor is this address through another provider.
      expect((await fetch(`${kopa}/api/v1/auth/oidc/${throttled}/start?returnTo=%2F`, { redirect: 'manual', headers: from('10.7.0.2') })).status).toBe(302);
      expect((await fetch(`${kopa}/api/v1/auth/oidc/${providerId}/start?returnTo=%2F`, { redirect: 'manual', headers: from('10.7.0.1') })).status).toBe(302);

      // Refusals spread over many addresses meet the provider-wide limit (200 in the window; 20 are counted already).
      for (let batch = 0; batch < 18; batch++) {
        const spread = await Promise.all(Array.from({ length: 10 }, (_, i) => started(`10.8.${batch}.${i + 1}`)));
        for (const answer of await Promise.all(spread.map((back) => back()))) expect(answer.status).toBe(302);
      }
      const fresh = await fetch(`${kopa}/api/v1/auth/oidc/${throttled}/start?returnTo=%2F`, { redirect: 'manual', headers: from('10.9.0.1') });
      expect(fresh.status).toBe(429);
      // The main provider, from that fresh address, still works.
      expect((await fetch(`${kopa}/api/v1/auth/oidc/${providerId}/start?returnTo=%2F`, { redirect: 'manual', headers: from('10.9.0.1') })).status).toBe(302);
    } finally {
      await operator.delete(`/api/v1/identity-providers/${throttled}`);
    }
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
