import type { Selectable } from 'kysely';
import type { Store, TokenRecord } from '../../app/ports.js';
import type { Role } from '../../domain/roles.js';
import type { ApiToken } from '../../domain/user.js';
import type { ApiTokensTable } from '../schema.js';
import { trxOf } from '../store.js';

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    tenantId: row.tenant_id,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

export const tokenRepository: Store['tokens'] = {
  async insert(tx, record) {
    const row = await trxOf(tx)
      .insertInto('api_tokens')
      .values({
        name: record.name,
        token_hash: record.tokenHash,
        prefix: record.prefix,
        role: record.role,
        tenant_id: record.tenantId,
        created_by: record.createdBy,
        expires_at: record.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toToken(row);
  },
  async findByHash(tx, tokenHash) {
    const row = await trxOf(tx).selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? ({ ...toToken(row), tokenHash: row.token_hash } satisfies TokenRecord) : null;
  },
  async list(tx, tenantId) {
    let q = trxOf(tx).selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc');
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    return (await q.execute()).map(toToken);
  },
  async get(tx, tenantId, tokenId) {
    let q = trxOf(tx).selectFrom('api_tokens').selectAll().where('id', '=', tokenId);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    const row = await q.executeTakeFirst();
    return row ? toToken(row) : null;
  },
  async revoke(tx, tenantId, tokenId, at) {
    let q = trxOf(tx).updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', tokenId);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    return toToken(await q.returningAll().executeTakeFirstOrThrow());
  },
  async markUsed(tx, tokenId, at) {
    await trxOf(tx).updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
  },
};
