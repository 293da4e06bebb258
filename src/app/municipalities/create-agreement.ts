import type { Actor } from '../../domain/actor.js';
import { validateAgreementTerms, withDefaults, type Agreement, type AgreementTerms } from '../../domain/agreement.js';
import { KopaError, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import type { MunicipalityDeps } from './ports.js';

export type AgreementInput = Partial<AgreementTerms> & Pick<AgreementTerms, 'number' | 'signedOn' | 'effectiveFrom'>;

/** Checks that need the database: a known calendar and a unique agreement number. */
export async function checkAgreementReferences(deps: MunicipalityDeps, tx: Tx, terms: AgreementTerms, agreementId?: string): Promise<void> {
  if (!(await deps.store.calendars.exists(tx, terms.calendarId))) {
    throw new KopaError('validation', `calendarId: unknown calendar ${terms.calendarId}`, [fieldError('calendarId', 'invalid_id', 'is not a known calendar')]);
  }
  if (await deps.store.agreements.numberTaken(tx, terms.number, agreementId)) {
    throw stateProblem('conflict', 'agreement_number_taken', {}, 'An agreement with this number already exists', [fieldError('number', 'not_unique', 'is already used by another agreement')]);
  }
}

export async function createAgreement(deps: MunicipalityDeps, actor: Actor, tenantId: string, input: AgreementInput): Promise<Agreement> {
  requirePermission(actor, 'agreements.write');
  requireTenantAccess(actor, tenantId);
  const terms = withDefaults(input);
  validateAgreementTerms(terms).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    await checkAgreementReferences(deps, tx, terms);
    const agreement = await deps.store.agreements.create(tx, tenantId, terms, actor.label);
    await recordAudit(deps, tx, actor, { action: 'agreement.created', entityType: 'agreement', entityId: agreement.id, tenantId, after: agreement });
    return agreement;
  });
}
