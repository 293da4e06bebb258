import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteUser } from '../../src/app/identity/invite-user.js';
import { alertOperators } from '../../src/app/shared/alert-operators.js';
import { receiveMail } from '../../src/app/desk/receive-mail.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// Every list answers one contract (docs/adr/0008-one-paging-contract.md): limit 1..200 (default 50),
// an opaque cursor, {items, next, nextCursor} and a Link header. Walked with small pages, each list
// must give the same items in the same order as walked with large ones: no gaps, no repeats.

const NOW = new Date('2026-11-24T08:00:00Z');
type Item = Record<string, unknown>;
interface PageBody {
  items: Item[];
  next: string | null;
  nextCursor: string | null;
}

/** What identifies an item of a list (most have an id). */
const identity = (item: Item) => String(item.id ?? item.monitorId ?? item.code ?? JSON.stringify([item.tenantId, item.provider, item.resource, item.month]));

/** Collections bounded by their own parameters, not lists of records: they answer whole (see the ADR). */
const BOUNDED = new Set([
  'GET /api/v1/calendars/{id}/days',
  'GET /api/v1/tenants/{id}/statements',
  'GET /api/v1/tenants/{id}/usage',
  // The providers offered for one e-mail domain (a handful at most), answered as the contract says.
  'GET /api/v1/auth/providers',
]);

describe.each(BACKENDS)('paging of every list on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let cesis: string;
  let sigulda: string;
  let ticketId: string;
  const lists: string[] = [];

  /** Follows `next` to the end, checking each page against the contract. */
  async function walk(client: Client, url: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let path: string | null = `${url}${url.includes('?') ? '&' : '?'}limit=${limit}`;
    for (let pages = 0; path !== null; pages++) {
      expect(pages, `${url} does not end`).toBeLessThan(500);
      const res = await client.get(path);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      const body = res.json() as PageBody;
      expect(Object.keys(body).sort()).toEqual(['items', 'next', 'nextCursor']);
      expect(body.items.length).toBeLessThanOrEqual(limit);
      // `next` promised more: a page reached by it is never empty.
      if (pages > 0) expect(body.items.length, `${path} is an empty page`).toBeGreaterThan(0);
      if (body.next !== null) {
        // A page that is not the last is full, and says where the next one is, twice.
        expect(body.items).toHaveLength(limit);
        expect(res.headers.link).toBe(`<${body.next}>; rel="next"`);
        expect(body.next.startsWith(url.split('?')[0]!)).toBe(true);
        expect(new URL(body.next, 'http://x').searchParams.get('cursor')).toBe(body.nextCursor);
      } else {
        expect(body.nextCursor).toBeNull();
        expect(res.headers.link).toBeUndefined();
      }
      ids.push(...body.items.map(identity));
      path = body.next;
    }
    return ids;
  }

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => NOW });
    operator = await signIn(t.app, 'operators@rda.lv');
    const tenants = (await operator.get('/api/v1/tenants?limit=200')).json().items as { id: string; name: string }[];
    cesis = tenants.find((x) => x.name.startsWith('Cēsu'))!.id;
    sigulda = tenants.find((x) => x.name.startsWith('Siguldas'))!.id;
    const services = (await operator.get('/api/v1/services')).json().items as { id: string; code: string }[];
    const dvs = services.find((s) => s.code === 'DVS')!.id;
    // Enough of each kind that small pages have to turn.
    for (let i = 1; i <= 5; i++) {
      for (const tenantId of [cesis, sigulda]) {
        const opened = await operator.post('/api/v1/tickets', { tenantId, priority: i === 1 ? 'P1' : 'P3', subject: `Pieteikums ${i}`, description: 'Apraksts' });
        expect(opened.statusCode, opened.body).toBe(201);
        if (tenantId === cesis && i === 1) ticketId = opened.json().id;
      }
      expect((await operator.post('/api/v1/monitors', { serviceId: dvs, name: `DVS ${i % 2 === 0 ? 'Ā' : 'a'}${i}`, type: 'http', target: `https://dvs${i}.example.lv/`, intervalSeconds: 60, active: i !== 3 })).statusCode).toBe(201);
      expect((await operator.post('/api/v1/tokens', { name: `robots ${i}`, role: 'auditor' })).statusCode).toBe(201);
      expect((await operator.post('/api/v1/maintenance-windows', { serviceIds: [dvs], startsAt: `2026-12-0${i}T20:00:00Z`, endsAt: `2026-12-0${i}T22:00:00Z`, title: `Darbi ${i}` })).statusCode).toBe(201);
      expect((await operator.post('/api/v1/incidents', { title: `Traucējums ${i}`, impact: 'minor', serviceIds: [dvs], message: 'Pārbaudām.' })).statusCode).toBe(201);
      expect((await operator.post('/api/v1/cost-pools', { month: '2026-10', amount: `${i}00.00`, currency: 'EUR', description: `Izmaksas ${i}` })).statusCode).toBe(201);
      expect((await operator.post(`/api/v1/tickets/${ticketId}/comments`, { body: `Komentārs ${i}` })).statusCode).toBe(201);
      const provider = { name: `Konts ${i % 2 === 0 ? 'Ā' : 'a'}`, issuer: `https://sso${i}.example.lv`, clientId: 'kopa', clientSecret: 'noslēpums', tenantId: i % 2 === 0 ? cesis : null, emailDomains: ['example.lv'], ...(i % 2 === 1 && { defaultRole: 'desk_agent' }) };
      expect((await operator.post('/api/v1/identity-providers', provider)).statusCode).toBe(201);
      expect((await operator.post('/api/v1/sla-exclusions', { serviceId: dvs, startsAt: `2026-11-0${i}T10:00:00Z`, endsAt: `2026-11-0${i}T11:00:00Z`, reason: `Zondes kļūda ${i}` })).statusCode).toBe(201);
    }
    // The operator's own sessions: a few more sign-ins, so that small pages turn there too.
    for (let i = 0; i < 3; i++) await signIn(t.app, 'operators@rda.lv');
    // Invitations go out by e-mail; this app has no mail server, so the use case gets mail settings.
    const mail = { ...t.deps, notifications: { mailEnabled: true, webhooks: [], publicUrl: 'https://kopa.example.lv' } };
    for (let i = 1; i <= 3; i++) await inviteUser(mail, systemActor('test'), cesis, { email: `uzaicinats${i}@cesis.lv`, name: `Uzaicināts ${i}`, role: 'tenant_user' });
    // Notices in the outbox: an e-mail per operator and a webhook for each of a few alerts.
    const alerts = { ...t.deps, notifications: { mailEnabled: true, webhooks: [{ url: 'https://hooks.example.lv/kopa', secret: 'paging-webhook-secret' }], publicUrl: null } };
    for (let i = 1; i <= 3; i++) {
      await t.deps.store.run({ role: 'system', tenantId: null }, (tx) => alertOperators(alerts, tx, { event: 'paging.test', key: `paging:${i}`, subject: `Brīdinājums ${i}`, lines: [`Brīdinājums ${i}`], body: { i }, at: NOW }));
    }
    // Mail received at the desk from strangers: quarantined, all at the same instant (the id breaks the tie).
    for (let i = 1; i <= 4; i++) {
      const raw = new TextEncoder().encode(`mail ${i}`);
      await receiveMail(t.deps, { deskAddress: 'atbalsts@kopa.rda.lv', ownAddresses: [] }, { messageId: `<paging.${i}@example.com>`, envelopeFrom: 'x@example.com', recipients: ['atbalsts@kopa.rda.lv'], from: 'x@example.com', subject: `Vēstule ${i}`, text: 'Teksts', headers: new Map(), contentType: 'text/plain', references: [], attachments: [], raw });
    }
    const people = (await operator.get('/api/v1/users?limit=200')).json().items as { id: string; email: string }[];
    const operatorId = people.find((p) => p.email === 'operators@rda.lv')!.id;
    // Watchers of the ticket: the operator and Cēsis' people, so that its watcher list pages too.
    for (const person of people.filter((p) => p.email === 'operators@rda.lv' || p.email.endsWith('@cesis.lv')).slice(0, 4)) {
      expect((await operator.post(`/api/v1/tickets/${ticketId}/watchers`, { userId: person.id })).statusCode).toBe(200);
    }
    lists.push(
      '/api/v1/account/sessions',
      '/api/v1/account/identities',
      `/api/v1/users/${operatorId}/identities`,
      `/api/v1/tenants/${cesis}/invitations`,
      '/api/v1/tenants',
      `/api/v1/tenants/${cesis}/agreements`,
      `/api/v1/tenants/${cesis}/users`,
      '/api/v1/users',
      '/api/v1/tokens',
      '/api/v1/identity-providers',
      '/api/v1/audit-events',
      '/api/v1/audit-events?entityType=ticket',
      '/api/v1/outbox',
      '/api/v1/outbox?channel=email&status=queued',
      '/api/v1/inbound-mail',
      '/api/v1/inbound-mail?status=quarantined',
      '/api/v1/calendars',
      '/api/v1/services',
      `/api/v1/tenants/${cesis}/subscriptions`,
      '/api/v1/monitors',
      '/api/v1/monitors?sort=state',
      '/api/v1/monitors?state=unknown,paused&sort=name',
      '/api/v1/monitors?q=dvs',
      '/api/v1/monitors/health',
      '/api/v1/monitors/latency',
      '/api/v1/maintenance-windows',
      '/api/v1/sla-exclusions',
      '/api/v1/incidents',
      '/api/v1/tickets',
      '/api/v1/tickets?status=open&priority=P3',
      '/api/v1/tickets?sort=oldest',
      '/api/v1/tickets?sort=updated',
      '/api/v1/tickets?sort=deadline',
      '/api/v1/tickets?sort=priority',
      '/api/v1/tickets?q=apraksts&sort=priority',
      '/api/v1/tickets/assignees',
      `/api/v1/tickets/${ticketId}/timeline`,
      `/api/v1/tickets/${ticketId}/attachments`,
      `/api/v1/tickets/${ticketId}/watchers`,
      `/api/v1/tickets/${ticketId}/watcher-candidates`,
      '/api/v1/providers',
      '/api/v1/resources',
      '/api/v1/tariffs',
      '/api/v1/cost-pools',
      '/api/v1/billing-runs',
      '/api/v1/invoices',
      `/api/v1/tenants/${cesis}/invoices`,
      '/api/v1/usage?month=2026-10',
      `/api/v1/tenants/${cesis}/sla-reports/2026-10/publications`,
      '/api/v1/sla-publications/pending',
      '/api/v1/sla-publications/pending?month=2026-10',
    );
  });
  afterAll(() => t.close());

  it('walks every list in small pages to the same items, in the same order, as in one large page', async () => {
    for (const url of lists) {
      const whole = await walk(operator, url, 200);
      expect(new Set(whole).size, `${url} repeats an item`).toBe(whole.length);
      for (const limit of [1, 2, 3]) expect(await walk(operator, url, limit), `${url} at limit ${limit}`).toEqual(whole);
      // Without a limit a page holds 50.
      const first = (await operator.get(url)).json() as PageBody;
      expect(first.items.map(identity)).toEqual(whole.slice(0, 50));
    }
  });

  it('holds every row of the tables behind the lists an operator sees whole', async () => {
    const count = async (table: string) => ((await t.database.ownerQuery(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]!.n;
    const expected: [string, string][] = [
      ['/api/v1/tenants', 'tenants'],
      ['/api/v1/users', 'users'],
      ['/api/v1/tokens', 'api_tokens'],
      ['/api/v1/audit-events', 'audit_events'],
      ['/api/v1/outbox', 'outbox'],
      ['/api/v1/inbound-mail', 'inbound_mail'],
      ['/api/v1/monitors', 'monitors'],
      ['/api/v1/monitors?sort=state', 'monitors'],
      ['/api/v1/tickets', 'tickets'],
      ['/api/v1/tickets?sort=updated', 'tickets'],
      ['/api/v1/tickets?sort=deadline', 'tickets'],
      ['/api/v1/tickets?sort=priority', 'tickets'],
      ['/api/v1/services', 'services'],
      ['/api/v1/incidents', 'incidents'],
      ['/api/v1/cost-pools', 'cost_pools'],
      [`/api/v1/tickets/${ticketId}/timeline`, `ticket_events WHERE ticket_id = '${ticketId}'`],
    ];
    for (const [url, table] of expected) expect((await walk(operator, url, 2)).length, url).toBe(await count(table));
  });

  it('has no list outside the contract: every GET that answers an array is a bounded collection', async () => {
    const spec = (await operator.get('/openapi.json')).json() as { paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, { schema?: { type?: string; properties?: Record<string, unknown> } }> }> } }> };
    const bare: string[] = [];
    const paged: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      const schema = item.get?.responses?.['200']?.content?.['application/json']?.schema;
      if (schema?.type === 'array') bare.push(`GET ${path}`);
      if (schema?.properties?.items && schema.properties.next) paged.push(path);
    }
    expect(bare.filter((route) => !BOUNDED.has(route))).toEqual([]);
    // Every paged list is walked above (ids in the walked URLs stand for the path parameters).
    const walked = lists.map((url) => url.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}').replace(/\/\d{4}-\d{2}\//, '/{month}/'));
    for (const path of paged) expect(walked, path).toContain(path);
  });

  it('refuses a limit outside 1..200 and a cursor it did not give, naming the field, never a 500', async () => {
    const fieldOf = async (url: string) => {
      const res = await operator.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field);
    };
    const otherList = Buffer.from(JSON.stringify(['tokens', '2026-11-24T08:00:00.000Z', '00000000-0000-0000-0000-000000000000'])).toString('base64url');
    const wrongTypes = (list: string, n: number) => Buffer.from(JSON.stringify([list, ...Array.from({ length: n }, () => ({ $ne: 1 }))])).toString('base64url');
    for (const url of lists) {
      const sep = url.includes('?') ? '&' : '?';
      expect(await fieldOf(`${url}${sep}limit=201`)).toEqual(['limit']);
      expect(await fieldOf(`${url}${sep}limit=0`)).toEqual(['limit']);
      expect(await fieldOf(`${url}${sep}limit=ten`)).toEqual(['limit']);
      expect(await fieldOf(`${url}${sep}cursor=not*base64`)).toEqual(['cursor']);
      expect(await fieldOf(`${url}${sep}cursor=bm90IGpzb24`)).toEqual(['cursor']); // "not json"
      if (!url.startsWith('/api/v1/tokens')) expect(await fieldOf(`${url}${sep}cursor=${otherList}`)).toEqual(['cursor']);
      // A real cursor of this list, edited: a key of the wrong kind, or one part too many.
      const real = (await operator.get(`${url}${sep}limit=1`)).json() as PageBody;
      if (real.nextCursor === null) continue;
      const key = JSON.parse(Buffer.from(real.nextCursor, 'base64url').toString()) as unknown[];
      expect(await fieldOf(`${url}${sep}cursor=${wrongTypes(String(key[0]), key.length - 1)}`)).toEqual(['cursor']);
      expect(await fieldOf(`${url}${sep}cursor=${Buffer.from(JSON.stringify([...key, 'x'])).toString('base64url')}`)).toEqual(['cursor']);
      const bad = key.map((part, i) => (i === 0 ? part : typeof part === 'number' ? 'x' : 12));
      expect(await fieldOf(`${url}${sep}cursor=${Buffer.from(JSON.stringify(bad)).toString('base64url')}`)).toEqual(['cursor']);
    }
  });

  it('keeps municipalities apart through paging: a cursor from one shows another only its own', async () => {
    const cesisAdmin = await signIn(t.app, 'admin@cesis.lv');
    const siguldaAdmin = await signIn(t.app, 'admin@sigulda.lv');
    for (const url of ['/api/v1/tickets', '/api/v1/audit-events', '/api/v1/tenants', '/api/v1/users', '/api/v1/tokens', '/api/v1/monitors']) {
      const theirs = (await cesisAdmin.get(`${url}?limit=1`)).json() as PageBody;
      if (theirs.nextCursor === null) continue;
      const own = new Set(await walk(siguldaAdmin, url, 200));
      const res = await siguldaAdmin.get(`${url}?cursor=${theirs.nextCursor}&limit=200`);
      expect(res.statusCode).toBe(200);
      const seen = (res.json() as PageBody).items.map(identity);
      for (const id of seen) expect(own.has(id), `${url} showed ${id}`).toBe(true);
      for (const item of (res.json() as PageBody).items) if ('tenantId' in item && item.tenantId !== null) expect(item.tenantId).toBe(sigulda);
    }
    // The counts of the monitors list count only the monitors the municipality sees.
    for (const admin of [cesisAdmin, siguldaAdmin]) {
      const counts = (await admin.get('/api/v1/monitors/counts')).json() as Record<string, number>;
      expect(counts.total).toBe((await walk(admin, '/api/v1/monitors', 200)).length);
    }
    // Another municipality's ticket stays not found, whatever the cursor.
    const timeline = (await operator.get(`/api/v1/tickets/${ticketId}/timeline?limit=1`)).json() as PageBody;
    expect((await siguldaAdmin.get(`/api/v1/tickets/${ticketId}/timeline?cursor=${timeline.nextCursor}`)).statusCode).toBe(404);
  });

  it('filters and sorts the monitors list on the server', async () => {
    const names = async (query: string) => ((await operator.get(`/api/v1/monitors?${query}&limit=200`)).json() as PageBody).items.map((m) => m.name);
    expect(await names('q=dvs2')).toEqual(['DVS Ā2']);
    expect(await names('q=dvs3.example')).toEqual(['DVS a3']);
    expect(await names('state=paused')).toEqual(['DVS a3']);
    const byState = ((await operator.get('/api/v1/monitors?sort=state&limit=200')).json() as PageBody).items.map((m) => (m.active ? (m.health as { state: string }).state : 'paused'));
    const rank = ['down', 'unknown', 'up', 'paused'];
    expect(byState.map((s) => rank.indexOf(s))).toEqual([...byState.map((s) => rank.indexOf(s))].sort((a, b) => a - b));
    expect(byState.at(-1)).toBe('paused');
    const counts = (await operator.get('/api/v1/monitors/counts')).json() as Record<string, number>;
    expect(counts.paused).toBe(1);
    expect(counts.total).toBe((await walk(operator, '/api/v1/monitors', 200)).length);
    expect((await operator.get('/api/v1/monitors?state=sideways')).statusCode).toBe(400);
    expect((await operator.get('/api/v1/monitors?sort=colour')).statusCode).toBe(400);
  });

  it('filters tickets by priority, assignee and text on the server', async () => {
    const subjects = async (query: string) => ((await operator.get(`/api/v1/tickets?${query}&limit=200`)).json() as PageBody).items.map((x) => `${x.subject}/${x.priority}`);
    expect(await subjects('priority=P1')).toEqual(['Pieteikums 1/P1', 'Pieteikums 1/P1']);
    expect(await subjects(`priority=P1&tenantId=${cesis}`)).toEqual(['Pieteikums 1/P1']);
    expect(await subjects('q=ieteikums 4')).toEqual(['Pieteikums 4/P3', 'Pieteikums 4/P3']);
    expect(await subjects('q=%25')).toEqual([]); // a literal %, not a wildcard
    const number = ((await operator.get(`/api/v1/tickets/${ticketId}`)).json() as { number: string }).number;
    const byNumber = ((await operator.get(`/api/v1/tickets?q=${number}&limit=200`)).json() as PageBody).items.map((x) => x.id);
    expect(byNumber).toContain(ticketId);
    const agent = ((await operator.get('/api/v1/tickets/assignees')).json() as PageBody).items.find((a) => a.role === 'desk_agent')!;
    expect((await operator.post(`/api/v1/tickets/${ticketId}/assignee`, { assigneeId: agent.id })).statusCode).toBe(200);
    expect(await subjects(`assigneeId=${agent.id}`)).toEqual(['Pieteikums 1/P1']);
    expect((await operator.get('/api/v1/tickets?priority=P9')).statusCode).toBe(400);
  });
});
