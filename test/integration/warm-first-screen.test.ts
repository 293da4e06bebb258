import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps, Store } from '../../src/app/ports.js';
import { createMonitor } from '../../src/app/monitoring/manage-monitors.js';
import { systemActor } from '../../src/domain/actor.js';
import { seedDemoData } from '../../src/app/demo/seed-demo-data.js';
import { identitySettings } from '../../src/app/identity/identity-settings.js';
import { createSecretBox } from '../../src/app/identity/secret-box.js';
import { maintenanceSentHandlers } from '../../src/app/monitoring/maintenance-announcement.js';
import { createStore } from '../../src/db/store.js';
import { trxOf } from '../../src/db/tx.js';
import { argon2Hasher } from '../../src/main/runtime.js';
import { warmFirstScreen } from '../../src/main/warm-first-screen.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * `kopa serve` on the embedded database runs the monitors page's first reads before it listens
 * (ADR 0026, "The warm start"): they must read what the first screen reads, and write nothing.
 */
describe.each(BACKENDS)('warming the first screen on %s', (backend) => {
  let database: TestDatabase;
  let plain: Store;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    plain = createStore(database.db.kysely);
    await seedDemoData(depsWith(plain), { history: false });
    const service = (await database.ownerQuery('SELECT id::text FROM services ORDER BY code LIMIT 1'))[0] as { id: string };
    for (const name of ['warm a', 'warm b']) {
      await createMonitor(depsWith(plain), systemActor('test'), {
        serviceId: service.id, tenantId: null, name, type: 'http', target: 'https://warm.example.lv/', config: { method: 'GET', expectedStatus: 200 },
        intervalSeconds: 60, timeoutMs: 2_000, failuresToConfirm: 2, critical: false, locations: ['local'], active: true,
      });
    }
  }, 60_000);
  afterAll(() => database.drop());

  function depsWith(store: Store): Deps {
    return { store, sentHandlers: maintenanceSentHandlers(store), clock: { now: () => new Date() }, passwords: argon2Hasher, secretBox: createSecretBox(randomBytes(32)), identity: identitySettings({ mfaRequiredRoles: [] }) };
  }

  /** The store, noting for each transaction whether it read the monitors and whether it wrote (was given a transaction id). */
  function watched() {
    const runs: { pid: number; readMonitors: boolean; wrote: boolean }[] = [];
    const pidOf = new Map<unknown, { pid: number; readMonitors: boolean; wrote: boolean }>();
    const store: Store = {
      ...plain,
      run: (scope, fn) =>
        plain.run(scope, async (tx) => {
          const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trxOf(tx))).rows[0]!.pid;
          const run = { pid, readMonitors: false, wrote: false };
          pidOf.set(tx, run);
          runs.push(run);
          const result = await fn(tx);
          run.wrote = (await sql<{ xid: string | null }>`SELECT pg_current_xact_id_if_assigned()::text AS xid`.execute(trxOf(tx))).rows[0]!.xid !== null;
          return result;
        }),
      monitors: {
        ...plain.monitors,
        list: (tx, ...rest) => {
          const run = pidOf.get(tx);
          if (run) run.readMonitors = true;
          return plain.monitors.list(tx, ...rest);
        },
      },
    };
    return { store, runs };
  }

  it('reads the first screen and writes nothing', async () => {
    const { store, runs } = watched();
    await warmFirstScreen(depsWith(store));
    // The list's page and the counts each read the monitors and their kept results; services and municipalities too.
    expect(runs.filter((r) => r.readMonitors)).toHaveLength(2);
    expect(runs).toHaveLength(6);
    expect(runs.filter((r) => r.wrote)).toEqual([]);
  });
});
