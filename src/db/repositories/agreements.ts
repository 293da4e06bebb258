import type { Selectable } from 'kysely';
import type { Store } from '../../app/ports.js';
import type { Agreement, AgreementTerms, DeskTargets } from '../../domain/agreement.js';
import type { AgreementVersionsTable } from '../schema.js';
import { trxOf } from '../tx.js';

function toAgreement(row: Selectable<AgreementVersionsTable>): Agreement {
  return {
    id: row.agreement_id,
    tenantId: row.tenant_id,
    version: row.version,
    number: row.number,
    signedOn: row.signed_on,
    effectiveFrom: row.effective_from,
    effectiveTo: row.effective_to,
    availabilityTargetPercent: Number(row.availability_target_percent),
    calendarId: row.calendar_id,
    maintenanceNoticeHours: row.maintenance_notice_hours,
    deskTargets: row.desk_targets as DeskTargets,
    buyerReference: row.buyer_reference,
    vatExempt: row.vat_exempt,
    changeNote: row.change_note,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function versionRow(agreementId: string, tenantId: string, version: number, terms: AgreementTerms, changeNote: string | null, createdBy: string) {
  return {
    agreement_id: agreementId,
    version,
    tenant_id: tenantId,
    number: terms.number,
    signed_on: terms.signedOn,
    effective_from: terms.effectiveFrom,
    effective_to: terms.effectiveTo,
    availability_target_percent: String(terms.availabilityTargetPercent),
    calendar_id: terms.calendarId,
    maintenance_notice_hours: terms.maintenanceNoticeHours,
    desk_targets: JSON.stringify(terms.deskTargets),
    buyer_reference: terms.buyerReference,
    vat_exempt: terms.vatExempt,
    change_note: changeNote,
    created_by: createdBy,
  };
}

export const agreementRepository: Store['agreements'] = {
  async listCurrent(tx, tenantId) {
    const rows = await trxOf(tx)
      .selectFrom('agreement_versions as v')
      .selectAll('v')
      .where('v.tenant_id', '=', tenantId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('agreement_versions as newer')
              .select('newer.version')
              .whereRef('newer.agreement_id', '=', 'v.agreement_id')
              .whereRef('newer.version', '>', 'v.version'),
          ),
        ),
      )
      .orderBy('v.effective_from', 'desc')
      .execute();
    return rows.map(toAgreement);
  },
  async versions(tx, tenantId, agreementId) {
    const rows = await trxOf(tx)
      .selectFrom('agreement_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('agreement_id', '=', agreementId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(toAgreement);
  },
  async current(tx, tenantId, agreementId) {
    const row = await trxOf(tx)
      .selectFrom('agreement_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('agreement_id', '=', agreementId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toAgreement(row) : null;
  },
  async numberTaken(tx, number, exceptAgreementId) {
    let q = trxOf(tx).selectFrom('agreements').select('id').where('number', '=', number);
    if (exceptAgreementId) q = q.where('id', '!=', exceptAgreementId);
    return (await q.executeTakeFirst()) !== undefined;
  },
  async create(tx, tenantId, terms, createdBy) {
    const trx = trxOf(tx);
    const { id } = await trx
      .insertInto('agreements')
      .values({ tenant_id: tenantId, number: terms.number })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('agreement_versions')
      .values(versionRow(id, tenantId, 1, terms, null, createdBy))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAgreement(row);
  },
  async addVersion(tx, tenantId, agreementId, version, terms, changeNote, createdBy) {
    const trx = trxOf(tx);
    // The number lives on the agreement too, so a renumbering stays unique.
    await trx.updateTable('agreements').set({ number: terms.number }).where('id', '=', agreementId).where('tenant_id', '=', tenantId).execute();
    const row = await trx
      .insertInto('agreement_versions')
      .values(versionRow(agreementId, tenantId, version, terms, changeNote, createdBy))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAgreement(row);
  },
};
