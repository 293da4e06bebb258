import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/app/municipalities/create-tenant.js';
import { verifyAuditChain } from '../../src/app/audit/verify-audit-chain.js';
import { systemActor } from '../../src/domain/actor.js';
import { completeRegistrationNumber } from '../../src/domain/registration-number.js';
import { BACKENDS } from '../support/database.js';
import { kopaCommand } from '../support/kopa-command.js';
import { DEMO_PASSWORD, signIn, startTestApp, type TestApp } from '../support/app.js';

const HOUR = 3_600_000;

interface Event { seq: string; action: string; entityType: string; entityId: string | null; tenantId: string | null; actorId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }

function kopa(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const base = { ...process.env, LOG_LEVEL: 'silent' } as Record<string, string | undefined>;
  delete base.DATABASE_URL;
  delete base.KOPA_DATA_DIR;
  return new Promise((resolve) => {
    execFile(process.execPath, kopaCommand(...args), { env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 }, (error, out, err) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out, err });
    });
  });
}

describe.each(BACKENDS)('audit log on %s', (backend) => {
  let t: TestApp;
  let clock = new Date();
  let headers: Record<string, string>;
  let operatorId: string;
  let cesis: string;
  let newTenant: string;

  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, extra: Record<string, string> = {}) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload && { payload }) });
  const eventCount = async () => ((await t.database.ownerQuery('SELECT count(*)::int AS n FROM audit_events')) as { n: number }[])[0]!.n;
  const events = async (query: string) => {
    const res = await api('GET', `/audit-events?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Event[]; nextCursor: string | null };
  };
  /** Runs a mutation and returns the one event it wrote (failing if it wrote another number). */
  const onlyEventOf = async (mutation: () => Promise<{ statusCode: number }>, status: number) => {
    const before = await eventCount();
    expect((await mutation()).statusCode).toBe(status);
    expect(await eventCount()).toBe(before + 1);
    return (await events('limit=1')).items[0]!;
  };

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => clock });
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'operators@rda.lv', password: DEMO_PASSWORD } });
    headers = { cookie: `kopa_session=${login.cookies.find((c) => c.name === 'kopa_session')!.value}`, 'x-csrf-token': login.json().csrfToken };
    operatorId = login.json().user.id;
    cesis = ((await api('GET', '/tenants')).json().items as { id: string; name: string }[]).find((x) => x.name.startsWith('Cēsu'))!.id;
  });
  afterAll(() => t.close());

  it('creating a municipality writes one tenant.created event with who, where and which request', async () => {
    const registrationNumber = completeRegistrationNumber('9000008888')!;
    let res!: Awaited<ReturnType<typeof api>>;
    const event = await onlyEventOf(async () => (res = await api('POST', '/tenants', { name: 'Ādažu novada pašvaldība', registrationNumber })), 201);
    newTenant = res.json().id;
    expect(event).toMatchObject({ action: 'tenant.created', entityType: 'tenant', entityId: newTenant, tenantId: newTenant, actorKind: 'user', actorId: operatorId, actorLabel: 'operators@rda.lv', before: null, clientAddress: '127.0.0.1' });
    expect(event.after).toMatchObject({ name: 'Ādažu novada pašvaldība', registrationNumber, status: 'onboarding' });
    expect(res.headers['x-request-id']).toBeTruthy();
    expect((event as unknown as { requestId: string }).requestId).toBe(res.headers['x-request-id']);
  });

  it("keeps the caller's request id and records before and after of an update", async () => {
    const event = await onlyEventOf(() => api('PATCH', `/tenants/${newTenant}`, { name: 'Ādažu novads', email: 'dome@adazi.lv' }, { 'x-request-id': 'req-12345678' }), 200);
    expect(event).toMatchObject({ action: 'tenant.updated', entityId: newTenant, requestId: 'req-12345678' });
    expect(event.before).toMatchObject({ name: 'Ādažu novada pašvaldība', email: null });
    expect(event.after).toMatchObject({ name: 'Ādažu novads', email: 'dome@adazi.lv' });
  });

  it('every other kind of mutation writes exactly one event', async () => {
    const agreement = await onlyEventOf(() => api('POST', `/tenants/${newTenant}/agreements`, { number: 'RDA-SL-2027/05', signedOn: '2026-12-01', effectiveFrom: '2027-01-01' }), 201);
    expect(agreement).toMatchObject({ action: 'agreement.created', entityType: 'agreement', tenantId: newTenant });
    const versioned = await onlyEventOf(() => api('PATCH', `/tenants/${newTenant}/agreements/${agreement.entityId}`, { availabilityTargetPercent: 99 }), 200);
    expect(versioned).toMatchObject({ action: 'agreement.versioned', before: { version: 1, availabilityTargetPercent: 97 }, after: { version: 2, availabilityTargetPercent: 99 } });
    const user = await onlyEventOf(() => api('POST', `/tenants/${newTenant}/users`, { email: 'it@adazi.lv', name: 'Inga Tīkla', role: 'tenant_admin', password: 'a-long-enough-passphrase' }), 201);
    expect(user).toMatchObject({ action: 'user.created', tenantId: newTenant, after: { email: 'it@adazi.lv' } });
    expect(JSON.stringify(user)).not.toMatch(/passwordHash|a-long-enough-passphrase/);
    expect(await onlyEventOf(() => api('PATCH', `/users/${user.entityId}`, { name: 'Inga Tīklone' }), 200)).toMatchObject({ action: 'user.updated', before: { name: 'Inga Tīkla' }, after: { name: 'Inga Tīklone' } });
    const token = await onlyEventOf(() => api('POST', '/tokens', { name: 'Ādaži sync', role: 'tenant_admin', tenantId: newTenant }), 201);
    expect(token).toMatchObject({ action: 'token.created', entityType: 'api_token', tenantId: newTenant });
    expect(await onlyEventOf(() => api('DELETE', `/tokens/${token.entityId}`), 200)).toMatchObject({ action: 'token.revoked', entityId: token.entityId });
    expect(await onlyEventOf(() => api('PATCH', '/session', { locale: 'en' }), 200)).toMatchObject({ action: 'user.locale_changed', actorId: operatorId });
  });

  it('a rejected mutation writes no event', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const before = await eventCount();
    const rejected = [
      await api('POST', '/tenants', { name: 'X', registrationNumber: '123' }),
      await api('POST', '/tenants', { name: 'Cēsis again', registrationNumber: '90000031828' }),
      await api('PATCH', '/tenants/00000000-0000-4000-8000-000000000000', { name: 'Nobody' }),
      await api('PATCH', `/tenants/${cesis}`, { status: 'onboarding' }),
      await admin.patch(`/api/v1/tenants/${cesis}`, { name: 'Cēsis by its admin' }),
      await api('POST', '/tokens', { name: 'x', role: 'operator', expiresAt: '2020-01-01T00:00:00Z' }),
    ];
    expect(rejected.map((r) => r.statusCode)).toEqual([400, 409, 404, 400, 403, 400]);
    expect(await eventCount()).toBe(before);
  });

  it('pages newest first with a cursor, without overlap', async () => {
    for (const name of ['Page One', 'Page Two', 'Page Three', 'Page Four']) expect((await api('PATCH', `/tenants/${newTenant}`, { name })).statusCode).toBe(200);
    const first = await events('limit=2');
    expect(first.items.map((e) => e.after?.name)).toEqual(['Page Four', 'Page Three']);
    expect(first.nextCursor).not.toBeNull();
    const second = await events(`limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.after?.name)).toEqual(['Page Two', 'Page One']);
    expect(BigInt(second.items[0]!.seq)).toBe(BigInt(first.items[1]!.seq) - 1n);

    // Walked to the end, the pages hold every event once, down to the first, and then stop.
    const total = await eventCount();
    const seqs: string[] = [];
    for (let page = await events('limit=200'); ; page = await events(`limit=200&cursor=${page.nextCursor}`)) {
      seqs.push(...page.items.map((e) => e.seq));
      if (page.nextCursor === null) break;
    }
    expect(seqs).toHaveLength(total);
    expect(new Set(seqs).size).toBe(total);
    expect(seqs.at(-1)).toBe('1');
  });

  it('filters by action, entity type, actor and time', async () => {
    const created = (await events('action=tenant.created&limit=200')).items;
    expect(created).toHaveLength(7); // six demo municipalities and Ādaži
    expect(new Set(created.map((e) => e.action))).toEqual(new Set(['tenant.created']));
    const agreements = (await events('entityType=agreement&limit=200')).items;
    expect(agreements).toHaveLength(8); // six demo agreements, then Ādaži's created and versioned
    expect(new Set(agreements.map((e) => e.entityType))).toEqual(new Set(['agreement']));
    const mine = (await events(`actorId=${operatorId}&limit=200`)).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((e) => e.actorId))).toEqual(new Set([operatorId]));

    const marks: Date[] = [];
    for (const name of ['Morning', 'Noon', 'Evening']) {
      advance(HOUR);
      marks.push(clock);
      expect((await api('PATCH', `/tenants/${newTenant}`, { name })).statusCode).toBe(200);
    }
    const at = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000).toISOString();
    const names = async (q: string) => (await events(`entityId=${newTenant}&action=tenant.updated&${q}`)).items.map((e) => e.after?.name);
    expect(await names(`from=${at(marks[1]!, -30)}&to=${at(marks[1]!, 30)}`)).toEqual(['Noon']);
    expect(await names(`from=${marks[1]!.toISOString()}`)).toEqual(['Evening', 'Noon']); // from is inclusive
    expect(await names(`from=${at(marks[0]!, -1)}&to=${marks[2]!.toISOString()}`)).toEqual(['Noon', 'Morning']); // to is exclusive
  });

  it("a municipality admin reads only their municipality's events", async () => {
    expect((await api('PATCH', `/tenants/${cesis}`, { email: 'dome@cesis.lv' })).statusCode).toBe(200);
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const items = (await admin.get('/api/v1/audit-events?limit=200')).json().items as Event[];
    expect(items.some((e) => e.action === 'tenant.updated' && e.entityId === cesis)).toBe(true);
    expect(items.filter((e) => e.tenantId !== cesis)).toEqual([]);
    expect((await admin.post('/api/v1/audit-events/verify')).statusCode).toBe(403);
  });

  it('finds an edit to any stored column of an event, each column in turn (columns read from the catalogue)', async () => {
    // The chain's own bookkeeping is the only part of a row that is not hashed.
    const columns = (await t.database.ownerQuery(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'audit_events' AND column_name NOT IN ('seq', 'prev_hash', 'hash') ORDER BY ordinal_position",
    )) as { column_name: string; data_type: string }[];
    expect(columns.map((c) => c.column_name).sort()).toEqual(['action', 'actor_id', 'actor_kind', 'actor_label', 'after', 'at', 'before', 'client_address', 'entity_id', 'entity_type', 'id', 'request_id', 'tenant_id'].sort());
    // An event with every column filled: the update with a caller's request id.
    const [target] = (await events(`action=tenant.updated&entityId=${newTenant}&limit=200`)).items.filter((e) => (e as unknown as { requestId: string }).requestId === 'req-12345678');
    const seq = target!.seq;
    const [original] = (await t.database.ownerQuery(`SELECT to_jsonb(a)::text AS row FROM audit_events a WHERE seq = ${seq}`)) as { row: string }[];
    for (const column of Object.values(JSON.parse(original!.row))) expect(column).not.toBeNull();
    const edit: Record<string, (c: string) => string> = {
      uuid: () => 'gen_random_uuid()',
      text: (c) => `${c} || '~'`,
      jsonb: (c) => `${c} || '{"forged": true}'::jsonb`,
      'timestamp with time zone': (c) => `${c} + interval '1 millisecond'`,
    };
    for (const { column_name: column, data_type: type } of columns) {
      expect(edit[type], `no edit for a ${type} column`).toBeDefined();
      // actor_kind is constrained to a few words: another valid one is the edit.
      const change = column === 'actor_kind' ? `CASE WHEN actor_kind = 'user' THEN 'token' ELSE 'user' END` : edit[type]!(column);
      await t.database.ownerQuery(`UPDATE audit_events SET ${column} = ${change} WHERE seq = ${seq}`);
      expect(await verifyAuditChain(t.deps), column).toMatchObject({ ok: false, problems: [{ seq, problem: 'hash_mismatch' }] });
      await t.database.ownerQuery(`UPDATE audit_events a SET ${column} = (jsonb_populate_record(NULL::audit_events, $1::jsonb)).${column} WHERE seq = ${seq}`, [original!.row]);
      expect(await verifyAuditChain(t.deps), `${column} restored`).toMatchObject({ ok: true, problems: [] });
    }
  });

  it('verifies the chain, then finds an edited event by its sequence number', async () => {
    const auditor = await signIn(t.app, 'auditors@rda.lv');
    const intact = await auditor.post('/api/v1/audit-events/verify');
    expect(intact.statusCode).toBe(200);
    expect(intact.json()).toMatchObject({ ok: true, problems: [], checked: await eventCount() });

    const [target] = (await events(`action=tenant.created&entityId=${newTenant}`)).items;
    await t.database.ownerQuery(`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"Forged"') WHERE seq = ${target!.seq}`);
    const broken = (await auditor.post('/api/v1/audit-events/verify')).json();
    expect(broken.ok).toBe(false);
    expect(broken.problems).toEqual([{ seq: target!.seq, problem: 'hash_mismatch' }]);
  });

  describe('deleting events on a fresh database', () => {
    /** A fresh app with five chained events (seq 1–5), for destructive tests. */
    const chainOfFive = async () => {
      const fresh = await startTestApp(backend, { demo: false });
      for (const n of ['1111', '2222', '3333', '4444', '6666']) {
        await createTenant(fresh.deps, systemActor('test'), { name: `Novads ${n}`, registrationNumber: completeRegistrationNumber(`900001${n}`)! });
      }
      expect(await verifyAuditChain(fresh.deps)).toEqual({ ok: true, checked: 5, problems: [] });
      return fresh;
    };

    it('a deleted middle event shows as a gap and a broken link', async () => {
      const fresh = await chainOfFive();
      try {
        await fresh.database.ownerQuery('DELETE FROM audit_events WHERE seq = 3');
        expect(await verifyAuditChain(fresh.deps)).toEqual({ ok: false, checked: 4, problems: [{ seq: '4', problem: 'gap' }, { seq: '4', problem: 'broken_link' }] });
      } finally {
        await fresh.close();
      }
    });

    it('an edit of `at` by one microsecond is a hash mismatch: the hash covers the stored precision', async () => {
      const fresh = await chainOfFive();
      try {
        await fresh.database.ownerQuery("UPDATE audit_events SET at = at + interval '1 microsecond' WHERE seq = 2");
        expect(await verifyAuditChain(fresh.deps)).toEqual({ ok: false, checked: 5, problems: [{ seq: '2', problem: 'hash_mismatch' }] });
        await fresh.database.ownerQuery("UPDATE audit_events SET at = at - interval '1 microsecond' WHERE seq = 2");
        expect(await verifyAuditChain(fresh.deps)).toEqual({ ok: true, checked: 5, problems: [] });
      } finally {
        await fresh.close();
      }
    });

    it('a deleted newest event shows as a head mismatch', async () => {
      const fresh = await chainOfFive();
      try {
        await fresh.database.ownerQuery('DELETE FROM audit_events WHERE seq = 5');
        expect(await verifyAuditChain(fresh.deps)).toEqual({ ok: false, checked: 4, problems: [{ seq: '5', problem: 'head_mismatch' }] });
      } finally {
        await fresh.close();
      }
    });
  });

  it.runIf(backend === 'postgres')('`kopa audit verify` against PostgreSQL exits 0, then 1 naming the edited event', async () => {
    const fresh = await startTestApp(backend, { demo: false });
    try {
      for (const n of ['1212', '3434', '5656']) await createTenant(fresh.deps, systemActor('test'), { name: `Pagasts ${n}`, registrationNumber: completeRegistrationNumber(`900002${n}`)! });
      const env = { DATABASE_URL: fresh.database.url! };
      const ok = await kopa(['audit', 'verify'], env);
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.out).toContain('Audit chain intact: 3 events verified');
      await fresh.database.ownerQuery(`UPDATE audit_events SET actor_label = 'someone-else' WHERE seq = 2`);
      const bad = await kopa(['audit', 'verify'], env);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('event 2: hash_mismatch');
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it.runIf(backend === 'pglite')('`kopa audit verify` on a PGlite data folder exits 0, then 1 naming the edited event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kopa-audit-'));
    try {
      expect((await kopa(['migrate', '--data-dir', dir], {})).code).toBe(0);
      const created = await kopa(['user', 'create', '--data-dir', dir, '--email', 'x@rda.lv', '--name', 'Xx Yy', '--role', 'operator', '--password', 'long-enough-password'], {});
      expect(created.code).toBe(0);
      const ok = await kopa(['audit', 'verify', '--data-dir', dir], {});
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.out).toContain('Audit chain intact: 1 events verified');

      const db = new PGlite(join(dir, 'pglite'));
      try {
        await db.query(`UPDATE audit_events SET after = jsonb_set(after, '{role}', '"auditor"') WHERE seq = 1`);
      } finally {
        await db.close();
      }
      const bad = await kopa(['audit', 'verify', '--data-dir', dir], {});
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('event 1: hash_mismatch');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
