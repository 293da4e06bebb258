import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../src/app/shared/ports.js';
import { migrate, pendingMigrations } from '../../src/db/migrate.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type Client, type TestApp } from '../support/app.js';

const SYSTEM = { role: 'system' as const, tenantId: null };
const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(BACKENDS)('operations on %s', (backend) => {
  let t: TestApp;
  let operator: Client;
  let cesis: string;

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const enqueue = (kind: string, payload: object, runAt: Date, dedupeKey: string | null = null) =>
    t.deps.store.run(SYSTEM, (tx) => t.deps.store.jobs.enqueue(tx, kind, payload, runAt, dedupeKey));
  const claim = (worker: string, limit: number, now = new Date()) => t.deps.store.run(SYSTEM, (tx) => t.deps.store.jobs.claim(tx, worker, now, 300, limit));
  const jobsOf = async (kind: string) =>
    (await t.database.ownerQuery('SELECT payload, status, locked_by, attempts FROM jobs WHERE kind = $1 ORDER BY run_at', [kind])) as { payload: { n: number }; status: string; locked_by: string | null; attempts: number }[];

  beforeAll(async () => {
    t = await startTestApp(backend, { server: { metricsToken: METRICS_TOKEN } });
    operator = await signIn(t.app, 'operators@rda.lv');
    cesis = ((await operator.get('/api/v1/tenants')).json().items as { id: string; name: string }[]).find((x) => x.name.startsWith('Cēsu'))!.id;
  });
  afterAll(() => t.close());

  it('/healthz answers while the process is up', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is ready with no pending migrations, and notices one that is missing', async () => {
    const ready = await get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: true, pendingMigrations: [] });

    const [last] = (await t.database.ownerQuery('DELETE FROM kopa_schema_migrations WHERE version = (SELECT max(version) FROM kopa_schema_migrations) RETURNING *')) as { version: number; name: string; checksum: string }[];
    try {
      const behind = await get('/readyz');
      expect(behind.statusCode).toBe(503);
      expect(behind.json()).toEqual({ status: 'not_ready', reason: 'migrations_pending', database: true, pendingMigrations: [last!.name] });
    } finally {
      await t.database.ownerQuery('INSERT INTO kopa_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [last!.version, last!.name, last!.checksum]);
    }
    expect((await get('/readyz')).statusCode).toBe(200);
  });

  it('/metrics counts requests by route pattern and reports the pool and the job queue', async () => {
    await operator.get(`/api/v1/tenants/${cesis}`);
    await operator.get(`/api/v1/tenants/${cesis}`);
    await operator.get('/api/v1/tenants/not-a-uuid');
    await enqueue('metrics.probe', {}, new Date(Date.now() - 1000));
    const res = await get('/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain('kopa_http_requests_total{method="GET",route="/api/v1/tenants/:id",status="200"} 2');
    expect(text).toContain('kopa_http_requests_total{method="GET",route="/api/v1/tenants/:id",status="404"} 1');
    expect(text).not.toContain(cesis); // ids never become label values
    expect(text).toMatch(/^kopa_http_request_duration_seconds_bucket\{/m);
    expect(text).toMatch(/^kopa_db_pool_connections\{state="total"\} [1-9]\d*$/m);
    expect(text).toMatch(/^kopa_db_pool_connections\{state="waiting"\} 0$/m);
    expect(text).toContain('kopa_jobs{kind="metrics.probe",status="queued"} 1');
  });

  it('/openapi.json describes the API in OpenAPI 3.1', async () => {
    const res = await get('/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/tenants', '/api/v1/tenants/{id}', '/api/v1/tenants/{id}/agreements', '/api/v1/tokens', '/api/v1/tenants/{id}/users', '/api/v1/audit-events']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.paths['/api/v1/tenants'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/v1/tenants'].post.requestBody).toBeDefined();
    expect(doc.components.schemas.Tenant.properties).toHaveProperty('registrationNumber');
    expect(doc.components.schemas.Tenant.properties).toHaveProperty('peppolEndpoint');
    expect(doc.components.schemas).toHaveProperty('Problem');
  });

  it('/docs serves the API documentation as HTML', async () => {
    const res = await get('/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
  });

  it('echoes x-request-id, keeps a plausible caller-supplied one and replaces a bad one', async () => {
    const own = await get('/healthz');
    expect(own.headers['x-request-id']).toMatch(UUID);
    const kept = await get('/healthz', { 'x-request-id': 'req-12345678' });
    expect(kept.headers['x-request-id']).toBe('req-12345678');
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), 'semi;colon-12345']) {
      const replaced = await get('/healthz', { 'x-request-id': bad });
      expect(replaced.headers['x-request-id']).toMatch(UUID);
    }
    const problem = await get('/api/v1/tenants', { 'x-request-id': 'trace-abcdef12' });
    expect(problem.statusCode).toBe(401);
    expect(problem.headers['x-request-id']).toBe('trace-abcdef12');
    expect(problem.json().requestId).toBe('trace-abcdef12');
  });

  it('migrations are idempotent: running them again applies nothing', async () => {
    const ledger = () => t.database.ownerQuery('SELECT version, checksum FROM kopa_schema_migrations ORDER BY version');
    const before = await ledger();
    expect(before.length).toBeGreaterThan(0);
    expect(await migrate(t.database.db.kysely)).toEqual({ applied: [] });
    const twice = await Promise.all([migrate(t.database.db.kysely), migrate(t.database.db.kysely)]);
    expect(twice).toEqual([{ applied: [] }, { applied: [] }]);
    expect(await pendingMigrations(t.database.db.kysely)).toEqual([]);
    expect(await ledger()).toEqual(before);
  });

  it('a dedupe key makes a second enqueue of the same job a no-op', async () => {
    const at = new Date(Date.now() - 1000);
    await enqueue('dedupe.probe', { n: 1 }, at, 'dedupe.probe:2026-11');
    await enqueue('dedupe.probe', { n: 2 }, at, 'dedupe.probe:2026-11');
    expect((await jobsOf('dedupe.probe')).map((j) => j.payload)).toEqual([{ n: 1 }]);
  });

  it('workers claiming at the same time never get the same job', async () => {
    const base = Date.now() - 60_000;
    for (let n = 1; n <= 10; n++) await enqueue('crowd.probe', { n }, new Date(base + n));
    const claims = await Promise.all(['w1', 'w2', 'w3', 'w4', 'w5'].map((w) => claim(w, 3)));
    const mine = claims.flat().filter((j) => j.kind === 'crowd.probe');
    expect(mine.map((j) => (j.payload as { n: number }).n).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await claim('w6', 10)).filter((j) => j.kind === 'crowd.probe')).toEqual([]);
    expect((await jobsOf('crowd.probe')).every((j) => j.status === 'running' && j.attempts === 1)).toBe(true);
  });

  it.runIf(backend === 'postgres')('a job locked by one open transaction is skipped by another (SKIP LOCKED; PostgreSQL only: PGlite runs one transaction at a time)', async () => {
    await t.database.ownerQuery("UPDATE jobs SET status = 'done' WHERE status <> 'done'");
    const base = Date.now() - 60_000;
    await enqueue('skip.probe', { n: 1 }, new Date(base));
    await enqueue('skip.probe', { n: 2 }, new Date(base + 1000));

    let claimedByA!: () => void;
    const aHasClaimed = new Promise<void>((resolve) => (claimedByA = resolve));
    let finishA!: () => void;
    const aMayFinish = new Promise<void>((resolve) => (finishA = resolve));
    const a = t.deps.store.run(SYSTEM, async (tx) => {
      const jobs = await t.deps.store.jobs.claim(tx, 'worker-a', new Date(), 300, 1);
      claimedByA();
      await aMayFinish; // keep the row lock while B polls
      return jobs;
    });
    await aHasClaimed;
    const timeout = new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('worker B waited for worker A instead of skipping')), 5_000));
    let b: JobRecord[];
    try {
      b = await Promise.race([claim('worker-b', 10), timeout]);
    } finally {
      finishA();
    }
    const aJobs = await a;
    expect(aJobs.map((j) => j.payload)).toEqual([{ n: 1 }]);
    expect(b.map((j) => j.payload)).toEqual([{ n: 2 }]);
    expect((await jobsOf('skip.probe')).map((j) => [j.payload.n, j.status, j.locked_by])).toEqual([
      [1, 'running', 'worker-a'],
      [2, 'running', 'worker-b'],
    ]);
  });
});
