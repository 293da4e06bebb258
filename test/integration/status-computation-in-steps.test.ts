import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { systemActor } from '../../src/domain/actor.js';
import { inWriteOrder, type KeptDay } from '../../src/app/monitoring/status-day-ports.js';
import { computationStore, GaveWay } from '../../src/http/status-cache.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const HOUR = 3_600_000;
const operator = systemActor('test');

/**
 * The status page's computations read the rolled-up segments in steps of a few pairs, and write the
 * kept days in steps of a few days, each step a store call of its own, so that the start's
 * computation can give way between two steps, and a visitor given its first look be answered,
 * instead of holding the embedded database's only thread for the whole read or write (ADR 0026,
 * "2026-12-06, night"; ADR 0029). The steps must read exactly what one read gives, and write
 * exactly what one write writes, all of it or none.
 */
describe.each(BACKENDS)('status page computation in steps on %s', (backend) => {
  let t: TestApp;
  const from = Date.parse('2026-11-01T00:00:00Z');
  const to = from + 6 * HOUR;
  const pairs: { monitorId: string; location: string }[] = [];
  let serviceIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date('2026-11-20T12:00:00Z') });
    const admin = await signIn(t.app, 'operators@rda.lv');
    serviceIds = ((await admin.get('/api/v1/services')).json().items as { id: string }[]).map((s) => s.id);
    const serviceId = serviceIds[0]!;
    const values: string[] = [];
    // Five monitors with two locations: each pair its own segments (one reaching in from before the window, one after it), and one pair none.
    for (let n = 0; n < 5; n++) {
      const m = await createMonitor(t.deps, operator, { serviceId, tenantId: null, name: `steps ${n}`, type: 'http', target: 'https://x.kopa.test/', config: {}, intervalSeconds: 60, timeoutMs: 5000, failuresToConfirm: 2, critical: false, locations: ['a', 'b'], active: true });
      for (const location of ['a', 'b']) {
        pairs.push({ monitorId: m.id, location });
        if (n === 4 && location === 'b') continue;
        const cut = from + (n + 1) * HOUR + (location === 'b' ? 30 * 60_000 : 0);
        const rows: [number, number, string][] = [[from - 2 * HOUR, cut, 'up'], [cut, cut + 20 * 60_000, 'down'], [cut + 20 * 60_000, to + HOUR, 'up'], [to + HOUR, to + 2 * HOUR, 'down']];
        for (const [a, b, state] of rows) values.push(`('${m.id}', '${location}', '${new Date(a).toISOString()}', '${new Date(b).toISOString()}', '${state}')`);
      }
    }
    await t.database.ownerQuery(`INSERT INTO monitor_segments (monitor_id, location, start_at, end_at, state) VALUES ${values.join(', ')}`);
  });
  afterAll(() => t.close());

  /** The store whose segment reads are recorded (how many pairs each asked for), and `after` told of each. */
  const recorded = (after: () => void = () => undefined) => {
    const reads: number[] = [];
    const store = t.deps.store;
    const spied = { ...store, rollups: { ...store.rollups, segmentsMany: async (...args: Parameters<typeof store.rollups.segmentsMany>) => {
      reads.push(args[1].length);
      const answer = await store.rollups.segmentsMany(...args);
      after();
      return answer;
    } } };
    return { reads, spied };
  };

  it('gives in steps of any size exactly what one read gives', async () => {
    const whole = await t.deps.store.run(SYSTEM, (tx) => t.deps.store.rollups.segmentsMany(tx, pairs, new Date(from), new Date(to)));
    // Nine of the ten pairs have segments in the window, three each (the one after it is left out).
    expect(whole.size).toBe(9);
    for (const segments of whole.values()) expect(segments).toHaveLength(3);
    for (const [perRead, steps] of [[1, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], [3, [3, 3, 3, 1]], [4, [4, 4, 2]], [10, [10]], [200, [10]]] as const) {
      const { reads, spied } = recorded();
      const store = computationStore(spied, () => false, perRead);
      const stepped = await store.run(SYSTEM, (tx) => store.rollups.segmentsMany(tx, pairs, new Date(from), new Date(to)));
      expect(reads, `steps of ${perRead}`).toEqual(steps);
      expect(Object.fromEntries(stepped), `steps of ${perRead}`).toEqual(Object.fromEntries(whole));
    }
  });

  it('gives way between two steps when a request has come in', async () => {
    let requestCame = false;
    // The request comes in while the first step is read.
    const { reads, spied } = recorded(() => (requestCame = true));
    const store = computationStore(spied, () => requestCame, 4);
    const read = store.run(SYSTEM, (tx) => store.rollups.segmentsMany(tx, pairs, new Date(from), new Date(to)));
    await expect(read).rejects.toBeInstanceOf(GaveWay);
    expect(reads).toEqual([4]);
  });

  /** Three services' ten days each, given out of the order they are written in. */
  const keptDays = (upMs: number): KeptDay[] =>
    serviceIds.slice(0, 3).reverse().flatMap((serviceId) =>
      Array.from({ length: 10 }, (_, i) => ({ serviceId, audience: 'shared', day: `2026-10-${String(20 - i).padStart(2, '0')}`, upMs, downMs: i * 1000, maintenanceMs: 0, unknownMs: 0, lastState: 'up' as const, lastStart: from + i, fingerprint: `f${i}`, settledTo: null })),
    );
  const writtenDays = async () => t.database.ownerQuery(`SELECT service_id::text, day::text, up_ms::float8, down_ms::float8, last_start FROM status_days WHERE fingerprint LIKE 'f%' ORDER BY service_id, day`);
  const writes = () => {
    const sizes: number[] = [];
    /** Every day written, step after step, as the rows' lock order names it. */
    const order: string[] = [];
    const store = t.deps.store;
    const spied = { ...store, statusDays: { ...store.statusDays, write: async (...args: Parameters<typeof store.statusDays.write>) => {
      sizes.push(args[1].length);
      order.push(...[...args[1]].sort(inWriteOrder).map((d) => d.serviceId + d.audience + d.day));
      return store.statusDays.write(...args);
    } } };
    return { sizes, order, spied };
  };

  it('writes the kept days in steps of any size, in the one order, exactly as one write does', async () => {
    await t.deps.store.run(SYSTEM, (tx) => t.deps.store.statusDays.write(tx, keptDays(1), new Date(to)));
    const whole = await writtenDays();
    expect(whole).toHaveLength(30);
    await t.database.ownerQuery(`DELETE FROM status_days WHERE fingerprint LIKE 'f%'`);
    for (const [perWrite, steps] of [[7, [7, 7, 7, 7, 2]], [30, [30]]] as const) {
      const { sizes, order, spied } = writes();
      const store = computationStore(spied, () => false, 200, perWrite);
      await store.run(SYSTEM, (tx) => store.statusDays.write(tx, keptDays(1), new Date(to)));
      expect(sizes, `steps of ${perWrite}`).toEqual(steps);
      // Step after step in the one order: a replica writing the same days locks them as this one does.
      expect(order, `steps of ${perWrite}`).toEqual([...order].sort());
      expect(await writtenDays(), `steps of ${perWrite}`).toEqual(whole);
      await t.database.ownerQuery(`DELETE FROM status_days WHERE fingerprint LIKE 'f%'`);
    }
  });

  it('writes none of the days when it gives way between two steps', async () => {
    let requestCame = false;
    const { sizes, spied } = writes();
    // The request comes in while the first step is written.
    const stepped = { ...spied, statusDays: { ...spied.statusDays, write: async (...args: Parameters<typeof spied.statusDays.write>) => {
      await spied.statusDays.write(...args);
      requestCame = true;
    } } };
    const store = computationStore(stepped, () => requestCame, 200, 7);
    await expect(store.run(SYSTEM, (tx) => store.statusDays.write(tx, keptDays(2), new Date(to)))).rejects.toBeInstanceOf(GaveWay);
    expect(sizes).toEqual([7]);
    expect(await writtenDays()).toEqual([]);
  });
});
