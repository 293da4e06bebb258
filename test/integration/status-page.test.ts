import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor, ingestProbeResults } from '../../src/app/monitoring/manage-monitors.js';
import { systemActor } from '../../src/domain/actor.js';
import { BACKENDS, noOlderTransactionRunning } from '../support/database.js';
import { recordingKeptResults, signIn, startTestApp, type TestApp } from '../support/app.js';

const MINUTE = 60_000;
const operator = systemActor('test');

// Riga is UTC+2 in November. "Now" is Fri 20 Nov 2026 14:00 in Riga.
describe.each(BACKENDS)('status page on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  let dvsId: string;
  let gisId: string;
  let cesisId: string;
  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

  async function record(monitorId: string, location: string, from: number, to: number, failing: (at: number) => boolean) {
    const results = [];
    for (let at = from; at < to; at += MINUTE) results.push({ at: new Date(at).toISOString(), ok: !failing(at), location });
    for (let i = 0; i < results.length; i += 5000) await ingestProbeResults(t.deps, operator, monitorId, results.slice(i, i + 5000));
  }

  beforeAll(async () => {
    now = new Date('2026-11-20T12:00:00Z');
    t = await startTestApp(backend, { now: () => now });
    const admin = await signIn(t.app, 'admin@cesis.lv');
    cesisId = (await admin.get('/api/v1/tenants')).json().items[0].id;
    const services: { id: string; code: string }[] = (await admin.get('/api/v1/services')).json().items;
    dvsId = services.find((s) => s.code === 'DVS')!.id;
    gisId = services.find((s) => s.code === 'GIS')!.id;
    const monitor = await createMonitor(t.deps, operator, { serviceId: dvsId, tenantId: null, name: 'DVS portāls', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['lvrtc', 'lnb'], active: true });
    const start = Date.parse('2026-11-17T22:00:00Z'); // Wed 18 Nov 00:00 Riga
    const end = now.getTime();
    // Thu 19 Nov 10:00–10:30 Riga both locations fail: a confirmed outage by majority.
    const bothDown = (at: number) => at >= Date.parse('2026-11-19T08:00:00Z') && at < Date.parse('2026-11-19T08:30:00Z');
    // 14:00–14:20 only LNB fails: one of two locations is no majority, so the service stays up.
    const lnbOnly = (at: number) => at >= Date.parse('2026-11-19T12:00:00Z') && at < Date.parse('2026-11-19T12:20:00Z');
    // A paused monitor speaks for nothing: GIS stays without monitors.
    await createMonitor(t.deps, operator, { serviceId: gisId, tenantId: null, name: 'GIS karte (paused)', type: 'http', target: 'https://gis.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: true, locations: ['lvrtc'], active: false });
    await record(monitor.id, 'lvrtc', start, end, bothDown);
    await record(monitor.id, 'lnb', start, end, (at) => bothDown(at) || lnbOnly(at));
  });
  afterAll(() => t.close());

  it('shows each shared service now and 90 daily bars, without signing in', async () => {
    const res = await anonymous('/api/v1/status');
    expect(res.statusCode).toBe(200);
    const status = res.json();
    expect(status.overall).toBe('operational');
    const dvs = status.services.find((s: { code: string }) => s.code === 'DVS');
    expect(dvs).toMatchObject({ state: 'up', monitors: 1 });
    expect(dvs.days).toHaveLength(90);
    expect(dvs.days.at(-1).date).toBe('2026-11-20');
    expect(dvs.days[0].date).toBe('2026-08-23');
    const byDate = Object.fromEntries(dvs.days.map((d: { date: string }) => [d.date, d]));
    // 19 Nov: 86,400 s known, 1,800 s down → 84,600 / 86,400 = 97.9166…%.
    expect(byDate['2026-11-19']).toEqual({ date: '2026-11-19', availabilityPercent: 97.917, downSeconds: 1800, maintenanceSeconds: 0, unknownSeconds: 0 });
    expect(byDate['2026-11-18']).toMatchObject({ availabilityPercent: 100, downSeconds: 0, unknownSeconds: 0 });
    // Today so far: 00:00–14:00 Riga, all up.
    expect(byDate['2026-11-20']).toMatchObject({ availabilityPercent: 100, unknownSeconds: 0 });
    // Before the monitor existed nothing is known.
    expect(byDate['2026-11-17']).toMatchObject({ availabilityPercent: null, unknownSeconds: 86_400 });
    // A service without (active) monitors is unknown, not "up".
    expect(status.services.find((s: { code: string }) => s.code === 'GIS')).toMatchObject({ state: 'unknown', monitors: 0 });
  });

  it('gives each service its uptime over the 90 days shown', async () => {
    const services = (await anonymous('/api/v1/status')).json().services as { code: string; uptimePercent: number | null }[];
    // Known from 18 Nov 00:00 Riga to now (20 Nov 14:00): 62 h = 223,200 s, of it 1,800 s down.
    // 221,400 / 223,200 = 99.19354…% → 99.194; the days before the monitor are unknown and do not count.
    expect(services.find((s) => s.code === 'DVS')!.uptimePercent).toBe(99.194);
    expect(services.find((s) => s.code === 'GIS')!.uptimePercent).toBeNull();
  });

  it('lists incidents and planned maintenance of the services shown', async () => {
    const staff = await signIn(t.app, 'operators@rda.lv');
    expect((await staff.post('/api/v1/maintenance-windows', { serviceIds: [gisId], startsAt: '2026-11-24T18:00:00Z', endsAt: '2026-11-24T20:00:00Z', title: 'GIS datubāzes atjaunināšana', announcedAt: '2026-11-01T08:00:00Z' })).statusCode).toBe(201);
    expect((await staff.post('/api/v1/incidents', { title: 'DVS lēna meklēšana', impact: 'minor', serviceIds: [dvsId], message: 'Izmeklējam.' })).statusCode).toBe(201);
    const status = (await anonymous('/api/v1/status')).json();
    expect(status.maintenance.map((m: { title: string }) => m.title)).toEqual(['GIS datubāzes atjaunināšana']);
    expect(status.incidents.map((i: { title: string }) => i.title)).toEqual(['DVS lēna meklēšana']);
  });

  it('turns to an outage when the latest results confirm one', async () => {
    const monitors: { id: string; serviceId: string }[] = (await (await signIn(t.app, 'operators@rda.lv')).get('/api/v1/monitors')).json().items;
    const monitorId = monitors.find((m) => m.serviceId === dvsId)!.id;
    const from = now.getTime();
    now = new Date(from + 3 * MINUTE);
    await record(monitorId, 'lvrtc', from, now.getTime(), () => true);
    await record(monitorId, 'lnb', from, now.getTime(), () => true);
    const status = (await anonymous('/api/v1/status')).json();
    expect(status.overall).toBe('outage');
    expect(status.services.find((s: { code: string }) => s.code === 'DVS')).toMatchObject({ state: 'down', since: new Date(from).toISOString() });
  });

  it('gives a municipality the services it uses, and no one else’s', async () => {
    const admin = await signIn(t.app, 'admin@cesis.lv');
    const mine = await admin.get(`/api/v1/tenants/${cesisId}/status`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().services.map((s: { code: string }) => s.code).sort()).toEqual(['DVS', 'EPAK', 'GIS']);
    const neighbour = await signIn(t.app, 'admin@sigulda.lv');
    expect((await neighbour.get(`/api/v1/tenants/${cesisId}/status`)).statusCode).toBe(404);
    expect((await anonymous(`/api/v1/tenants/${cesisId}/status`)).statusCode).toBe(401);
  });
});

// The answer is kept for KOPA_STATUS_CACHE_SECONDS; once older it is still given at once while the next is computed.
describe.each(BACKENDS)('status page cache on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  let monitorId: string;
  const generatedAt = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/status' });
    expect(res.statusCode).toBe(200);
    return res.json() as { generatedAt: string; services: { code: string; state: string }[] };
  };

  beforeAll(async () => {
    now = new Date('2026-11-20T12:00:00Z');
    t = await startTestApp(backend, { now: () => now, server: { statusCacheMs: 15_000 } });
    const dvs = ((await t.database.ownerQuery(`SELECT id::text AS id FROM services WHERE code = 'DVS'`)) as { id: string }[])[0]!.id;
    monitorId = (await createMonitor(t.deps, operator, { serviceId: dvs, tenantId: null, name: 'kešs', type: 'http', target: 'https://dvs.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 1, critical: true, locations: ['lvrtc'], active: true })).id;
  });
  afterAll(() => t.close());

  it('serves one computation for its time, then the one in hand while the next is computed', async () => {
    // The server computed its first answer as it got ready, not when the first visitor came a second later.
    const started = now;
    now = new Date(now.getTime() + 1000);
    const first = await generatedAt();
    expect(first.generatedAt).toBe(started.toISOString());
    await ingestProbeResults(t.deps, operator, monitorId, [{ at: new Date(now.getTime() - MINUTE).toISOString(), ok: false, location: 'lvrtc' }]);
    now = new Date(now.getTime() + 10_000);
    expect(await generatedAt()).toEqual(first);
    // 16 s after it was computed: the visitor gets the old answer at once, and the new one is on its way.
    now = new Date(now.getTime() + 6_000);
    expect(await generatedAt()).toEqual(first);
    let next = await generatedAt();
    for (let i = 0; i < 200 && next.generatedAt === first.generatedAt; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      next = await generatedAt();
    }
    expect(next.generatedAt).toBe(now.toISOString());
    expect(next.services.find((s) => s.code === 'DVS')!.state).toBe('down');
    expect(first.services.find((s) => s.code === 'DVS')!.state).not.toBe('down');
  });
});

// A computation after an expiry asks the database only for the kept results written since the
// last one read them and reuses what it computed from the rest (ADR 0022, "Reusing unchanged tails"): through
// the server's cache too, from its start computation (which reads through a store that gives way) on.
describe.each(BACKENDS)('status page computations after an expiry on %s', (backend) => {
  let t: TestApp;
  let now: Date;
  const monitorIds: string[] = [];
  /** Rows of kept results the database has returned so far, over all computations. */
  let returned = 0;
  const generatedAt = async () => ((await t.app.inject({ method: 'GET', url: '/api/v1/status' })).json() as { generatedAt: string }).generatedAt;
  const nextAnswer = async (after: string) => {
    let answer = await generatedAt();
    for (let i = 0; i < 200 && answer === after; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      answer = await generatedAt();
    }
    return answer;
  };

  beforeAll(async () => {
    now = new Date('2026-11-20T12:00:00Z');
    t = await startTestApp(backend, {
      now: () => now,
      server: { statusCacheMs: 15_000 },
      store: recordingKeptResults((read) => void (returned += read.sent)),
    });
    // The start's computation lets the event loop turn between its reads: it is done before the monitors are made.
    await generatedAt();
    const dvs = ((await t.database.ownerQuery(`SELECT id::text AS id FROM services WHERE code = 'DVS'`)) as { id: string }[])[0]!.id;
    for (const name of ['viens', 'divi']) {
      const monitor = await createMonitor(t.deps, operator, { serviceId: dvs, tenantId: null, name, type: 'http', target: `https://${name}.kopa.test/`, config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 1, critical: true, locations: ['lvrtc'], active: true });
      monitorIds.push(monitor.id);
      await ingestProbeResults(t.deps, operator, monitor.id, [{ at: new Date(now.getTime() - 2 * MINUTE).toISOString(), ok: true, location: 'lvrtc' }]);
    }
  });
  afterAll(() => t.close());

  it('reads again only the kept results that changed', async () => {
    now = new Date(now.getTime() + 1000);
    const first = await generatedAt();
    // The start's computation ran before the monitors were made; the first after it reads both.
    expect(returned).toBe(0);
    // The exact counts below: no transaction elsewhere in the cluster may hold the next snapshot's xmin below these rows.
    await noOlderTransactionRunning(t.database);
    now = new Date(now.getTime() + 16_000);
    await generatedAt();
    const second = await nextAnswer(first);
    expect(second).toBe(now.toISOString());
    expect(returned).toBe(2);
    // One location gets a new result; the next computation reads that one alone.
    await ingestProbeResults(t.deps, operator, monitorIds[0]!, [{ at: new Date(now.getTime() - MINUTE).toISOString(), ok: true, location: 'lvrtc' }]);
    now = new Date(now.getTime() + 16_000);
    await generatedAt();
    const third = await nextAnswer(second);
    expect(third).toBe(now.toISOString());
    expect(returned).toBe(3);
  });
});

/**
 * The first answer is computed as the server gets ready; it gives way to any request that comes in
 * while it runs (stops at its next read, rolls back, writes nothing) and begins again once the
 * server is quiet — but to no machine's call (agents, heartbeats, scripts with a bearer token). A status visitor who comes while it runs takes it over. The test holds the
 * computation's read of the monitors until it has sent its request, and reads the server's log to
 * know a request has come in (Fastify logs "incoming request" just before the hooks run).
 */
describe.each(BACKENDS)('status page start computation on %s', (backend) => {
  const started = Date.parse('2026-11-20T12:00:00Z');
  let now: Date;
  let t: TestApp;

  interface Gate {
    reached: Promise<void>;
    open(): void;
  }

  /**
   * Starts the server with its start computation held at its read of the monitors (with the lines and kept days). The n-th read
   * waits at gate n if the test has made that gate before it comes (the first is made here); the
   * others pass.
   */
  async function startHeld() {
    const gates: { reached: () => void; opened: Promise<void>; gate: Gate }[] = [];
    const gate = (n: number): Gate => {
      while (gates.length < n) {
        let reached!: () => void;
        let open!: () => void;
        const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
        const opened = new Promise<void>((resolve) => (open = resolve));
        gates.push({ reached, opened, gate: { reached: reachedPromise, open } });
      }
      return gates[n - 1]!.gate;
    };
    /** Reads of the inputs, and the transactions that wrote kept days (a computation writes in steps, ADR 0029). */
    const counts = { reads: 0, writes: 0 };
    const writers = new Set<unknown>();
    let written!: () => void;
    const firstWrite = new Promise<void>((resolve) => (written = resolve));
    const lines: string[] = [];
    gate(1);
    now = new Date(started);
    t = await startTestApp(backend, {
      now: () => now,
      server: { statusCacheMs: 15_000, logLevel: 'debug', logStream: { write: (line: string) => void lines.push(line) } },
      store: (store) => ({
        ...store,
        statusDays: {
          ...store.statusDays,
          // The computation's read of the monitors, lines and kept days.
          inputs: async (tx, held, fromDay) => {
            const gate = gates[++counts.reads - 1];
            if (gate) {
              gate.reached();
              await gate.opened;
            }
            return store.statusDays.inputs(tx, held, fromDay);
          },
          write: async (tx, days, at) => {
            writers.add(tx);
            counts.writes = writers.size;
            await store.statusDays.write(tx, days, at);
            written();
          },
        },
      }),
    });
    const logged = async (text: string) => {
      for (let i = 0; i < 400 && !lines.some((line) => line.includes(text)); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(lines.filter((line) => line.includes(text)), `a log line with "${text}"`).not.toHaveLength(0);
    };
    return { gate, counts, firstWrite, lines, logged };
  }

  const status = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/status' });
    expect(res.statusCode).toBe(200);
    return res.json() as { generatedAt: string };
  };

  afterEach(() => t.close());

  it('gives way to a request that comes in while it runs, writes nothing, and begins again once the server is quiet', async () => {
    const held = await startHeld();
    await held.gate(1).reached;
    // A sign-in comes in while the computation holds its transaction (on PGlite, the only session).
    const signingIn = signIn(t.app, 'operators@rda.lv');
    await held.logged('/api/v1/session');
    now = new Date(started + 2000);
    held.gate(1).open();
    // The sign-in is answered although the computation has not finished: it gave way.
    expect((await signingIn).get).toBeTypeOf('function');
    await Promise.race([held.gate(2).reached, held.firstWrite]);
    expect(held.counts.writes).toBe(0);
    await held.logged('gave way');
    held.gate(2).open();
    await held.firstWrite;
    // The answer a visitor gets is the second attempt's, begun after the sign-in (the clock then read 12:00:02).
    now = new Date(started + 3000);
    expect((await status()).generatedAt).toBe(new Date(started + 2000).toISOString());
    expect(held.counts).toEqual({ reads: 2, writes: 1 });
  });

  it('gives no way to machines’ calls (agents, heartbeats, scripts with a bearer token), which no one waits on like a page', async () => {
    const held = await startHeld();
    await held.gate(1).reached;
    // While the computation holds its transaction: a heartbeat (its token unknown), a batch of
    // results (without a token), and a script's call with a bearer token (not one issued).
    const beat = t.app.inject({ method: 'GET', url: '/api/v1/push/kopa_push_nothing-here' });
    const results = t.app.inject({ method: 'POST', url: '/api/v1/probe-results', payload: { results: [] } });
    const script = t.app.inject({ method: 'GET', url: '/api/v1/monitors?limit=10', headers: { authorization: 'Bearer kopa_nothing-here' } });
    for (const path of ['/api/v1/push/', '/api/v1/probe-results', '/api/v1/monitors?limit=10']) await held.logged(path);
    now = new Date(started + 2000);
    held.gate(1).open();
    await held.firstWrite;
    expect([(await beat).statusCode, (await results).statusCode, (await script).statusCode]).toEqual([404, 401, 401]);
    // The start's one attempt, begun at 12:00:00, finished and is what a visitor gets.
    expect((await status()).generatedAt).toBe(new Date(started).toISOString());
    expect(held.counts).toEqual({ reads: 1, writes: 1 });
    expect(held.lines.some((line) => line.includes('gave way'))).toBe(false);
  });

  it('is taken over by a status visitor who comes while it runs, and then gives way to no request', async () => {
    const held = await startHeld();
    await held.gate(1).reached;
    const visitor = status();
    await held.logged('takes over');
    now = new Date(started + 2000);
    // Another request comes in and is answered while the visitor waits.
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    held.gate(1).open();
    // The visitor gets the start's computation, finished: begun at 12:00:00, the only one.
    expect((await visitor).generatedAt).toBe(new Date(started).toISOString());
    expect(held.counts).toEqual({ reads: 1, writes: 1 });
    expect(held.lines.some((line) => line.includes('gave way'))).toBe(false);
  });
});
