import type { Actor } from '../../domain/actor.js';
import { FieldErrors, forbidden, notFound } from '../../domain/errors.js';
import { canGrantRole, isTenantRole, type Role } from '../../domain/roles.js';
import type { ApiTokenView } from '../../domain/user.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { IdentityDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import { hashSecret, newApiToken } from '../shared/secrets.js';
import { tokenViews } from './token-views.js';

export interface CreateTokenInput {
  name: string;
  role: Role;
  tenantId?: string | null | undefined;
  expiresAt?: string | null | undefined;
}

/**
 * The secret is returned once; only its hash is stored. The token remembers the person behind
 * it — the signed-in person, or the person behind the token used to make it — and works only
 * while that person could still make it (see domain/token-access.ts).
 */
export async function createToken(deps: IdentityDeps, actor: Actor, input: CreateTokenInput): Promise<ApiTokenView & { token: string }> {
  requirePermission(actor, 'tokens.write');
  if (actor.role !== 'system' && !canGrantRole(actor.role, input.role)) throw forbidden(`Your role may not create ${input.role} tokens`);
  const tenantId = input.tenantId ?? (isTenantRole(input.role) && actor.tenantId ? actor.tenantId : null);
  if (tenantId) requireTenantAccess(actor, tenantId);

  const errors = new FieldErrors();
  if (input.name.trim().length < 2) errors.add('name', 'too_short', 'must have at least 2 characters', { min: 2 });
  if (isTenantRole(input.role) && !tenantId) errors.add('tenantId', 'role_needs_tenant', 'is required for a municipality role');
  if (!isTenantRole(input.role) && tenantId) errors.add('tenantId', 'role_takes_no_tenant', 'must be empty for an agency role');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= deps.clock.now()) errors.add('expiresAt', 'must_be_future', 'must be in the future');
  errors.throwIfAny();

  const { token, prefix } = newApiToken();
  const created = await deps.store.run(scopeOf(actor), async (tx) => {
    const tenant = tenantId ? await deps.store.tenants.get(tx, tenantId) : null;
    if (tenantId && !tenant) throw notFound('Municipality');
    const createdByUserId = actor.kind === 'user' ? actor.id : actor.kind === 'token' && actor.id ? ((await deps.store.tokens.get(tx, null, actor.id))?.createdByUserId ?? null) : null;
    const inserted = await deps.store.tokens.insert(tx, {
      name: input.name.trim(),
      role: input.role,
      tenantId,
      prefix,
      tokenHash: hashSecret(token),
      createdBy: actor.label,
      createdByUserId,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
    await recordAudit(deps, tx, actor, { action: 'token.created', entityType: 'api_token', entityId: inserted.id, tenantId, after: inserted });
    return { ...inserted, tenantName: tenant?.name ?? null, tenantStatus: tenant?.status ?? null };
  });
  return { ...(await tokenViews(deps, [created]))[0]!, token };
}
