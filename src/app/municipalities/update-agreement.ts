import type { Actor } from '../../domain/actor.js';
import { changedTerms, validateAgreementTerms, type Agreement, type AgreementTerms } from '../../domain/agreement.js';
import { KopaError, notFound, fieldError } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import { checkAgreementReferences } from './create-agreement.js';
import { recordAudit } from '../audit/record-audit.js';
import type { MunicipalityDeps } from './ports.js';

export type AgreementChanges = Partial<AgreementTerms> & { changeNote?: string | null | undefined };

/** A change never overwrites: it adds a version, and the earlier ones stay readable. */
export async function updateAgreement(deps: MunicipalityDeps, actor: Actor, tenantId: string, agreementId: string, changes: AgreementChanges): Promise<Agreement> {
  requirePermission(actor, 'agreements.write');
  requireTenantAccess(actor, tenantId);
  return deps.store.run(scopeOf(actor), async (tx) => {
    const current = await deps.store.agreements.current(tx, tenantId, agreementId);
    if (!current) throw notFound('Agreement');
    const { changeNote, ...rest } = changes;
    const terms: AgreementTerms = {
      number: rest.number?.trim() ?? current.number,
      signedOn: rest.signedOn ?? current.signedOn,
      effectiveFrom: rest.effectiveFrom ?? current.effectiveFrom,
      effectiveTo: rest.effectiveTo === undefined ? current.effectiveTo : rest.effectiveTo,
      availabilityTargetPercent: rest.availabilityTargetPercent ?? current.availabilityTargetPercent,
      calendarId: rest.calendarId ?? current.calendarId,
      maintenanceNoticeHours: rest.maintenanceNoticeHours ?? current.maintenanceNoticeHours,
      deskTargets: rest.deskTargets ?? current.deskTargets,
      buyerReference: rest.buyerReference === undefined ? current.buyerReference : rest.buyerReference?.trim() || null,
      vatExempt: rest.vatExempt ?? current.vatExempt,
    };
    validateAgreementTerms(terms).throwIfAny();
    if (changedTerms(current, terms).length === 0) {
      throw new KopaError('validation', 'Nothing to change: the new terms equal the current version', [fieldError('body', 'required', 'changes nothing')]);
    }
    await checkAgreementReferences(deps, tx, terms, agreementId);
    const next = await deps.store.agreements.addVersion(tx, tenantId, agreementId, current.version + 1, terms, changeNote?.trim() || null, actor.label);
    await recordAudit(deps, tx, actor, { action: 'agreement.versioned', entityType: 'agreement', entityId: agreementId, tenantId, before: current, after: next });
    return next;
  });
}
