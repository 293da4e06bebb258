import { sql } from 'kysely';
import type { LoginAttemptStore } from '../../app/identity/second-factor-ports.js';
import { trxOf } from '../tx.js';

// Two-key advisory locks: the first key names what is locked, so accounts and addresses never share a lock.
const ACCOUNT_LOCK = 7313101;
const ADDRESS_LOCK = 7313102;

export const loginAttemptRepository: LoginAttemptStore = {
  async lock(tx, email, clientAddress) {
    // Always account first, then address: every caller takes them in this order, so none deadlock.
    await sql`SELECT pg_advisory_xact_lock(${ACCOUNT_LOCK}::int, hashtext(${email}))`.execute(trxOf(tx));
    await sql`SELECT pg_advisory_xact_lock(${ADDRESS_LOCK}::int, hashtext(${clientAddress}))`.execute(trxOf(tx));
  },
  async counts(tx, since, key) {
    const { email, clientAddress, device, kind } = key;
    const row = await trxOf(tx)
      .selectFrom('login_attempts')
      .select([
        sql<string>`count(*) FILTER (WHERE email = ${email} AND client_address = ${clientAddress})`.as('account_address'),
        sql<Date | null>`min(at) FILTER (WHERE email = ${email} AND client_address = ${clientAddress})`.as('oldest_account_address'),
        sql<string>`count(*) FILTER (WHERE email = ${email})`.as('account'),
        sql<Date | null>`min(at) FILTER (WHERE email = ${email})`.as('oldest_account'),
        sql<string>`count(*) FILTER (WHERE client_address = ${clientAddress})`.as('address'),
        sql<Date | null>`min(at) FILTER (WHERE client_address = ${clientAddress})`.as('oldest_address'),
        sql<string>`count(*) FILTER (WHERE email = ${email} AND device = ${device ?? ''})`.as('device'),
        sql<Date | null>`min(at) FILTER (WHERE email = ${email} AND device = ${device ?? ''})`.as('oldest_device'),
      ])
      .where('kind', '=', kind)
      // Unsettled attempts count: they are being checked right now.
      .where((eb) => eb.or([eb('succeeded', '=', false), eb('succeeded', 'is', null)]))
      .where('at', '>=', since)
      .where((eb) => eb.or([eb('email', '=', email), eb('client_address', '=', clientAddress)]))
      .executeTakeFirstOrThrow();
    const dimension = (count: string, oldest: Date | null) => ({ count: Number(count), oldest: oldest ? new Date(oldest) : null });
    return {
      accountAddress: dimension(row.account_address, row.oldest_account_address),
      account: dimension(row.account, row.oldest_account),
      address: dimension(row.address, row.oldest_address),
      device: device ? dimension(row.device, row.oldest_device) : { count: 0, oldest: null },
    };
  },
  async reserve(tx, key, at) {
    const row = await trxOf(tx)
      .insertInto('login_attempts')
      .values({ email: key.email, client_address: key.clientAddress, kind: key.kind, device: key.device, succeeded: null, at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return String(row.id);
  },
  async settle(tx, attemptId, succeeded) {
    await trxOf(tx).updateTable('login_attempts').set({ succeeded }).where('id', '=', attemptId).execute();
  },
  async prune(tx, before) {
    const result = await trxOf(tx).deleteFrom('login_attempts').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
