import type { Store } from '../../app/ports.js';
import type { SessionStage } from '../../app/identity/second-factor-ports.js';
import { trxOf } from '../tx.js';

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
        stage: record.stage,
      })
      .execute();
  },
  async find(tx, tokenHash) {
    const row = await trxOf(tx).selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      tokenHash: row.token_hash,
      userId: row.user_id,
      tenantId: row.tenant_id,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
      stage: row.stage as SessionStage,
      challenge: row.challenge,
    };
  },
  async touch(tx, tokenHash, at, expiresAt, seenBefore) {
    // A visit's parallel requests all find the touch due: the first to lock the row slides it, the
    // others skip the locked row (they neither wait for its commit nor write it again), and the
    // condition, checked again on the locked row, keeps a touch from undoing a later one.
    const due = trxOf(tx).selectFrom('sessions').select('id').where('token_hash', '=', tokenHash).where('last_seen_at', '<', seenBefore).forUpdate().skipLocked();
    const result = await trxOf(tx).updateTable('sessions').set({ last_seen_at: at, expires_at: expiresAt }).where('id', '=', due).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
  async promote(tx, tokenHash, change) {
    await trxOf(tx)
      .updateTable('sessions')
      .set({ token_hash: change.tokenHash, stage: change.stage, expires_at: change.expiresAt, last_seen_at: change.at, challenge: null })
      .where('token_hash', '=', tokenHash)
      .execute();
  },
  async setChallenge(tx, tokenHash, challenge) {
    await trxOf(tx).updateTable('sessions').set({ challenge }).where('token_hash', '=', tokenHash).execute();
  },
  async listForUser(tx, userId, now) {
    const rows = await trxOf(tx)
      .selectFrom('sessions')
      .select(['id', 'token_hash', 'created_at', 'last_seen_at', 'expires_at', 'client_address', 'user_agent'])
      .where('user_id', '=', userId)
      .where('stage', '=', 'full')
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      tokenHash: r.token_hash,
      createdAt: new Date(r.created_at).toISOString(),
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
      expiresAt: new Date(r.expires_at).toISOString(),
      clientAddress: r.client_address,
      userAgent: r.user_agent,
    }));
  },
  async delete(tx, tokenHash) {
    await trxOf(tx).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  },
  async deleteById(tx, userId, sessionId) {
    const result = await trxOf(tx).deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', sessionId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
  async deleteOthers(tx, userId, keepTokenHash) {
    const result = await trxOf(tx).deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '!=', keepTokenHash).executeTakeFirst();
    return Number(result.numDeletedRows);
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
