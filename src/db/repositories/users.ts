import { sql, type Selectable } from 'kysely';
import type { Store } from '../../app/ports.js';
import type { Role } from '../../domain/roles.js';
import type { User } from '../../domain/user.js';
import type { UsersTable } from '../schema.js';
import { trxOf } from '../tx.js';

/** The person as the API shows them (no password hash), from a users row or a lookup with the same columns. */
export function toUser(row: Pick<Selectable<UsersTable>, 'id' | 'email' | 'name' | 'role' | 'tenant_id' | 'active' | 'locale' | 'created_at' | 'updated_at' | 'last_login_at'>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    tenantId: row.tenant_id,
    active: row.active,
    locale: row.locale as 'lv' | 'en',
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
  };
}

export const userRepository: Store['users'] = {
  async list(tx, tenantId, filter, page) {
    let q = trxOf(tx).selectFrom('users').selectAll().orderBy('name').orderBy('id');
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    else if (filter.agencyOnly) q = q.where('tenant_id', 'is', null);
    if (page) {
      if (page.after !== null) q = q.where(sql<boolean>`(name, id) > (${page.after.name}, ${page.after.id}::uuid)`);
      q = q.limit(page.limit);
    }
    return (await q.execute()).map(toUser);
  },
  async get(tx, tenantId, userId) {
    let q = trxOf(tx).selectFrom('users').selectAll().where('id', '=', userId);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    const row = await q.executeTakeFirst();
    return row ? toUser(row) : null;
  },
  async findForLogin(tx, email) {
    const row = await trxOf(tx).selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  },
  async emailTaken(tx, email) {
    return (await trxOf(tx).selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) !== undefined;
  },
  async insert(tx, record) {
    const row = await trxOf(tx)
      .insertInto('users')
      .values({
        email: record.email,
        name: record.name,
        role: record.role,
        tenant_id: record.tenantId,
        active: record.active,
        locale: record.locale,
        password_hash: record.passwordHash,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  },
  async update(tx, tenantId, userId, changes, at) {
    let q = trxOf(tx)
      .updateTable('users')
      .set({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.role !== undefined && { role: changes.role }),
        ...(changes.active !== undefined && { active: changes.active }),
        ...(changes.locale !== undefined && { locale: changes.locale }),
        ...(changes.passwordHash !== undefined && { password_hash: changes.passwordHash }),
        updated_at: at,
      })
      .where('id', '=', userId);
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    return toUser(await q.returningAll().executeTakeFirstOrThrow());
  },
  async markLogin(tx, userId, at) {
    await trxOf(tx).updateTable('users').set({ last_login_at: at }).where('id', '=', userId).execute();
  },
};
