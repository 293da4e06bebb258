import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type KopaDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { createStore } from '../../src/db/store.js';
import { PROBE_SHARDS, SHARD_LEASE_PREFIX } from '../../src/domain/monitoring/probe-shards.js';
import { startProbeLeases, type ProbeLeases } from '../../src/jobs/prober/probe-leases.js';
import { BACKENDS, createEmptyPostgresDatabase, createTestDatabase } from '../support/database.js';
import { NO_POSTGRES_REASON, POSTGRES_URL } from '../support/parallel.js';

/*
 * The probe shards' leases (ADR 0018) on a real database: one replica alone holds every shard;
 * two replicas on one PostgreSQL split them without overlap; a replica that dies loses its shards
 * within one lease period; one that stops hands them back at once.
 */
const SYSTEM = { role: 'system' as const, tenantId: null };
const quiet = { info: () => {}, warn: () => {} };
const ALL = Array.from({ length: PROBE_SHARDS }, (_, i) => i);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(20);
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

function keeper(db: KopaDatabase, replica: string, leaseMs: number, now?: () => number): ProbeLeases {
  return startProbeLeases({ store: createStore(db.kysely), replica, leaseMs, onChange: () => {}, log: quiet, ...(now && { now }) });
}

/** The first of m-0, m-1, … whose shard `leases` holds. */
function monitorHeldBy(leases: ProbeLeases): string {
  for (let i = 0; i < 10_000; i++) if (leases.holds(`m-${i}`)) return `m-${i}`;
  throw new Error('holds no monitor');
}

describe.each(BACKENDS)('probe leases on %s, one replica', (backend) => {
  it('takes every shard alone, renews them, and hands them all back when it stops', async () => {
    const t = await createTestDatabase(backend);
    try {
      const one = keeper(t.db, 'solo', 3_000);
      await one.start();
      expect(one.shards()).toEqual(ALL);
      const store = createStore(t.db.kysely);
      const rows = await store.run(SYSTEM, (tx) => store.leases.list(tx, SHARD_LEASE_PREFIX));
      expect(rows).toHaveLength(PROBE_SHARDS);
      expect(new Set(rows.map((r) => r.holder))).toEqual(new Set(['solo']));
      await one.stop();
      expect(one.shards()).toEqual([]);
      const after = await store.run(SYSTEM, (tx) => store.leases.list(tx, ''));
      // No replica row left, and every shard free.
      expect(after.filter((r) => r.holder !== null)).toEqual([]);
      expect(after.every((r) => r.name.startsWith(SHARD_LEASE_PREFIX))).toBe(true);
    } finally {
      await t.drop();
    }
  });

  it('makes the shard rows once, and again should they go missing (a restored database): it holds every shard again', async () => {
    const t = await createTestDatabase(backend);
    try {
      const one = keeper(t.db, 'solo', 600);
      await one.start();
      expect(one.shards()).toEqual(ALL);
      await t.db.kysely.deleteFrom('leases').where('name', 'like', `${SHARD_LEASE_PREFIX}%`).execute();
      // A round finds nothing to renew or claim; a later one makes the rows again and takes them.
      const store = createStore(t.db.kysely);
      const heldRows = async () => (await store.run(SYSTEM, (tx) => store.leases.list(tx, SHARD_LEASE_PREFIX))).filter((r) => r.holder === 'solo').length;
      await until(async () => (await heldRows()) === PROBE_SHARDS, 10_000);
      await until(() => one.shards().length === PROBE_SHARDS, 5_000);
      await one.stop();
    } finally {
      await t.drop();
    }
  });
});

if (!POSTGRES_URL) console.warn(`\n  ⚠ two-replica lease tests skipped: ${NO_POSTGRES_REASON}\n`);

describe.runIf(POSTGRES_URL)('probe leases with two replicas on PostgreSQL (skipped without TEST_DATABASE_URL: PGlite is one process, one connection)', () => {
  const LEASE_MS = 1_500;
  let empty: { url: string; drop(): Promise<void> };
  const pools: KopaDatabase[] = [];
  const open = async () => {
    const db = await openDatabase({ url: empty.url, poolSize: 2 });
    pools.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of pools) await db.close().catch(() => undefined);
    await empty?.drop();
  });

  it('split the shards between them without overlap; a dead one’s shards move within one lease period; a stopping one’s at once', async () => {
    empty = await createEmptyPostgresDatabase();
    const a = await open();
    await migrate(a.kysely);
    const b = await open();
    const first = keeper(a, 'replica-a', LEASE_MS);
    let stall = 0; // how far replica-b's clock runs ahead of its timers, as in an event loop stalled for that long
    const second = keeper(b, 'replica-b', LEASE_MS, () => Date.now() + stall);
    await Promise.all([first.start(), second.start()]);
    // The first round may give one of them everything; the next rounds even it out.
    await until(() => first.shards().length === PROBE_SHARDS / 2 && second.shards().length === PROBE_SHARDS / 2, 5 * LEASE_MS);
    expect([...first.shards(), ...second.shards()].sort((x, y) => x - y)).toEqual(ALL);
    // Stable: a few more rounds change nothing, and they never overlap meanwhile.
    for (let i = 0; i < 10; i++) {
      await sleep(LEASE_MS / 6);
      const overlap = first.shards().filter((s) => second.shards().includes(s));
      expect(overlap).toEqual([]);
    }
    expect(first.shards()).toHaveLength(PROBE_SHARDS / 2);

    // A replica whose renewal is a whole lease period late no longer probes, even before its next round.
    const ofB = monitorHeldBy(second);
    stall = LEASE_MS;
    expect(second.holds(ofB)).toBe(false);
    stall = 0;
    await until(() => second.holds(ofB), 2 * LEASE_MS);

    // replica-b "dies": its connections go away (no goodbye), so it renews nothing any more.
    await b.close();
    const takeover = await until(() => first.shards().length === PROBE_SHARDS, 3 * LEASE_MS);
    expect(takeover, 'the survivor holds every shard within one lease period (plus 500 ms for timers on a busy machine)').toBeLessThanOrEqual(LEASE_MS + 500);
    // The dead one stopped trusting its leases by then: it would not probe even if it were only cut off.
    expect(second.holds(ofB)).toBe(false);
    await second.stop(); // its goodbye cannot reach the database; it says so and returns

    // A third replica joins, gets half, then stops: the survivor takes the half back within a third of a period.
    const c = await open();
    const third = keeper(c, 'replica-c', LEASE_MS);
    await third.start();
    await until(() => third.shards().length === PROBE_SHARDS / 2 && first.shards().length === PROBE_SHARDS / 2, 5 * LEASE_MS);
    await third.stop();
    const back = await until(() => first.shards().length === PROBE_SHARDS, 3 * LEASE_MS);
    expect(back).toBeLessThanOrEqual(LEASE_MS / 3 + 500);
    await first.stop();
  }, 60_000);

  it('two claims at the same moment never take the same lease', async () => {
    const [x, y] = [await open(), await open()];
    const [sx, sy] = [createStore(x.kysely), createStore(y.kysely)];
    await sx.run(SYSTEM, (tx) => sx.leases.ensure(tx, ALL.map((i) => `race:${i}`)));
    for (let round = 0; round < 5; round++) {
      await sx.run(SYSTEM, (tx) => sx.leases.leave(tx, 'x'));
      await sy.run(SYSTEM, (tx) => sy.leases.leave(tx, 'y'));
      const [gotX, gotY] = await Promise.all([
        sx.run(SYSTEM, (tx) => sx.leases.claim(tx, 'x', 'race:', 40, 60_000)),
        sy.run(SYSTEM, (tx) => sy.leases.claim(tx, 'y', 'race:', 40, 60_000)),
      ]);
      expect(gotX.filter((n) => gotY.includes(n))).toEqual([]);
      expect(gotX.length + gotY.length).toBe(PROBE_SHARDS);
    }
  });
});
