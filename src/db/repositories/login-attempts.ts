import { sql } from 'kysely';
import type { Store } from '../../app/ports.js';
import { trxOf } from '../store.js';

export const loginAttemptRepository: Store['loginAttempts'] = {
  async record(tx, email, clientAddress, succeeded, at) {
    await trxOf(tx).insertInto('login_attempts').values({ email, client_address: clientAddress, succeeded, at }).execute();
  },
  async recentFailures(tx, since, email, clientAddress) {
    const row = await trxOf(tx)
      .selectFrom('login_attempts')
      .select([
        sql<string>`count(*) FILTER (WHERE email = ${email})`.as('by_email'),
        sql<string>`count(*) FILTER (WHERE client_address = ${clientAddress})`.as('by_address'),
        sql<Date | null>`min(at) FILTER (WHERE email = ${email})`.as('oldest_email'),
        sql<Date | null>`min(at) FILTER (WHERE client_address = ${clientAddress})`.as('oldest_address'),
      ])
      .where('succeeded', '=', false)
      .where('at', '>=', since)
      .where((eb) => eb.or([eb('email', '=', email), eb('client_address', '=', clientAddress)]))
      .executeTakeFirstOrThrow();
    return {
      byEmail: Number(row.by_email),
      byAddress: Number(row.by_address),
      oldestByEmail: row.oldest_email ? new Date(row.oldest_email) : null,
      oldestByAddress: row.oldest_address ? new Date(row.oldest_address) : null,
    };
  },
  async prune(tx, before) {
    const result = await trxOf(tx).deleteFrom('login_attempts').where('at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
