import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

// Every route the OpenAPI document lists, fed odd input by an operator and by a municipality's
// admin: whatever comes back is a 2xx/3xx or a 4xx problem — never a 500. The hand-written
// bad-input cases check the messages; this sweep makes sure no route was forgotten.
describe('every route survives odd input', () => {
  let t: TestApp;
  let operator: Client;
  let tenantAdmin: Client;
  let operations: { method: string; path: string }[];
  const realIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp('pglite');
    operator = await signIn(t.app, 'operators@rda.lv');
    tenantAdmin = await signIn(t.app, 'admin@cesis.lv');
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    // Real ids too, so that odd bodies get past the 404 and into validation.
    realIds.push((await tenantAdmin.get('/api/v1/tenants')).json().items[0].id, (await operator.get('/api/v1/services')).json().items[0].id, 'lv', '2026-10');
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m)).map((method) => ({ method: method.toUpperCase(), path })));
  });
  afterAll(() => t.close());

  const oddSegments = ['x', '00000000-0000-4000-8000-000000000000', '..%2F..', '%00', 'ā'.repeat(300), '2026-13', '-1', '1e309'];
  const oddValue = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.constant({ nested: { deeper: [1, 'x'] } }), fc.constant('\u0000'), fc.constant('9'.repeat(400)));
  const oddBody = fc.oneof(fc.constant(undefined), fc.constant([]), fc.dictionary(fc.constantFrom('id', 'name', 'tenantId', 'serviceId', 'results', 'records', 'status', 'month', 'from', 'to', 'amount', 'reason', 'title', 'email', 'role', 'priority', 'token', 'serviceIds', 'language'), oddValue, { maxKeys: 5 }));
  const oddQuery = fc.dictionary(fc.constantFrom('from', 'to', 'month', 'limit', 'cursor', 'format', 'status', 'tenantId', 'days', 'location'), fc.string({ maxLength: 20 }).map(encodeURIComponent), { maxKeys: 3 });

  it('never answers 500', async () => {
    expect(operations.length).toBeGreaterThan(40);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 10_000 }), fc.array(fc.constantFrom(...oddSegments, ...realIds), { minLength: 3, maxLength: 3 }), oddBody, oddQuery, fc.boolean(), async (pick, segments, body, query, asTenant) => {
        const op = operations[pick % operations.length]!;
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => segments[i++ % segments.length]!);
        const qs = Object.entries(query).map(([k, v]) => `${k}=${v}`).join('&');
        const url = `${path}${qs ? `?${qs}` : ''}`;
        const client = asTenant ? tenantAdmin : operator;
        const res = op.method === 'GET' ? await client.get(url) : op.method === 'DELETE' ? await client.delete(url) : op.method === 'PATCH' ? await client.patch(url, body) : op.method === 'PUT' ? await client.put(url, body) : await client.post(url, body);
        const what = `${op.method} ${url} ${JSON.stringify(body)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.headers['content-type'], what).toContain('application/problem+json');
      }),
      { numRuns: 4000, seed: 4242 },
    );
  }, 240_000);
});
