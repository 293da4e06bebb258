import type { Actor } from '../../domain/actor.js';
import { englishText, validateProvider, validateResource, type Provider, type Resource, type ResourceKind } from '../../domain/billing/catalogue.js';
import { fieldError, notFound, stateProblem } from '../../domain/errors.js';
import { requirePermission, scopeOf } from '../shared/authorize.js';
import type { BillingDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';

/** Cloud providers (LVRTC and LNB are seeded) and metered resources; operators and finance add more. */
export async function listProviders(deps: BillingDeps, actor: Actor): Promise<Provider[]> {
  requirePermission(actor, 'tariffs.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.billing.providers.list(tx));
}

export async function createProvider(deps: BillingDeps, actor: Actor, input: { code: string; name: string }): Promise<Provider> {
  requirePermission(actor, 'tariffs.write');
  const fields = { code: input.code, name: input.name.trim() };
  validateProvider(fields).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (await deps.store.billing.providers.get(tx, fields.code)) {
      throw stateProblem('conflict', 'code_taken', { code: fields.code }, `A provider with code ${fields.code} exists`, [fieldError('code', 'not_unique', 'is already used')]);
    }
    const provider = await deps.store.billing.providers.insert(tx, fields);
    await recordAudit(deps, tx, actor, { action: 'provider.created', entityType: 'provider', entityId: provider.code, tenantId: null, after: provider });
    return provider;
  });
}

export async function listResources(deps: BillingDeps, actor: Actor): Promise<Resource[]> {
  requirePermission(actor, 'tariffs.read');
  return deps.store.run(scopeOf(actor), (tx) => deps.store.billing.resources.list(tx));
}

export interface ResourceInput {
  code: string;
  name: string;
  nameEn?: string | null | undefined;
  unit: string;
  unitCode: string;
  kind: ResourceKind;
  billable?: boolean | undefined;
}

export async function createResource(deps: BillingDeps, actor: Actor, input: ResourceInput): Promise<Resource> {
  requirePermission(actor, 'tariffs.write');
  const fields = { code: input.code, name: input.name.trim(), nameEn: englishText(input.nameEn), unit: input.unit.trim(), unitCode: input.unitCode, kind: input.kind, billable: input.billable ?? true };
  validateResource(fields).throwIfAny();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (await deps.store.billing.resources.get(tx, fields.code)) {
      throw stateProblem('conflict', 'code_taken', { code: fields.code }, `A resource with code ${fields.code} exists`, [fieldError('code', 'not_unique', 'is already used')]);
    }
    const resource = await deps.store.billing.resources.insert(tx, fields);
    await recordAudit(deps, tx, actor, { action: 'resource.created', entityType: 'resource', entityId: resource.code, tenantId: null, after: resource });
    return resource;
  });
}

/** Corrects a resource's names (its code, unit and kind stay: usage and tariffs refer to them). Audited. */
export async function renameResource(deps: BillingDeps, actor: Actor, code: string, changes: { name?: string | undefined; nameEn?: string | null | undefined }): Promise<Resource> {
  requirePermission(actor, 'tariffs.write');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const before = await deps.store.billing.resources.get(tx, code);
    if (!before) throw notFound('Resource');
    const names = { name: (changes.name ?? before.name).trim(), nameEn: changes.nameEn === undefined ? before.nameEn : englishText(changes.nameEn) };
    validateResource({ ...before, ...names }).throwIfAny();
    const after = await deps.store.billing.resources.rename(tx, code, names);
    await recordAudit(deps, tx, actor, { action: 'resource.renamed', entityType: 'resource', entityId: code, tenantId: null, before, after });
    return after;
  });
}
