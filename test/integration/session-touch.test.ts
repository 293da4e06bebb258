import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/app/shared/secrets.js';
import { SYSTEM } from '../../src/app/shared/transaction.js';
import { BACKENDS } from '../support/database.js';
import { DEMO_PASSWORD, startTestApp, type TestApp } from '../support/app.js';

const MINUTE = 60_000;

/**
 * A session slides its expiry at most once per five minutes. A visit's parallel requests all find
 * the slide due: one of them writes it, the others neither write the row again nor wait for that
 * write's commit (docs/adr/0026, 2026-12-06 afternoon: the counts and the session touch).
 */
describe.each(BACKENDS)('the session touch on %s', (backend) => {
  let t: TestApp;
  let cookie: string;
  let tokenHash: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'lietotajs@cesis.lv', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const value = res.cookies.find((c) => c.name === 'kopa_session')!.value;
    cookie = `kopa_session=${value}`;
    tokenHash = hashSecret(value);
  });
  afterAll(() => t.close());

  const seenAt = async (at: Date) => {
    await sql`UPDATE sessions SET last_seen_at = ${at}, expires_at = ${new Date(at.getTime() + 60 * MINUTE)} WHERE token_hash = ${tokenHash}`.execute(t.database.db.kysely);
  };
  const stored = async () => (await sql<{ last_seen_at: Date; expires_at: Date }>`SELECT last_seen_at, expires_at FROM sessions WHERE token_hash = ${tokenHash}`.execute(t.database.db.kysely)).rows[0]!;
  const touch = (at: Date, seenBefore: Date) => t.deps.store.run(SYSTEM, (tx) => t.deps.store.sessions.touch(tx, tokenHash, at, new Date(at.getTime() + 60 * MINUTE), seenBefore));

  it('slides a session last seen before the cutoff, once, and never back', async () => {
    const now = new Date();
    await seenAt(new Date(now.getTime() - 6 * MINUTE));
    expect(await touch(now, new Date(now.getTime() - 5 * MINUTE))).toBe(true);
    expect((await stored()).last_seen_at.getTime()).toBe(now.getTime());
    // A second request that read the session before the first's commit: nothing left to slide.
    expect(await touch(new Date(now.getTime() - 1), new Date(now.getTime() - 5 * MINUTE))).toBe(false);
    expect((await stored()).last_seen_at.getTime()).toBe(now.getTime());
    expect((await stored()).expires_at.getTime()).toBe(now.getTime() + 60 * MINUTE);
  });

  it('does not slide a session seen within the interval', async () => {
    const now = new Date();
    await seenAt(new Date(now.getTime() - 4 * MINUTE));
    expect(await touch(now, new Date(now.getTime() - 5 * MINUTE))).toBe(false);
    expect((await stored()).last_seen_at.getTime()).toBe(now.getTime() - 4 * MINUTE);
  });

  it('five parallel requests after an idle pause all pass and slide the session', async () => {
    const before = new Date(Date.now() - 6 * MINUTE);
    await seenAt(before);
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const after = await stored();
    expect(after.last_seen_at.getTime()).toBeGreaterThan(before.getTime() + 5 * MINUTE);
    expect(after.expires_at.getTime()).toBeGreaterThan(after.last_seen_at.getTime());
  });

  it.runIf(backend === 'postgres')('skips the row while another transaction holds it, instead of waiting for its commit', async () => {
    const now = new Date();
    await seenAt(new Date(now.getTime() - 6 * MINUTE));
    const outcome = await t.database.db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT 1 FROM sessions WHERE token_hash = ${tokenHash} FOR UPDATE`.execute(trx);
      // Waiting would never end: this transaction commits only after the touch answers.
      const stillWaiting = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 5_000));
      return Promise.race([touch(now, new Date(now.getTime() - 5 * MINUTE)), stillWaiting]);
    });
    expect(outcome).toBe(false);
    expect((await stored()).last_seen_at.getTime()).toBe(now.getTime() - 6 * MINUTE);
  });
});
