import type { Actor } from '../../domain/actor.js';
import { forbidden, notFound } from '../../domain/errors.js';
import { can, type Permission } from '../../domain/roles.js';
import type { Scope } from './transaction.js';

export function scopeOf(actor: Actor): Scope {
  return { role: actor.role, tenantId: actor.tenantId };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (actor.role === 'system') return;
  if (!can(actor.role, permission)) throw forbidden(`Your role (${actor.role}) may not do this (${permission})`);
}

/**
 * A tenant role asking about another tenant learns nothing, not even that it exists:
 * the answer is the same 404 as for an id that does not exist.
 */
export function requireTenantAccess(actor: Actor, tenantId: string, what = 'Municipality'): void {
  if (actor.role === 'system' || actor.tenantId === null) return;
  if (actor.tenantId !== tenantId) throw notFound(what);
}

/** The tenant filter a list should apply: own tenant for tenant roles, all for agency. */
export function tenantFilterOf(actor: Actor): string | null {
  return actor.role === 'system' ? null : actor.tenantId;
}
