import type { Role } from './roles.js';
import type { TenantStatus } from './tenant.js';

/**
 * What a request does, as far as a municipality's standing goes: reads, writes, or a
 * person looking after their own sign-in (signing in and out, language, password, second
 * factor, own sessions) — which a suspended municipality's people keep.
 */
export type AccessIntent = 'read' | 'write' | 'own_account';

/** Stable codes a refused caller gets. */
export type AccessRefusal = 'tenant_suspended' | 'tenant_offboarded';

export interface AccessSubject {
  kind: 'user' | 'token' | 'system';
  role: Role | 'system';
  tenantId: string | null;
}

/**
 * The rule of DESIGN.md's "tokens die with the municipality behind them":
 * - `suspended`: its people and tokens read; writes are refused, except a person's own account;
 * - `offboarded`: nothing at all, not even signing in; its records stay for the agency;
 * - `onboarding` and `active`: no limits beyond the role's.
 * Agency staff and the system belong to no municipality and are never limited by one.
 */
export function tenantAccessRefusal(subject: AccessSubject, status: TenantStatus | null, intent: AccessIntent): AccessRefusal | null {
  if (subject.kind === 'system' || subject.role === 'system' || subject.tenantId === null) return null;
  if (status === 'offboarded') return 'tenant_offboarded';
  if (status !== 'suspended' || intent === 'read') return null;
  if (intent === 'own_account' && subject.kind === 'user') return null;
  return 'tenant_suspended';
}
