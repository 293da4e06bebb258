import type { Actor } from '../domain/actor.js';
import { FieldErrors, forbidden, notFound } from '../domain/errors.js';
import { canGrantRole, isTenantRole, type Role } from '../domain/roles.js';
import type { ApiToken } from '../domain/user.js';
import { requirePermission, requireTenantAccess, scopeOf } from './authorize.js';
import type { Deps } from './ports.js';
import { recordAudit } from './record-audit.js';
import { hashSecret, newApiToken } from './secrets.js';

export interface CreateTokenInput {
  name: string;
  role: Role;
  tenantId?: string | null | undefined;
  expiresAt?: string | null | undefined;
}

/** The secret is returned once; only its hash is stored. */
export async function createToken(deps: Deps, actor: Actor, input: CreateTokenInput): Promise<ApiToken & { token: string }> {
  requirePermission(actor, 'tokens.write');
  if (actor.role !== 'system' && !canGrantRole(actor.role, input.role)) throw forbidden(`Your role may not create ${input.role} tokens`);
  const tenantId = input.tenantId ?? (isTenantRole(input.role) && actor.tenantId ? actor.tenantId : null);
  if (tenantId) requireTenantAccess(actor, tenantId);

  const errors = new FieldErrors();
  if (input.name.trim().length < 2) errors.add('name', 'must have at least 2 characters');
  if (isTenantRole(input.role) && !tenantId) errors.add('tenantId', 'is required for a municipality role');
  if (!isTenantRole(input.role) && tenantId) errors.add('tenantId', 'must be empty for an agency role');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= deps.clock.now()) errors.add('expiresAt', 'must be in the future');
  errors.throwIfAny();

  const { token, prefix } = newApiToken();
  return deps.store.run(scopeOf(actor), async (tx) => {
    if (tenantId && !(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
    const created = await deps.store.tokens.insert(tx, {
      name: input.name.trim(),
      role: input.role,
      tenantId,
      prefix,
      tokenHash: hashSecret(token),
      createdBy: actor.label,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
    await recordAudit(deps, tx, actor, { action: 'token.created', entityType: 'api_token', entityId: created.id, tenantId, after: created });
    return { ...created, token };
  });
}
