import type { Selectable } from 'kysely';
import type { Invitation, InvitationStore } from '../../app/identity/invitation-ports.js';
import type { TenantRole } from '../../domain/roles.js';
import type { UserInvitationsTable } from '../schema.js';
import { trxOf } from '../tx.js';

function toInvitation(row: Selectable<UserInvitationsTable>, now: Date): Invitation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    name: row.name,
    role: row.role as TenantRole,
    locale: row.locale as 'lv' | 'en',
    invitedBy: row.invited_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    status: row.accepted_at ? 'accepted' : row.expires_at <= now ? 'expired' : 'pending',
  };
}

export const invitationRepository: InvitationStore = {
  async insert(tx, record) {
    const row = await trxOf(tx)
      .insertInto('user_invitations')
      .values({
        tenant_id: record.tenantId,
        email: record.email,
        name: record.name,
        role: record.role,
        locale: record.locale,
        invited_by: record.invitedBy,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toInvitation(row, new Date(record.createdAt));
  },
  async list(tx, tenantId, now) {
    const rows = await trxOf(tx).selectFrom('user_invitations').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').execute();
    return rows.map((row) => toInvitation(row, now));
  },
  async get(tx, id, now) {
    const row = await trxOf(tx).selectFrom('user_invitations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toInvitation(row, now) : null;
  },
  async setTokenHash(tx, id, tokenHash) {
    await trxOf(tx).updateTable('user_invitations').set({ token_hash: tokenHash }).where('id', '=', id).execute();
  },
  async findOpenByTokenHash(tx, tokenHash, now) {
    const row = await trxOf(tx)
      .selectFrom('user_invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', now)
      .forUpdate()
      .executeTakeFirst();
    return row ? toInvitation(row, now) : null;
  },
  async markAccepted(tx, id, userId, at) {
    await trxOf(tx).updateTable('user_invitations').set({ accepted_at: at, user_id: userId, token_hash: null }).where('id', '=', id).execute();
  },
};
