import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission, type Role } from '../../src/domain/roles.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

/**
 * API operations that name no permission: open to anyone (sign-in, the public status page,
 * push beats) or to every signed-in role (one's own session, the seller on invoices).
 * Every other operation states the permission it needs, and that is checked before the
 * request's body, query or path is judged.
 */
const OPEN_OPERATIONS = [
  // A person's own account and sign-in: second factors and sessions are every signed-in person's.
  'DELETE /api/v1/account/mfa/totp',
  'DELETE /api/v1/account/mfa/webauthn/{id}',
  'DELETE /api/v1/account/sessions',
  'DELETE /api/v1/account/sessions/{id}',
  'GET /api/v1/account/mfa',
  'GET /api/v1/account/sessions',
  'GET /api/v1/account/identities',
  'DELETE /api/v1/account/identities/{id}',
  // Single sign-on: open to anyone (the lookup, start, callback and the provider's back-channel
  // logout), and signing out through the provider is every signed-in person's own.
  'GET /api/v1/auth/providers',
  'GET /api/v1/auth/oidc/{providerId}/start',
  'GET /api/v1/auth/oidc/callback',
  'POST /api/v1/auth/oidc/backchannel-logout',
  'POST /api/v1/session/logout',
  'PATCH /api/v1/account/mfa/webauthn/{id}',
  'POST /api/v1/account/mfa/recovery-codes',
  'POST /api/v1/account/mfa/totp',
  'POST /api/v1/account/mfa/totp/confirm',
  'POST /api/v1/account/mfa/webauthn',
  'POST /api/v1/account/mfa/webauthn/options',
  'POST /api/v1/session/mfa',
  'POST /api/v1/session/mfa/webauthn/options',
  'DELETE /api/v1/session',
  'GET /api/v1/incidents',
  'GET /api/v1/incidents/{id}',
  'GET /api/v1/push/{token}',
  'GET /api/v1/session',
  'GET /api/v1/settings/seller',
  'GET /api/v1/status',
  // Following the status page by e-mail and its feed are anyone's; the mailed tokens are the credential.
  'GET /api/v1/status/feed.atom',
  'POST /api/v1/status/subscriptions',
  'POST /api/v1/status/subscriptions/confirm',
  'POST /api/v1/status/subscriptions/unsubscribe',
  // The satisfaction mail's link: its one-time token is the credential.
  'GET /api/v1/tickets/satisfaction',
  'POST /api/v1/tickets/satisfaction',
  'PATCH /api/v1/session',
  'PATCH /api/v1/session/password',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/push/{token}',
  'POST /api/v1/session',
];

const SIGN_INS: Record<Exclude<Role, 'operator'>, string> = {
  desk_agent: 'dienests@rda.lv',
  finance: 'finanses@rda.lv',
  auditor: 'auditors@rda.lv',
  tenant_admin: 'admin@cesis.lv',
  tenant_user: 'lietotajs@cesis.lv',
};

interface Operation { method: string; path: string; permission: Permission | undefined }

describe.each(BACKENDS)('authorisation before validation on %s', (backend) => {
  let t: TestApp;
  let operations: Operation[];
  const clients = new Map<Role, Client>();

  beforeAll(async () => {
    t = await startTestApp(backend);
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { 'x-kopa-permission'?: Permission }>> };
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, permission: op['x-kopa-permission'] })));
    for (const [role, email] of Object.entries(SIGN_INS)) clients.set(role as Role, await signIn(t.app, email));
  });
  afterAll(() => t.close());

  it('every operation names a permission from the table, or is one of the few open ones', () => {
    expect(operations.length).toBeGreaterThan(90);
    const open = operations.filter((o) => o.permission === undefined).map((o) => `${o.method} ${o.path}`).sort();
    expect(open).toEqual([...OPEN_OPERATIONS].sort());
    for (const o of operations) if (o.permission) expect(Object.keys(PERMISSIONS), `${o.method} ${o.path}`).toContain(o.permission);
  });

  it('POST /calendars by a municipality with a bad body is 403, not 400', async () => {
    const admin = clients.get('tenant_admin')!;
    const res = await admin.post('/api/v1/calendars', { id: 'NOT VALID', hours: 'all of them' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ type: '/problems/forbidden' });
  });

  it('every operation a role may not use answers 403 to it, whatever is wrong with the request', async () => {
    const misses: string[] = [];
    let checked = 0;
    for (const o of operations) {
      if (!o.permission) continue;
      for (const [role, client] of clients) {
        if ((PERMISSIONS[o.permission] as readonly Role[]).includes(role)) continue;
        // Path parameters that are not ids, an unknown query field and a body of the wrong shape.
        const url = `${o.path.replace(/\{[^}]+\}/g, 'not..an..id')}?unknownField=1`;
        const body = ['POST', 'PUT', 'PATCH'].includes(o.method) ? [{ wrong: 'shape' }] : undefined;
        const res = o.method === 'GET' ? await client.get(url)
          : o.method === 'DELETE' ? await client.delete(url)
          : o.method === 'PUT' ? await client.put(url, body)
          : o.method === 'PATCH' ? await client.patch(url, body)
          : await client.post(url, body);
        checked++;
        if (res.statusCode !== 403) misses.push(`${role} ${o.method} ${o.path} → ${res.statusCode}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(misses).toEqual([]);
  });
});
