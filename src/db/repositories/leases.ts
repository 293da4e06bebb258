import { sql } from 'kysely';
import type { Store } from '../../app/ports.js';
import { trxOf } from '../tx.js';

const REPLICA_PREFIX = 'replica:';

/** `now() + ttl` on the database's clock: every replica compares expiries against the same time. */
const expiry = (ttlMs: number) => sql<Date>`now() + ${Math.round(ttlMs)}::int * interval '1 millisecond'`;
const under = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const leaseRepository: Store['leases'] = {
  async heartbeat(tx, holder, ttlMs) {
    const t = trxOf(tx);
    const name = `${REPLICA_PREFIX}${holder}`;
    await sql`INSERT INTO leases (name, holder, expires_at) VALUES (${name}, ${holder}, ${expiry(ttlMs)})
              ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at`.execute(t);
    // Replicas killed without a goodbye leave their row behind; a day later nobody needs it.
    await sql`DELETE FROM leases WHERE name LIKE ${under(REPLICA_PREFIX)} AND expires_at < now() - interval '1 day'`.execute(t);
    const { rows } = await sql<{ now: Date; live: string; next: Date | null }>`
      SELECT now() AS now,
             (SELECT count(*) FROM leases WHERE name LIKE ${under(REPLICA_PREFIX)} AND expires_at > now()) AS live,
             (SELECT min(expires_at) FROM leases WHERE holder IS NOT NULL AND holder <> ${holder} AND expires_at > now()) AS next`.execute(t);
    const row = rows[0]!;
    return { now: new Date(row.now), live: Number(row.live), nextForeignExpiry: row.next === null ? null : new Date(row.next) };
  },
  async ensure(tx, names) {
    if (names.length === 0) return;
    await trxOf(tx)
      .insertInto('leases')
      .values(names.map((name) => ({ name, holder: null })))
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  },
  async renew(tx, holder, prefix, ttlMs) {
    const { rows } = await sql<{ name: string }>`
      UPDATE leases SET expires_at = ${expiry(ttlMs)}
      WHERE holder = ${holder} AND name LIKE ${under(prefix)}
      RETURNING name`.execute(trxOf(tx));
    return rows.map((r) => r.name);
  },
  /** SKIP LOCKED: two replicas asking at once each get different leases, never the same one. */
  async claim(tx, holder, prefix, count, ttlMs) {
    if (count <= 0) return [];
    const { rows } = await sql<{ name: string }>`
      UPDATE leases SET holder = ${holder}, expires_at = ${expiry(ttlMs)}
      WHERE name IN (
        SELECT name FROM leases
        WHERE name LIKE ${under(prefix)} AND (holder IS NULL OR expires_at <= now())
        ORDER BY name
        LIMIT ${count}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING name`.execute(trxOf(tx));
    return rows.map((r) => r.name);
  },
  async release(tx, holder, names) {
    if (names.length === 0) return 0;
    const result = await trxOf(tx)
      .updateTable('leases')
      .set({ holder: null, expires_at: sql<Date>`'-infinity'::timestamptz` })
      .where('holder', '=', holder)
      .where('name', 'in', names)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  async leave(tx, holder) {
    const t = trxOf(tx);
    await t.deleteFrom('leases').where('name', '=', `${REPLICA_PREFIX}${holder}`).execute();
    await t.updateTable('leases').set({ holder: null, expires_at: sql<Date>`'-infinity'::timestamptz` }).where('holder', '=', holder).execute();
  },
  async list(tx, prefix) {
    const rows = await trxOf(tx).selectFrom('leases').select(['name', 'holder', 'expires_at']).where('name', 'like', under(prefix)).orderBy('name').execute();
    return rows.map((r) => ({ name: r.name, holder: r.holder, expiresAt: new Date(r.expires_at) }));
  },
};
