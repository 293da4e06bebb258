import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

const LEVELS = 500_000;
/** About 1 MB of JSON nested half a million levels deep. */
const DEEP_ARRAY = '['.repeat(LEVELS) + ']'.repeat(LEVELS);
const nestedObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
const nestedArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe.each(BACKENDS)('deeply nested JSON on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signIn(t.app, 'operators@rda.lv');
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'operators@rda.lv', password: 'kopa-demo-2026' } });
    headers = { cookie: `kopa_session=${login.cookies.find((c) => c.name === 'kopa_session')!.value}`, 'x-csrf-token': login.json().csrfToken, 'content-type': 'application/json' };
  });
  afterAll(() => t.close());

  const expectDepthProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/validation', status: 400, errors: [{ field: 'body', code: 'too_deep', params: { max: 64 }, message: expect.stringMatching(/64 levels/) }] });
  };

  it('refuses a 1 MB body nested 500,000 levels before sign-in with a 400 problem', async () => {
    expect(DEEP_ARRAY.length).toBe(1_000_000);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: DEEP_ARRAY });
    expectDepthProblem(res);
    const inField = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: `{"email":${nestedObject(150_000)},"password":"x"}` });
    expectDepthProblem(inField);
  });

  it('refuses it on a signed-in route too, and the server stays healthy', async () => {
    expectDepthProblem(await t.app.inject({ method: 'POST', url: '/api/v1/tenants', headers, payload: DEEP_ARRAY }));
    expectDepthProblem(await t.app.inject({ method: 'PATCH', url: '/api/v1/session/password', headers, payload: nestedObject(150_000) }));
    const senders = Array.from({ length: 4 }, () => t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: DEEP_ARRAY }));
    for (const res of await Promise.all(senders)) expectDepthProblem(res);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('counts nesting at 64 levels: 64 reach validation, 65 do not', async () => {
    const at64 = await t.app.inject({ method: 'POST', url: '/api/v1/tenants', headers, payload: `{"name":${nestedArray(63)},"registrationNumber":"90000031828"}` });
    expect(at64.statusCode).toBe(400);
    expect(at64.json().errors).toEqual([{ field: 'name', code: 'wrong_type', params: { type: 'string' }, message: expect.any(String) }]);
    expectDepthProblem(await t.app.inject({ method: 'POST', url: '/api/v1/tenants', headers, payload: `{"name":${nestedArray(64)},"registrationNumber":"90000031828"}` }));
  });

  it('brackets inside strings, escaped quotes included, are text and not nesting', async () => {
    const password = `\\"${'['.repeat(240)}{{{`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', headers: { 'content-type': 'application/json' }, payload: `{"email":"nobody@rda.lv","password":"${password}"}` });
    expect(res.statusCode).toBe(401);
    const ticket = await operator.get('/api/v1/tenants');
    expect(ticket.statusCode).toBe(200);
  });
});
