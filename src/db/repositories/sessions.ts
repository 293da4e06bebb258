import type { Store } from '../../app/ports.js';
import type { TenantStatus } from '../../domain/tenant.js';
import { trxOf } from '../store.js';
import { toUser } from './users.js';

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
  async findWithPerson(tx, tokenHash) {
    const row = await trxOf(tx)
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('tenants', 'tenants.id', 'users.tenant_id')
      .selectAll('users')
      .select(['sessions.token_hash as session_token_hash', 'sessions.tenant_id as session_tenant_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'tenants.status as tenant_status'])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return null;
    return {
      tokenHash: row.session_token_hash,
      userId: row.id,
      tenantId: row.session_tenant_id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
      user: toUser(row),
      tenantStatus: row.tenant_status as TenantStatus | null,
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
