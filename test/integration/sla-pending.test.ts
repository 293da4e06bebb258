import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

// Issue 15: the month-end work in availability is a list — the municipality-months that have ended
// with no published report — so that the home page can name each one, not just link to the reports.
interface Pending {
  tenantId: string;
  tenantName: string;
  month: string;
}

describe.each(BACKENDS)('availability reports waiting to be published on %s', (backend) => {
  let t: TestApp;
  const as = (email: string) => signIn(t.app, email);
  const all = async (query = '') => {
    const operator = await as('operators@rda.lv');
    const items: Pending[] = [];
    for (let path: string | null = `/api/v1/sla-publications/pending?limit=200${query}`; path !== null; ) {
      const page = await operator.get(path);
      expect(page.statusCode, page.body).toBe(200);
      items.push(...page.json().items);
      path = page.json().next;
    }
    return items;
  };

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date('2026-11-02T07:00:00Z') });
  });
  afterAll(() => t.close());

  it('lists every ended month of each municipality that used a service, newest month first', async () => {
    const october = await all('&month=2026-10');
    // Five demo municipalities used services in October; Jelgava starts in 2027.
    expect(october.map((p) => p.tenantName.split(' ')[0]).sort()).toEqual(['Cēsu', 'Ogres', 'Siguldas', 'Talsu', 'Valmieras']);
    const everything = await all();
    // Cēsis and Sigulda from January 2025, Valmiera from March, Ogre from June, Talsi from January 2026.
    expect(everything).toHaveLength(22 + 22 + 20 + 17 + 10);
    expect(everything.map((p) => p.month)).toEqual(everything.map((p) => p.month).sort().reverse());
    expect(everything[0]!.month).toBe('2026-10'); // November has not ended
    expect(everything.filter((p) => p.tenantName.startsWith('Ogres')).at(-1)!.month).toBe('2025-06');
  });

  it('drops a month once it is published', async () => {
    const cesis = (await all('&month=2026-10')).find((p) => p.tenantName.startsWith('Cēsu'))!;
    const published = await (await as('operators@rda.lv')).post(`/api/v1/tenants/${cesis.tenantId}/sla-reports/2026-10/publications`, {});
    expect(published.statusCode, published.body).toBe(201);
    expect((await all('&month=2026-10')).map((p) => p.tenantId)).not.toContain(cesis.tenantId);
    expect((await all('&month=2026-09')).map((p) => p.tenantId)).toContain(cesis.tenantId);
  });

  it('answers agency staff who read reports, not municipalities, and refuses a month that is not one', async () => {
    expect((await (await as('finanses@rda.lv')).get('/api/v1/sla-publications/pending')).statusCode).toBe(200);
    const municipality = await (await as('admin@cesis.lv')).get('/api/v1/sla-publications/pending');
    expect(municipality.statusCode).toBe(403);
    expect(municipality.headers['content-type']).toContain('application/problem+json');
    const bad = await (await as('operators@rda.lv')).get('/api/v1/sla-publications/pending?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('month');
  });
});
