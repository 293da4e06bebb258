import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { systemActor } from '../../src/domain/actor.js';
import { computationStore, GaveWay } from '../../src/http/status-cache.js';
import { BACKENDS } from '../support/database.js';
import { signIn, startTestApp, type TestApp } from '../support/app.js';

const HOUR = 3_600_000;
const operator = systemActor('test');

/**
 * The status page's computations read the rolled-up segments in steps of a few pairs, each step a
 * store call of its own, so that the start's computation can give way between two steps instead
 * of holding the embedded database's only thread for the whole read (ADR 0026, "2026-12-06, night").
 * The steps must give exactly what one read gives.
 */
describe.each(BACKENDS)('status page segments read in steps on %s', (backend) => {
  let t: TestApp;
  const from = Date.parse('2026-11-01T00:00:00Z');
  const to = from + 6 * HOUR;
  const pairs: { monitorId: string; location: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp(backend, { now: () => new Date('2026-11-20T12:00:00Z') });
    const admin = await signIn(t.app, 'operators@rda.lv');
    const serviceId = ((await admin.get('/api/v1/services')).json().items as { id: string }[])[0]!.id;
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
});
