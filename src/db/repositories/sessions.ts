import type { Store } from '../../app/ports.js';
import { trxOf } from '../store.js';

export const sessionRepository: Store['sessions'] = {
  async insert(tx, record) {
    await trxOf(tx)
      .insertInto('sessions')
      .values({
        token_hash: record.tokenHash,
        user_id: record.userId,
        tenant_id: record.tenantId,
        csrf_token: record.csrfToken,
        expires_at: record.expiresAt,
        created_at: record.lastSeenAt,
        last_seen_at: record.lastSeenAt,
        client_address: record.clientAddress,
        user_agent: record.userAgent,
      })
      .execute();
  },
  async find(tx, tokenHash) {
    const row = await trxOf(tx).selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return null;
    return {
      tokenHash: row.token_hash,
      userId: row.user_id,
      tenantId: row.tenant_id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
    };
  },
  async touch(tx, tokenHash, at, expiresAt) {
    await trxOf(tx).updateTable('sessions').set({ last_seen_at: at, expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
  },
  async delete(tx, tokenHash) {
    await trxOf(tx).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
  async deleteForUser(tx, tenantId, userId) {
    let q = trxOf(tx).deleteFrom('sessions').where('user_id', '=', userId);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  },
  async deleteExpired(tx, now) {
    const result = await trxOf(tx).deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  },
};
