import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor.js';
import { KopaError, forbidden, notFound, fieldError, stateProblem } from '../../domain/errors.js';
import { checkProviderFields, defaultRoleFor, type IdentityProvider, type ProviderFields, type RoleMappingEntry } from '../../domain/identity-provider.js';
import type { Role } from '../../domain/roles.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { OidcDeps, ProviderMetadata, StoredProvider } from './oidc-ports.js';
import type { SecretBox } from '../shared/ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { clientSecretContext, providerClient, relyingPartyOf } from './provider-client.js';

/** A provider as the API shows it: everything but the secret, which never leaves the server. */
export type ProviderView = IdentityProvider & { tenantName: string | null };

export interface NewProviderInput {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  tenantId: string | null;
  emailDomains: string[];
  createPeople?: boolean | undefined;
  defaultRole?: Role | undefined;
  mfaAcrValues?: string[] | undefined;
  roleClaim?: string | null | undefined;
  roleMapping?: RoleMappingEntry[] | undefined;
  enabled?: boolean | undefined;
}

export type ProviderChanges = Partial<Omit<NewProviderInput, 'tenantId'>>;

function secretBoxOf(deps: OidcDeps): SecretBox {
  if (!deps.secretBox) throw stateProblem('invalid_state', 'secret_key_missing', {}, 'Identity providers need KOPA_SECRET_KEY (to keep client secrets encrypted), which this server was started without');
  return deps.secretBox;
}

function secretProblem(secret: string): void {
  if (secret.length === 0 || secret.length > 1000) throw new KopaError('validation', 'clientSecret: must have 1 to 1000 characters', [fieldError('clientSecret', 'length_between', 'must have 1 to 1000 characters', { min: 1, max: 1000 })]);
}

export function viewOf(provider: StoredProvider): ProviderView {
  const { clientSecretSealed: _sealed, ...view } = provider;
  return view;
}

/** The agency's providers are operators' to manage; a municipality's admin manages its own municipality's only. */
function requireProviderAccess(actor: Actor, tenantId: string | null): void {
  if (tenantId === null) {
    if (actor.role !== 'system' && actor.tenantId !== null) throw forbidden("Only agency operators manage the agency's identity providers");
    return;
  }
  requireTenantAccess(actor, tenantId);
}

/**
 * Roles come from Kopa; only an agency operator may let a provider's claim decide them, and so
 * only an operator may set or change a mapping, even on a municipality's own provider.
 */
function requireMappingAccess(actor: Actor, changes: Pick<NewProviderInput, 'roleClaim' | 'roleMapping'>): void {
  if (changes.roleClaim === undefined && changes.roleMapping === undefined) return;
  if (actor.role !== 'system' && actor.role !== 'operator') throw forbidden('Only agency operators map provider claims to roles');
}

export async function listIdentityProviders(deps: OidcDeps, actor: Actor): Promise<ProviderView[]> {
  requirePermission(actor, 'identity_providers.read');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const all = await deps.store.identityProviders.list(tx, actor.tenantId === null ? {} : { tenantId: actor.tenantId });
    return all.map(viewOf);
  });
}

async function visibleProvider(deps: OidcDeps, actor: Actor, providerId: string): Promise<StoredProvider> {
  return deps.store.run(scopeOf(actor), async (tx) => {
    const provider = await deps.store.identityProviders.get(tx, providerId);
    // A municipality sees neither the agency's providers nor another municipality's: all are "not found".
    if (!provider || (actor.tenantId !== null && provider.tenantId !== actor.tenantId)) throw notFound('Identity provider');
    return provider;
  });
}

export async function getIdentityProvider(deps: OidcDeps, actor: Actor, providerId: string): Promise<ProviderView> {
  requirePermission(actor, 'identity_providers.read');
  return viewOf(await visibleProvider(deps, actor, providerId));
}

export async function createIdentityProvider(deps: OidcDeps, actor: Actor, input: NewProviderInput): Promise<ProviderView> {
  requirePermission(actor, 'identity_providers.write');
  requireProviderAccess(actor, input.tenantId);
  requireMappingAccess(actor, input);
  const fields = checkProviderFields({
    tenantId: input.tenantId,
    name: input.name,
    issuer: input.issuer,
    clientId: input.clientId,
    emailDomains: input.emailDomains,
    createPeople: input.createPeople ?? false,
    defaultRole: input.defaultRole ?? defaultRoleFor(input.tenantId),
    mfaAcrValues: input.mfaAcrValues ?? [],
    roleClaim: input.roleClaim ?? null,
    roleMapping: input.roleMapping ?? [],
    enabled: input.enabled ?? true,
  });
  secretProblem(input.clientSecret);
  const id = randomUUID();
  const sealed = secretBoxOf(deps).seal(input.clientSecret, clientSecretContext(id));
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (fields.tenantId !== null && !(await deps.store.tenants.get(tx, fields.tenantId))) throw notFound('Municipality');
    if (await deps.store.identityProviders.byIssuerAndClient(tx, fields.issuer, fields.clientId)) {
      throw stateProblem('conflict', 'provider_registered', {}, 'A provider with this issuer and client id is registered already', [fieldError('clientId', 'not_unique', 'is already registered for this issuer')]);
    }
    const provider = viewOf(await deps.store.identityProviders.insert(tx, id, fields, sealed));
    await recordAudit(deps, tx, actor, { action: 'identity_provider.created', entityType: 'identity_provider', entityId: id, tenantId: fields.tenantId, after: provider });
    return provider;
  });
}

export async function updateIdentityProvider(deps: OidcDeps, actor: Actor, providerId: string, changes: ProviderChanges): Promise<ProviderView> {
  requirePermission(actor, 'identity_providers.write');
  const current = await visibleProvider(deps, actor, providerId);
  requireProviderAccess(actor, current.tenantId);
  requireMappingAccess(actor, changes);
  const fields: ProviderFields = checkProviderFields({
    tenantId: current.tenantId,
    name: changes.name ?? current.name,
    issuer: changes.issuer ?? current.issuer,
    clientId: changes.clientId ?? current.clientId,
    emailDomains: changes.emailDomains ?? current.emailDomains,
    createPeople: changes.createPeople ?? current.createPeople,
    defaultRole: changes.defaultRole ?? current.defaultRole,
    mfaAcrValues: changes.mfaAcrValues ?? current.mfaAcrValues,
    roleClaim: changes.roleClaim === undefined ? current.roleClaim : changes.roleClaim,
    roleMapping: changes.roleMapping ?? current.roleMapping,
    enabled: changes.enabled ?? current.enabled,
  });
  if (changes.clientSecret !== undefined) secretProblem(changes.clientSecret);
  const sealed = changes.clientSecret === undefined ? null : secretBoxOf(deps).seal(changes.clientSecret, clientSecretContext(providerId));
  return deps.store.run(scopeOf(actor), async (tx) => {
    const same = await deps.store.identityProviders.byIssuerAndClient(tx, fields.issuer, fields.clientId);
    if (same && same.id !== providerId) throw stateProblem('conflict', 'provider_registered', {}, 'A provider with this issuer and client id is registered already', [fieldError('clientId', 'not_unique', 'is already registered for this issuer')]);
    const updated = viewOf(await deps.store.identityProviders.update(tx, providerId, fields, sealed, deps.clock.now()));
    await recordAudit(deps, tx, actor, {
      action: 'identity_provider.updated',
      entityType: 'identity_provider',
      entityId: providerId,
      tenantId: current.tenantId,
      before: viewOf(current),
      after: { ...updated, ...(sealed && { clientSecret: 'replaced' }) },
    });
    return updated;
  });
}

/**
 * Removes the provider and every identity linked through it (the audit event says how many), and
 * what its sessions remember of it: sessions already open stay until they end, but can no longer
 * be ended by the provider's back-channel logout. To stop sign-ins but keep the links, disable it.
 */
export async function deleteIdentityProvider(deps: OidcDeps, actor: Actor, providerId: string): Promise<void> {
  requirePermission(actor, 'identity_providers.write');
  const current = await visibleProvider(deps, actor, providerId);
  requireProviderAccess(actor, current.tenantId);
  await deps.store.run(scopeOf(actor), async (tx) => {
    const linkedIdentities = await deps.store.identityProviders.countLinks(tx, providerId);
    await deps.store.identityProviders.delete(tx, providerId);
    await recordAudit(deps, tx, actor, { action: 'identity_provider.deleted', entityType: 'identity_provider', entityId: providerId, tenantId: current.tenantId, before: { ...viewOf(current), linkedIdentities } });
  });
}

/** "Test": Kopa reads the provider's discovery document with the stored settings and says what it found. */
export async function testIdentityProvider(deps: OidcDeps, actor: Actor, providerId: string): Promise<{ ok: true; metadata: ProviderMetadata } | { ok: false; error: string }> {
  requirePermission(actor, 'identity_providers.write');
  const provider = await visibleProvider(deps, actor, providerId);
  requireProviderAccess(actor, provider.tenantId);
  try {
    return { ok: true, metadata: await relyingPartyOf(deps).discover(providerClient(deps, provider)) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.slice(0, 500) : 'the provider could not be reached' };
  }
}
