import type { Selectable } from 'kysely';
import type { Store } from '../../app/ports.js';
import type { TenantRecord } from '../../app/municipalities/ports.js';
import type { PostalAddress, Tenant, TenantStatus } from '../../domain/tenant.js';
import { compiledOnce } from '../compiled-query.js';
import type { TenantsTable } from '../schema.js';
import { trxOf } from '../tx.js';

function toTenant(row: Selectable<TenantsTable>): Tenant {
  return {
    id: row.id,
    name: row.name,
    registrationNumber: row.registration_number,
    vatNumber: row.vat_number,
    address: (row.address as PostalAddress | null) ?? null,
    email: row.email,
    peppolScheme: row.peppol_scheme,
    peppolId: row.peppol_id,
    status: row.status as TenantStatus,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toRow(record: TenantRecord) {
  return {
    name: record.name,
    registration_number: record.registrationNumber,
    vat_number: record.vatNumber,
    address: record.address ? JSON.stringify(record.address) : null,
    email: record.email,
    peppol_scheme: record.peppolScheme,
    peppol_id: record.peppolId,
    status: record.status,
  };
}

// Every tenant-scoped API call that names its municipality reads it: compiled once (ADR 0019).
const tenantById = compiledOnce<{ tenantId: string }, Selectable<TenantsTable>>((db, param) =>
  db.selectFrom('tenants').selectAll().where('id', '=', param('tenantId')),
);

export const tenantRepository: Store['tenants'] = {
  async list(tx, tenantId) {
    let q = trxOf(tx).selectFrom('tenants').selectAll().orderBy('name');
    if (tenantId !== null) q = q.where('id', '=', tenantId);
    return (await q.execute()).map(toTenant);
  },
  async get(tx, tenantId) {
    const row = (await trxOf(tx).executeQuery(tenantById({ tenantId }))).rows[0];
    return row ? toTenant(row) : null;
  },
  async findByRegistrationNumber(tx, registrationNumber) {
    const row = await trxOf(tx)
      .selectFrom('tenants')
      .selectAll()
      .where('registration_number', '=', registrationNumber)
      .executeTakeFirst();
    return row ? toTenant(row) : null;
  },
  async insert(tx, record) {
    const row = await trxOf(tx).insertInto('tenants').values(toRow(record)).returningAll().executeTakeFirstOrThrow();
    return toTenant(row);
  },
  async update(tx, tenantId, record, at) {
    const row = await trxOf(tx)
      .updateTable('tenants')
      .set({ ...toRow(record), updated_at: at })
      .where('id', '=', tenantId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toTenant(row);
  },
};
