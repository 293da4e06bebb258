import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_ERROR_CODES } from '../../src/domain/errors.js';
import { completeRegistrationNumber } from '../../src/domain/registration-number.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/app.js';

// Every rejected request must be a 4xx problem naming the field, and must write nothing.
interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  raw?: { text: string; type: string };
  status: number;
  fields: string[];
  anonymous?: boolean;
  /** Rows a refusal deliberately leaves: a wrong password is a failed attempt, counted and audited. */
  records?: Partial<Record<(typeof TABLES)[number], number>>;
}

const NEW_REG = completeRegistrationNumber('9000006666')!;
const TENANT = { name: 'Limbažu novada pašvaldība', registrationNumber: NEW_REG };
const AGREEMENT = { number: 'RDA-SL-2027/10', signedOn: '2026-12-01', effectiveFrom: '2027-01-01' };
const TARGETS = { P1: { reactionMinutes: 60, resolutionMinutes: 480 }, P2: { reactionMinutes: 120, resolutionMinutes: 960 }, P3: { reactionMinutes: 240, resolutionMinutes: 2400 }, P4: { reactionMinutes: 480, resolutionMinutes: 4800 } };
const MEMBER = { email: 'jauns@cesis.lv', name: 'Jauns Lietotājs', role: 'tenant_user', password: 'a-long-enough-passphrase' };
const STAFF = { email: 'jauns@rda.lv', name: 'Jauna Darbiniece', role: 'auditor', password: 'a-long-enough-passphrase' };

const c = (method: Case['method'], path: string, body: unknown, status: number, fields: string[], extra: Partial<Case> = {}): Case => ({ method, path, body, status, fields, ...extra });
const raw = (method: Case['method'], path: string, text: string, type: string, status: number, fields: string[], extra: Partial<Case> = {}): Case => ({ method, path, raw: { text, type }, status, fields, ...extra });

const CASES: [string, Case][] = [
  ['tenant: name of the wrong type', c('POST', '/tenants', { ...TENANT, name: { lv: 'Limbaži' } }, 400, ['name'])],
  ['tenant: name missing', c('POST', '/tenants', { registrationNumber: NEW_REG }, 400, ['name'])],
  ['tenant: registrationNumber missing', c('POST', '/tenants', { name: TENANT.name }, 400, ['registrationNumber'])],
  ['tenant: unknown field', c('POST', '/tenants', { ...TENANT, colour: 'blue' }, 400, ['colour'])],
  ['tenant: unknown status', c('POST', '/tenants', { ...TENANT, status: 'deleted' }, 400, ['status'])],
  ['tenant: wrong check digit', c('POST', '/tenants', { ...TENANT, registrationNumber: NEW_REG.slice(0, 10) + ((Number(NEW_REG[10]) + 1) % 10) }, 400, ['registrationNumber'])],
  ['tenant: two problems at once', c('POST', '/tenants', { name: 'X', registrationNumber: '123' }, 400, ['name', 'registrationNumber'])],
  ['tenant: VAT number of someone else', c('POST', '/tenants', { ...TENANT, vatNumber: 'LV90000031828' }, 400, ['vatNumber'])],
  ['tenant: bad postal code', c('POST', '/tenants', { ...TENANT, address: { street: 'Rīgas iela 16', city: 'Limbaži', postalCode: 'Limbaži', country: 'LV' } }, 400, ['address.postalCode'])],
  ['tenant: address without city', c('POST', '/tenants', { ...TENANT, address: { street: 'Rīgas iela 16', postalCode: 'LV-4001', country: 'LV' } }, 400, ['address.city'])],
  ['tenant: bad e-mail', c('POST', '/tenants', { ...TENANT, email: 'not-an-email' }, 400, ['email'])],
  ['tenant: NUL character', c('POST', '/tenants', { ...TENANT, name: 'Limbaži\u0000' }, 400, ['name'])],
  ['tenant: duplicate registration number', c('POST', '/tenants', { ...TENANT, registrationNumber: '90000031828' }, 409, ['registrationNumber'])],
  ['tenant: invalid JSON text', raw('POST', '/tenants', '{"name": "Limbaži",', 'application/json', 400, ['body'])],
  ['tenant: XML', raw('POST', '/tenants', '<tenant/>', 'application/xml', 415, ['content-type'])],
  ['tenant: plain text', raw('POST', '/tenants', 'Limbaži', 'text/plain', 400, ['body'])],
  ['tenant: a JSON array', raw('POST', '/tenants', '[]', 'application/json', 400, ['body'])],
  ['tenant: a body over 1 MB', raw('POST', '/tenants', JSON.stringify({ ...TENANT, name: 'x'.repeat(1_100_000) }), 'application/json', 413, ['body'])],
  ['tenant patch: empty', c('PATCH', '/tenants/{cesis}', {}, 400, ['body'])],
  ['tenant patch: active back to onboarding', c('PATCH', '/tenants/{cesis}', { status: 'onboarding' }, 400, ['status'])],
  ['tenant patch: name of the wrong type', c('PATCH', '/tenants/{cesis}', { name: ['a', 'b'] }, 400, ['name'])],
  ['tenant patch: unknown Peppol scheme', c('PATCH', '/tenants/{cesis}', { peppolEndpoint: { scheme: '9999', id: 'x' } }, 400, ['peppolEndpoint.scheme'])],
  ['tenant patch: registration number of Sigulda', c('PATCH', '/tenants/{cesis}', { registrationNumber: '90000048311', vatNumber: 'LV90000048311' }, 409, ['registrationNumber'])],
  ['tenant patch: malformed id', c('PATCH', '/tenants/not-a-uuid', { name: 'Valid Name' }, 404, [])],
  ['agreement: number missing', c('POST', '/tenants/{cesis}/agreements', { signedOn: '2026-12-01', effectiveFrom: '2027-01-01' }, 400, ['number'])],
  ['agreement: 30 February', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, signedOn: '2026-02-30' }, 400, ['signedOn'])],
  ['agreement: date without zero padding', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, effectiveFrom: '2027-1-5' }, 400, ['effectiveFrom'])],
  ['agreement: 29 February of a common year', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, effectiveTo: '2027-02-29' }, 400, ['effectiveTo'])],
  ['agreement: ends before it starts', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, effectiveTo: '2026-12-31' }, 400, ['effectiveTo'])],
  ['agreement: target 0 %', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, availabilityTargetPercent: 0 }, 400, ['availabilityTargetPercent'])],
  ['agreement: target 101 %', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, availabilityTargetPercent: 101 }, 400, ['availabilityTargetPercent'])],
  ['agreement: target as a word', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, availabilityTargetPercent: 'high' }, 400, ['availabilityTargetPercent'])],
  ['agreement: target with 5 decimals', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, availabilityTargetPercent: 97.12345 }, 400, ['availabilityTargetPercent'])],
  ['agreement: unknown calendar', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, calendarId: 'mars' }, 400, ['calendarId'])],
  ['agreement: fractional notice hours', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, maintenanceNoticeHours: 1.5 }, 400, ['maintenanceNoticeHours'])],
  ['agreement: reaction longer than resolution', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, deskTargets: { ...TARGETS, P1: { reactionMinutes: 500, resolutionMinutes: 480 } } }, 400, ['deskTargets.P1.resolutionMinutes'])],
  ['agreement: a priority missing', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, deskTargets: { P1: TARGETS.P1, P2: TARGETS.P2, P3: TARGETS.P3 } }, 400, ['deskTargets.P4'])],
  ['agreement: vatExempt not a boolean', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, vatExempt: 'maybe' }, 400, ['vatExempt'])],
  ['agreement: unknown field', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, price: 100 }, 400, ['price'])],
  ['agreement: duplicate number', c('POST', '/tenants/{cesis}/agreements', { ...AGREEMENT, number: 'RDA-SL-2025/02' }, 409, ['number'])],
  ['agreement: unknown municipality', c('POST', '/tenants/00000000-0000-4000-8000-000000000000/agreements', AGREEMENT, 404, [])],
  ['agreement patch: empty', c('PATCH', '/tenants/{cesis}/agreements/{agreement}', {}, 400, ['body'])],
  ['agreement patch: ends before it started', c('PATCH', '/tenants/{cesis}/agreements/{agreement}', { effectiveTo: '2024-12-31' }, 400, ['effectiveTo'])],
  ['agreement patch: target 101 %', c('PATCH', '/tenants/{cesis}/agreements/{agreement}', { availabilityTargetPercent: 101 }, 400, ['availabilityTargetPercent'])],
  ['agreement patch: unknown calendar', c('PATCH', '/tenants/{cesis}/agreements/{agreement}', { calendarId: 'mars' }, 400, ['calendarId'])],
  ['agreement patch: number of another agreement', c('PATCH', '/tenants/{cesis}/agreements/{agreement}', { number: 'RDA-SL-2025/02' }, 409, ['number'])],
  ['agreement patch: changes nothing', c('PATCH', '/tenants/{cesis}/agreements/{agreement}', { availabilityTargetPercent: 97 }, 400, ['body'])],
  ['member: bad e-mail', c('POST', '/tenants/{cesis}/users', { ...MEMBER, email: 'not-an-email' }, 400, ['email'])],
  ['member: name missing', c('POST', '/tenants/{cesis}/users', { email: MEMBER.email, role: 'tenant_user' }, 400, ['name'])],
  ['member: unknown role', c('POST', '/tenants/{cesis}/users', { ...MEMBER, role: 'king' }, 400, ['role'])],
  ['member: agency role in a municipality', c('POST', '/tenants/{cesis}/users', { ...MEMBER, role: 'operator' }, 400, ['role'])],
  ['member: short password', c('POST', '/tenants/{cesis}/users', { ...MEMBER, password: 'short' }, 400, ['password'])],
  ['member: password is the e-mail name', c('POST', '/tenants/{cesis}/users', { ...MEMBER, password: 'jauns-jauns-jauns' }, 400, ['password'])],
  ['member: duplicate e-mail in other case', c('POST', '/tenants/{cesis}/users', { ...MEMBER, email: 'Admin@Cesis.LV' }, 409, ['email'])],
  ['member: unknown locale', c('POST', '/tenants/{cesis}/users', { ...MEMBER, locale: 'de' }, 400, ['locale'])],
  ['member: unknown field', c('POST', '/tenants/{cesis}/users', { ...MEMBER, admin: true }, 400, ['admin'])],
  ['staff: municipality role', c('POST', '/users', { ...STAFF, role: 'tenant_user' }, 400, ['role'])],
  ['staff: e-mail missing', c('POST', '/users', { name: STAFF.name, role: 'auditor' }, 400, ['email'])],
  ['staff: one repeated character', c('POST', '/users', { ...STAFF, password: 'aaaaaaaaaaaaaaaa' }, 400, ['password'])],
  ['staff: duplicate e-mail', c('POST', '/users', { ...STAFF, email: 'dienests@rda.lv' }, 409, ['email'])],
  ['user patch: empty', c('PATCH', '/users/{member}', {}, 400, ['body'])],
  ['user patch: active as a word', c('PATCH', '/users/{member}', { active: 'yes' }, 400, ['active'])],
  ['user patch: blank name', c('PATCH', '/users/{member}', { name: '  ' }, 400, ['name'])],
  ['user patch: municipality user to agency role', c('PATCH', '/users/{member}', { role: 'operator' }, 400, ['role'])],
  ['user patch: short password', c('PATCH', '/users/{member}', { password: 'short' }, 400, ['password'])],
  ['user patch: e-mail cannot be changed', c('PATCH', '/users/{member}', { email: 'x@cesis.lv' }, 400, ['email'])],
  ['user patch: deactivating oneself', c('PATCH', '/users/{me}', { active: false }, 400, ['active'])],
  ['user patch: malformed id', c('PATCH', '/users/xyz', { name: 'Valid Name' }, 404, [])],
  ['token: empty', c('POST', '/tokens', {}, 400, ['name', 'role'])],
  ['token: unknown role', c('POST', '/tokens', { name: 'script', role: 'boss' }, 400, ['role'])],
  ['token: expiry in the past', c('POST', '/tokens', { name: 'script', role: 'operator', expiresAt: '2020-01-01T00:00:00Z' }, 400, ['expiresAt'])],
  ['token: expiry not an instant', c('POST', '/tokens', { name: 'script', role: 'operator', expiresAt: 'tomorrow' }, 400, ['expiresAt'])],
  ['token: municipality role without one', c('POST', '/tokens', { name: 'script', role: 'tenant_admin' }, 400, ['tenantId'])],
  ['token: agency role with a municipality', c('POST', '/tokens', { name: 'script', role: 'operator', tenantId: '{cesis}' }, 400, ['tenantId'])],
  ['token: tenantId not a uuid', c('POST', '/tokens', { name: 'script', role: 'tenant_admin', tenantId: 'cesis' }, 400, ['tenantId'])],
  ['token: blank name', c('POST', '/tokens', { name: ' ', role: 'operator' }, 400, ['name'])],
  ['token: malformed id', c('DELETE', '/tokens/xyz', undefined, 404, [])],
  ['sign-in: empty', c('POST', '/session', {}, 400, ['email', 'password'], { anonymous: true })],
  ['sign-in: password missing', c('POST', '/session', { email: 'operators@rda.lv' }, 400, ['password'], { anonymous: true })],
  ['sign-in: e-mail of the wrong type', c('POST', '/session', { email: {}, password: DEMO_PASSWORD }, 400, ['email'], { anonymous: true })],
  ['sign-in: unknown field', c('POST', '/session', { email: 'operators@rda.lv', password: DEMO_PASSWORD, remember: true }, 400, ['remember'], { anonymous: true })],
  ['sign-in: NUL character', c('POST', '/session', { email: 'operators\u0000@rda.lv', password: DEMO_PASSWORD }, 400, ['email'], { anonymous: true })],
  ['sign-in: invalid JSON text', raw('POST', '/session', '{"email":', 'application/json', 400, ['body'], { anonymous: true })],
  ['sign-in: form encoding', raw('POST', '/session', 'email=a&password=b', 'application/x-www-form-urlencoded', 415, ['content-type'], { anonymous: true })],
  ['status subscription: bad e-mail', c('POST', '/status/subscriptions', { email: 'not-an-email' }, 400, ['email'], { anonymous: true })],
  ['status subscription: unknown language', c('POST', '/status/subscriptions', { email: 'a@example.org', language: 'de' }, 400, ['language'], { anonymous: true })],
  ['status subscription: service id not a uuid', c('POST', '/status/subscriptions', { email: 'a@example.org', serviceIds: ['DVS'] }, 400, ['serviceIds.0'], { anonymous: true })],
  ['status subscription: unknown service', c('POST', '/status/subscriptions', { email: 'a@example.org', serviceIds: ['00000000-0000-4000-8000-000000000000'] }, 400, ['serviceIds[0]'], { anonymous: true })],
  ['status subscription: unknown field', c('POST', '/status/subscriptions', { email: 'a@example.org', tenantId: 'x' }, 400, ['tenantId'], { anonymous: true })],
  ['status subscription: form encoding', raw('POST', '/status/subscriptions', 'email=a%40example.org', 'application/x-www-form-urlencoded', 415, ['content-type'], { anonymous: true })],
  ['status confirmation: token missing', c('POST', '/status/subscriptions/confirm', {}, 400, ['token'], { anonymous: true })],
  ['status confirmation: unknown token', c('POST', '/status/subscriptions/confirm', { token: 'no-such-token' }, 404, [], { anonymous: true })],
  ['status unsubscribe: no token anywhere', c('POST', '/status/subscriptions/unsubscribe', {}, 400, ['token'], { anonymous: true })],
  ['status unsubscribe: one-click without token', raw('POST', '/status/subscriptions/unsubscribe', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded', 400, ['token'], { anonymous: true })],
  ['preferences: unknown locale', c('PATCH', '/session', { locale: 'de' }, 400, ['locale'])],
  ['preferences: empty', c('PATCH', '/session', {}, 400, ['locale'])],
  ['preferences: unknown field', c('PATCH', '/session', { locale: 'en', theme: 'dark' }, 400, ['theme'])],
  ['password: new one missing', c('PATCH', '/session/password', { currentPassword: DEMO_PASSWORD }, 400, ['newPassword'])],
  ['password: wrong current one', c('PATCH', '/session/password', { currentPassword: 'not-my-password-1', newPassword: 'brand-new-passphrase' }, 400, ['currentPassword'], { records: { login_attempts: 1, audit_events: 1 } })],
  ['password: weak new one', c('PATCH', '/session/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' }, 400, ['newPassword'])],
  ['password: unchanged', c('PATCH', '/session/password', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD }, 400, ['newPassword'])],
  ['path: municipality id not a uuid', c('GET', '/tenants/not-a-uuid', undefined, 404, [])],
  ['path: agreement id not a uuid', c('GET', '/tenants/{cesis}/agreements/123', undefined, 404, [])],
  ['path: user id not a uuid', c('GET', '/users/xyz', undefined, 404, [])],
  ['query: limit 0', c('GET', '/audit-events?limit=0', undefined, 400, ['limit'])],
  ['query: limit 201', c('GET', '/audit-events?limit=201', undefined, 400, ['limit'])],
  ['query: from=yesterday', c('GET', '/audit-events?from=yesterday', undefined, 400, ['from'])],
  ['query: to on 30 February', c('GET', '/audit-events?to=2026-02-30T00:00:00Z', undefined, 400, ['to'])],
  ['query: cursor not one of ours', c('GET', '/audit-events?cursor=abc', undefined, 400, ['cursor'])],
  ['query: tenantId not a uuid', c('GET', '/audit-events?tenantId=cesis', undefined, 400, ['tenantId'])],
  ['query: unknown parameter', c('GET', '/audit-events?colour=red', undefined, 400, ['colour'])],
  ['query: NUL character', c('GET', '/audit-events?action=%00', undefined, 400, ['action'])],
  ['query: users of a non-uuid municipality', c('GET', '/users?tenantId=nope', undefined, 400, ['tenantId'])],
];

const TABLES = ['tenants', 'agreements', 'agreement_versions', 'users', 'api_tokens', 'sessions', 'login_attempts', 'audit_events'] as const;

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let t: TestApp;
  let headers: Record<string, string>;
  const ids: Record<string, string> = {};
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_m, key: string) => ids[key]!);
  const counts = async () => (await t.database.ownerQuery(`SELECT ${TABLES.map((x) => `(SELECT count(*)::int FROM ${x}) AS ${x}`).join(', ')}`))[0];
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })).json();

  beforeAll(async () => {
    t = await startTestApp(backend);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'operators@rda.lv', password: DEMO_PASSWORD } });
    headers = { cookie: `kopa_session=${login.cookies.find((x) => x.name === 'kopa_session')!.value}`, 'x-csrf-token': login.json().csrfToken };
    ids.me = login.json().user.id;
    const tenants = (await get('/tenants')).items as { id: string; name: string }[];
    ids.cesis = tenants.find((x) => x.name === 'Cēsu novada pašvaldība')!.id;
    ids.agreement = (await get(`/tenants/${ids.cesis}/agreements`)).items[0].id;
    ids.member = ((await get(`/tenants/${ids.cesis}/users`)).items as { id: string; email: string }[]).find((u) => u.email === 'lietotajs@cesis.lv')!.id;
  });
  afterAll(() => t.close());

  it.each(CASES)('%s', async (_label, k) => {
    const before = await counts();
    const res = await t.app.inject({
      method: k.method,
      url: `/api/v1${fill(k.path)}`,
      headers: { ...(k.anonymous ? {} : headers), ...(k.raw && { 'content-type': k.raw.type }) },
      ...(k.raw ? { payload: k.raw.text } : k.body !== undefined && { payload: JSON.parse(fill(JSON.stringify(k.body))) as object }),
    });
    expect(res.statusCode).toBe(k.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem).toMatchObject({ status: k.status, type: expect.stringMatching(/^\/problems\//) });
    // A stable code beside the type (issue 12 item 2): the same key, for clients to translate from.
    expect(problem.code).toMatch(/^[a-z_]+$/);
    expect(`/problems/${problem.code}`).toBe(problem.type);
    expect(problem.detail).not.toMatch(/\bat \S+:\d+/); // never a stack trace
    expect((problem.errors ?? []).map((e: { field: string }) => e.field).sort()).toEqual([...k.fields].sort());
    // Every field error, from ajv or our own checks, carries a declared code a client can word.
    for (const e of problem.errors ?? []) expect(FIELD_ERROR_CODES, `${e.field}: ${e.message}`).toContain(e.code);
    const expected = { ...(before as Record<string, number>) };
    for (const [table, added] of Object.entries(k.records ?? {})) expected[table]! += added;
    expect(await counts()).toEqual(expected);
  });

  it('the valid versions of those requests do succeed', async () => {
    const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
    expect((await post('/tenants', TENANT)).statusCode).toBe(201);
    expect((await post(`/tenants/${ids.cesis}/agreements`, { ...AGREEMENT, deskTargets: TARGETS })).statusCode).toBe(201);
    expect((await post(`/tenants/${ids.cesis}/users`, MEMBER)).statusCode).toBe(201);
    expect((await post('/users', STAFF)).statusCode).toBe(201);
  });

  it.runIf(backend === 'postgres')('two simultaneous onboardings of one municipality: one 201 and one 409, never a 500 (PostgreSQL only: PGlite runs one transaction at a time)', async () => {
    const blocker = new pg.Client({ connectionString: t.database.url! });
    await blocker.connect();
    try {
      // Every mutation takes this lock to append to the audit chain; holding it keeps both
      // transactions open after their uniqueness checks, so they really collide.
      await blocker.query('SELECT pg_advisory_lock(7313001)');
      const registrationNumber = completeRegistrationNumber('9000007777')!;
      const requests = [1, 2].map((i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/tenants', headers, payload: { name: `Ādažu novada pašvaldība ${i}`, registrationNumber } }),
      );
      for (let waited = 0; ; waited += 50) {
        const { rows } = await blocker.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        if (rows[0].n >= 2) break;
        if (waited > 10_000) throw new Error('the two requests never met');
        await new Promise((r) => setTimeout(r, 50));
      }
      await blocker.query('SELECT pg_advisory_unlock(7313001)');
      const responses = await Promise.all(requests);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const loser = responses.find((r) => r.statusCode === 409)!;
      expect(loser.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(loser.json().errors.map((e: { field: string }) => e.field)).toEqual(['registrationNumber']);
      expect(await t.database.ownerQuery('SELECT name FROM tenants WHERE registration_number = $1', [registrationNumber])).toHaveLength(1);
    } finally {
      await blocker.end();
    }
  });
});
