import type { Selectable } from 'kysely';
import type { Store } from '../../app/ports.js';
import type { TokenWithTenant } from '../../app/identity/ports.js';
import type { Role } from '../../domain/roles.js';
import type { TenantStatus } from '../../domain/tenant.js';
import type { ApiToken } from '../../domain/user.js';
import type { ApiTokensTable } from '../schema.js';
import { trxOf } from '../tx.js';

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    tenantId: row.tenant_id,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    createdByUserId: row.created_by_user_id,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

type WithTenantRow = Selectable<ApiTokensTable> & { tenant_name: string | null; tenant_status: string | null };
const withTenant = (row: WithTenantRow): TokenWithTenant => ({ ...toToken(row), tenantName: row.tenant_name, tenantStatus: row.tenant_status as TenantStatus | null });

/** Tokens with their municipality's name and status (agency tokens have none). */
function tokensWithTenants(tx: Parameters<Store['tokens']['list']>[0]) {
  return trxOf(tx)
    .selectFrom('api_tokens')
    .leftJoin('tenants', 'tenants.id', 'api_tokens.tenant_id')
    .selectAll('api_tokens')
    .select(['tenants.name as tenant_name', 'tenants.status as tenant_status']);
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
        created_by_user_id: record.createdByUserId,
        expires_at: record.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toToken(row);
  },
  async findByHash(tx, tokenHash) {
    const row = await trxOf(tx).selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toToken(row) : null;
  },
  async list(tx, tenantId, filter) {
    let q = tokensWithTenants(tx).orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id');
    if (tenantId !== null) q = q.where('api_tokens.tenant_id', '=', tenantId);
    if (filter.tenantId !== undefined) q = q.where('api_tokens.tenant_id', '=', filter.tenantId);
    if (filter.createdByUserId !== undefined) q = q.where('api_tokens.created_by_user_id', '=', filter.createdByUserId);
    return (await q.execute()).map(withTenant);
  },
  async get(tx, tenantId, tokenId) {
    let q = tokensWithTenants(tx).where('api_tokens.id', '=', tokenId);
    if (tenantId !== null) q = q.where('api_tokens.tenant_id', '=', tenantId);
    const row = await q.executeTakeFirst();
    return row ? withTenant(row) : null;
  },
  async creators(tx, userIds) {
    if (userIds.length === 0) return new Map();
    const rows = await trxOf(tx).selectFrom('users').select(['id', 'name', 'email', 'active', 'role', 'tenant_id']).where('id', 'in', userIds).execute();
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email, active: r.active, role: r.role as Role, tenantId: r.tenant_id }]));
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
