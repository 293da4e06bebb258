import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// `kopa serve` opens the pool's kept connections before it listens, and the pool keeps them however
// long it is idle (pg closes an idle connection after 10 s): a page after a quiet spell meets warm
// backends, not new ones (ADR 0026, "The start that gives way").
describe.skipIf(!process.env.TEST_DATABASE_URL)('kept connections on postgres', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database.drop());

  it('opens the kept connections at once and keeps them past the idle timeout, closing only the others', async () => {
    const db = await openDatabase({ url: database.url!, poolSize: 4, keepOpen: 2 });
    try {
      expect(db.poolStats()).toEqual({ total: 0, idle: 0, waiting: 0 });
      await db.openKept();
      expect(db.poolStats()).toEqual({ total: 2, idle: 2, waiting: 0 });
      // Three statements at once need a third connection; once idle past pg's 10 s it is closed, the two kept are not.
      const backends = await Promise.all([1, 2, 3].map(() => db.kysely.selectNoFrom((eb) => eb.fn<number>('pg_backend_pid', []).as('pid')).executeTakeFirstOrThrow()));
      expect(new Set(backends.map((b) => b.pid)).size).toBe(3);
      expect(db.poolStats().total).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      expect(db.poolStats()).toEqual({ total: 2, idle: 2, waiting: 0 });
    } finally {
      await db.close();
    }
  }, 30_000);
});
