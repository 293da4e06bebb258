import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../src/http/api-types-codegen.js';
import { openApiDocument } from '../../src/http/openapi-document.js';
import { PERMISSIONS, type Role } from '../../src/domain/roles.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

/** The permissions table's rows that name the role: what the session must report. */
const permissionsOfRole = (role: Role) => Object.entries(PERMISSIONS).filter(([, roles]) => (roles as readonly Role[]).includes(role)).map(([name]) => name);

/** ADR 0012: the server tells the UI what it may do, instead of the UI copying the rules. */
describe.each(BACKENDS)('what the server tells the UI on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let ogre: string;
  let ticket: string;
  const people: Record<string, { email: string; role: Role }> = {
    operator: { email: 'operators@rda.lv', role: 'operator' },
    desk: { email: 'dienests@rda.lv', role: 'desk_agent' },
    finance: { email: 'finanses@rda.lv', role: 'finance' },
    auditor: { email: 'auditors@rda.lv', role: 'auditor' },
    admin: { email: 'admin@ogre.lv', role: 'tenant_admin' },
    member: { email: 'lietotajs@ogre.lv', role: 'tenant_user' },
  };

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date('2026-12-03T10:00:00Z') });
    operator = await signIn(t.app, 'operators@rda.lv');
    ogre = ((await operator.get('/api/v1/tenants')).json().items as { id: string; email: string }[]).find((x) => x.email === 'pasts@ogre.lv')!.id;
    const opened = await (await signIn(t.app, 'lietotajs@ogre.lv')).post('/api/v1/tickets', { priority: 'P3', subject: 'Printeris', description: 'Nedrukā' });
    expect(opened.statusCode).toBe(201);
    ticket = opened.json().id;
  });
  afterAll(() => t?.close());

  it('the session lists the permissions of the person’s role, from the table the server enforces', async () => {
    for (const { email, role } of Object.values(people)) {
      const session = await (await signIn(t.app, email)).get('/api/v1/session');
      expect(session.statusCode).toBe(200);
      expect(session.json().permissions, email).toEqual(permissionsOfRole(role));
      expect(session.json().readOnly, email).toBe(false);
    }
  });

  it('a ticket lists the moves the caller may make: staff along the workflow, the customer only its own, an auditor none', async () => {
    const moves = async (who: keyof typeof people) => (await (await signIn(t.app, people[who]!.email)).get(`/api/v1/tickets/${ticket}`)).json().allowedTransitions;
    expect(await moves('desk')).toEqual(['in_progress', 'waiting_for_customer', 'resolved']);
    const clocks = async () => (await operator.get(`/api/v1/tickets/${ticket}`)).json().sla;
    expect(await clocks()).toMatchObject({ reaction: { running: true }, resolution: { running: true } });
    expect(await moves('member')).toEqual([]);
    expect(await moves('auditor')).toEqual([]);

    const desk = await signIn(t.app, people.desk!.email);
    const waiting = await desk.post(`/api/v1/tickets/${ticket}/status`, { status: 'waiting_for_customer' });
    expect(waiting.json().allowedTransitions).toEqual(['in_progress', 'resolved']);
    expect(await clocks()).toMatchObject({ reaction: { running: false, paused: true }, resolution: { running: false, paused: true } });
    expect(await moves('member')).toEqual(['in_progress']);
    const list = await (await signIn(t.app, people.member!.email)).get('/api/v1/tickets');
    expect(list.json().items.find((i: { id: string }) => i.id === ticket).allowedTransitions).toEqual(['in_progress']);
  });

  it('a suspended municipality’s people are told they read only, and are offered no moves', async () => {
    const member = await signIn(t.app, people.member!.email);
    expect((await operator.patch(`/api/v1/tenants/${ogre}`, { status: 'suspended' })).statusCode).toBe(200);
    try {
      const session = await member.get('/api/v1/session');
      expect(session.json()).toMatchObject({ readOnly: true, permissions: permissionsOfRole('tenant_user') });
      expect((await member.get(`/api/v1/tickets/${ticket}`)).json().allowedTransitions).toEqual([]);
    } finally {
      expect((await operator.patch(`/api/v1/tenants/${ogre}`, { status: 'active' })).statusCode).toBe(200);
    }
  });
});

describe('the generated contract', () => {
  it('GET /openapi.json is described without a database, and matches what a running server serves', async () => {
    const offline = await openApiDocument();
    const t = await startTestApp('pglite', { demo: false });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json()).toEqual(offline);
    } finally {
      await t.close();
    }
  });

  it('web/src/api/schema.d.ts is what the server’s OpenAPI produces, byte for byte', async () => {
    expect(await generateApiTypes(), 'web/src/api/schema.d.ts is stale: run `npm run api:types` and commit the file').toBe(readFileSync(API_TYPES_FILE, 'utf8'));
  });
});
