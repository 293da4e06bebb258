import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';
import { exampleOf, operationsOf, type Operation } from '../support/openapi.js';
import { giveTenantOneOfEverything, tenantTables } from '../support/tenant-data.js';

/*
 * Every operation the OpenAPI document lists, derived at run time, so a route added later is
 * covered without editing this file: without credentials each non-public one answers 401, and a
 * municipality calling it with another municipality's real ids gets 404 (or 403 where its role may
 * not use the route at all), never a 2xx and never the other's data.
 */

// Operations open to anyone, each for a reason; the document must say exactly these.
const PUBLIC = [
  'GET /healthz', // load balancer liveness
  'GET /readyz', // load balancer readiness
  'POST /api/v1/session', // signing in
  'POST /api/v1/invitations/accept', // the invitation link's token is the credential
  'GET /api/v1/tickets/satisfaction', // the satisfaction mail's link: its token is the credential
  'POST /api/v1/tickets/satisfaction',
  'GET /api/v1/status', // the public status page
  'GET /api/v1/status/feed.atom', // its Atom feed
  'POST /api/v1/status/subscriptions', // following it by e-mail: always 202, the mailed token confirms
  'POST /api/v1/status/subscriptions/confirm', // the confirmation mail's token is the credential
  'POST /api/v1/status/subscriptions/unsubscribe', // each notice's one-click token is the credential
  'GET /api/v1/incidents',
  'GET /api/v1/incidents/{id}',
  'GET /api/v1/push/{token}', // push monitors: the token in the path is the credential
  'POST /api/v1/push/{token}',
  'GET /api/v1/auth/providers', // single sign-on: which providers fit an e-mail (names only)
  'GET /api/v1/auth/oidc/{providerId}/start', // single sign-on: off to the provider
  'GET /api/v1/auth/oidc/callback', // single sign-on: back from it; the sealed flow cookie and the code are the credential
  'POST /api/v1/auth/oidc/backchannel-logout', // the provider's signed logout token is the credential
];

// Path segments whose ids belong to no municipality, so the "another municipality's ids" sweep has
// nothing to try there (the 401 sweep still covers them). The test checks that each still occurs in
// the API and that no table with a tenant_id column goes by its name.
const NOT_TENANT_OWNED: Record<string, string> = {
  calendars: 'business calendars are shared by every agreement that picks one',
  exceptions: "a shared calendar's dated exceptions; the path names a date",
  services: "the service catalogue is the agency's, shared by every municipality",
  incidents: 'status-page incidents are public',
  'maintenance-windows': "maintenance windows are the agency's, announced to every municipality using the services",
  'cost-pools': "cost pools are the agency's, split over every municipality",
  'billing-runs': 'a billing run covers every municipality; only agency staff see one',
  resources: "the billing catalogue's metered resources are the agency's, priced for every municipality",
};

// Path segments named after a protocol rather than their table.
const ALIASES: Record<string, string> = {
  webauthn: 'passkeys', // /account/mfa/webauthn/{id}: a person's WebAuthn credentials
};

// A month param names a period, not a record: one in which Cēsis has an invoice, a statement and a
// published report (the demo history invoices September and October).
const MONTH = '2026-10';

const signature = (op: Operation) => `${op.method} ${op.path}`;

describe.each(BACKENDS)('every route of /openapi.json on %s', (backend) => {
  let t: TestApp;
  let operations: Operation[];
  let doc: Parameters<typeof operationsOf>[0];
  let tables: string[];
  const ids: Record<'cesis' | 'sigulda', string> = { cesis: '', sigulda: '' };
  let sigulda: Client;

  beforeAll(async () => {
    // With a metrics token, /metrics on the main port is served, to its bearer only.
    t = await startTestApp(backend, { demoHistory: true, now: () => new Date('2026-12-03T10:00:00Z'), server: { metricsToken: 'scrape-token-for-the-isolation-test' } });
    doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    operations = operationsOf(doc);
    ids.cesis = (await giveTenantOneOfEverything(t, 'admin@cesis.lv', MONTH)).tenantId;
    ids.sigulda = (await giveTenantOneOfEverything(t, 'admin@sigulda.lv', MONTH)).tenantId;
    tables = await tenantTables(t);
    sigulda = await signIn(t.app, 'admin@sigulda.lv');
  }, 300_000);
  afterAll(() => t.close());

  /** The table of a collection: its name, or the tenant table whose name ends with it (tokens → api_tokens). */
  const tableOf = (collection: string) => {
    const name = ALIASES[collection] ?? collection.replace(/-/g, '_');
    return tables.find((t) => t === name) ?? tables.find((t) => t.endsWith(`_${name}`)) ?? null;
  };

  /**
   * Real values for an operation's path parameters, owned by `tenant`: the innermost record first,
   * then its parents from its own columns (an attachment's ticket is the attachment's ticket_id).
   * Null when a parameter names something no municipality owns.
   */
  async function pathFor(op: Operation, tenant: 'cesis' | 'sigulda'): Promise<string | null> {
    const values: string[] = new Array(op.params.length);
    let child: Record<string, unknown> | null = null;
    for (let i = op.params.length - 1; i >= 0; i--) {
      const { name, collection } = op.params[i]!;
      if (name === 'month') values[i] = MONTH;
      else if (collection === 'tenants') values[i] = ids[tenant];
      else {
        const table = tableOf(collection);
        if (!table) return null;
        const parentColumn = `${collection.replace(/-/g, '_').replace(/s$/, '')}_id`;
        if (child && parentColumn in child) values[i] = String(child[parentColumn]);
        else {
          const [row] = (await t.database.ownerQuery(`SELECT to_jsonb(x)::text AS row FROM ${table} x WHERE tenant_id = $1 LIMIT 1`, [ids[tenant]])) as { row: string }[];
          expect(row, `${signature(op)}: ${tenant} has no row in ${table}; seed one in test/support/tenant-data.ts`).toBeDefined();
          child = JSON.parse(row!.row) as Record<string, unknown>;
          values[i] = String(child.id);
        }
      }
    }
    let i = 0;
    return op.path.replace(/\{[^}]+\}/g, () => values[i++]!);
  }

  const send = (client: Client | null, op: Operation, path: string): Promise<LightMyRequestResponse> => {
    // Required query parameters: a period where the name says so, otherwise what the schema accepts.
    const query = op.query.map(({ name, schema }) => `${name}=${encodeURIComponent(String(/^(month|months|from|to)$/.test(name) ? MONTH : exampleOf(schema, doc, name)))}`);
    const url = query.length ? `${path}?${query.join('&')}` : path;
    const body = op.bodySchema ? exampleOf(op.bodySchema, doc) : op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
    if (!client) return t.app.inject({ method: op.method, url, ...(body !== undefined && { payload: body as object }) });
    if (op.method === 'GET') return client.get(url);
    if (op.method === 'DELETE') return client.delete(url);
    return op.method === 'POST' ? client.post(url, body) : op.method === 'PUT' ? client.put(url, body) : client.patch(url, body);
  };

  it('the document lists every operation, and exactly the intended ones are public', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((op) => op.isPublic).map(signature).sort()).toEqual([...PUBLIC].sort());
  });

  it('every non-public operation answers 401 problem+json without credentials', async () => {
    const wrong: string[] = [];
    const placeholders: Record<string, string> = { month: MONTH, date: '2026-12-24' };
    for (const op of operations.filter((o) => !o.isPublic)) {
      const url = (await pathFor(op, 'cesis')) ?? op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => placeholders[name] ?? '00000000-0000-4000-8000-000000000000');
      const res = await send(null, op, url);
      if (res.statusCode !== 401 || !String(res.headers['content-type']).includes('application/problem+json')) wrong.push(`${signature(op)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the public operations do not ask for credentials', async () => {
    const asked: string[] = [];
    for (const op of operations.filter((o) => o.isPublic)) {
      // No body: a sign-in with a wrong password would rightly be a 401; an empty one is bad input.
      const res = await t.app.inject({ method: op.method, url: op.path.replace(/\{[^}]+\}/g, 'kopa_push_nonexistent_token_0000000000') });
      if (res.statusCode === 401) asked.push(signature(op));
    }
    expect(asked).toEqual([]);
  });

  it("the list of paths without a municipality's records is still true", () => {
    const used = new Set(operations.flatMap((op) => op.params.map((p) => p.collection)));
    for (const [collection, reason] of Object.entries(NOT_TENANT_OWNED)) {
      expect(used.has(collection), `${collection} (${reason}) no longer occurs in the API: remove it from the list`).toBe(true);
      expect(tableOf(collection), `${collection} has a tenant table (${tableOf(collection)}): its ids are a municipality's`).toBeNull();
    }
  });

  it("Sigulda's admin with Cēsis' real ids: 404 everywhere, or 403 where Sigulda's own ids are refused too — never 2xx, never Cēsis' data", async () => {
    const cesis = ((await t.database.ownerQuery('SELECT name, registration_number FROM tenants WHERE id = $1', [ids.cesis])) as { name: string; registration_number: string }[])[0]!;
    const wrong: string[] = [];
    const tried: string[] = [];
    const validatedFirst: string[] = [];
    for (const op of operations.filter((o) => !o.isPublic && o.params.length > 0)) {
      const foreign = await pathFor(op, 'cesis');
      if (foreign === null) {
        const exempt = op.params.some((p) => p.collection in NOT_TENANT_OWNED);
        expect(exempt, `${signature(op)}: no tenant table found for its ids — name the table after the path, or add the path segment to NOT_TENANT_OWNED with a reason`).toBe(true);
        continue;
      }
      tried.push(signature(op));
      const res = await send(sigulda, op, foreign);
      const leaked = res.body.includes(cesis.name) || res.body.includes(cesis.registration_number);
      if (leaked) wrong.push(`${signature(op)} → ${res.statusCode} with Cēsis' data`);
      else if (res.statusCode === 404) continue;
      else if (res.statusCode === 403) {
        // A refusal by role is the same for Sigulda's own records; one that differs says Cēsis' record exists.
        const own = await send(sigulda, op, (await pathFor(op, 'sigulda'))!);
        if (own.statusCode !== 403) wrong.push(`${signature(op)} → 403 for Cēsis' ids but ${own.statusCode} for Sigulda's own`);
      } else if (res.statusCode === 400) {
        // Refused as bad input before any lookup: fine only if a record that does not exist gets the very same answer.
        const none = await send(sigulda, op, op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === 'month' ? MONTH : '00000000-0000-4000-8000-000000000000')));
        const problem = (r: LightMyRequestResponse) => JSON.stringify({ status: r.statusCode, detail: r.json().detail, errors: r.json().errors });
        if (problem(none) !== problem(res)) wrong.push(`${signature(op)} → 400 for Cēsis' ids (${res.body.slice(0, 200)}) but ${none.statusCode} for ids that do not exist`);
        else validatedFirst.push(signature(op));
      } else wrong.push(`${signature(op)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    // Most routes get as far as the question of access; the few that refuse the generated input first are named here.
    expect(validatedFirst.length, validatedFirst.join(', ')).toBeLessThanOrEqual(3);
    // The sweep really ran: every route with a municipality's id in its path was tried.
    expect(tried.length).toBeGreaterThanOrEqual(40);
    expect(tried).toEqual(expect.arrayContaining(['GET /api/v1/tickets/{id}/attachments/{attachmentId}', 'GET /api/v1/invoices/{id}/pdf', 'GET /api/v1/monitors/{id}', 'POST /api/v1/sla-exclusions/{id}/withdraw']));
  });
});
