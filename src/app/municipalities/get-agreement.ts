import type { Actor } from '../../domain/actor.js';
import type { Agreement } from '../../domain/agreement.js';
import { notFound } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { MunicipalityDeps } from './ports.js';

/** The current version with the full history, newest first. */
export async function getAgreement(deps: MunicipalityDeps, actor: Actor, tenantId: string, agreementId: string): Promise<Agreement & { versions: Agreement[] }> {
  requirePermission(actor, 'agreements.read');
  requireTenantAccess(actor, tenantId, 'Agreement');
  const versions = await deps.store.run(scopeOf(actor), (tx) => deps.store.agreements.versions(tx, tenantId, agreementId));
  const [current] = versions;
  if (!current) throw notFound('Agreement');
  return { ...current, versions };
}
