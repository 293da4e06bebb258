import type { Role, TenantStatus } from './types';

/** What the UI offers each role; mirrors the server's permissions (the server decides). */
const RULES = {
  'tenants.write': ['operator'],
  'agreements.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin'],
  'agreements.write': ['operator'],
  'users.read': ['operator', 'auditor', 'tenant_admin'],
  'users.write': ['operator', 'tenant_admin'],
  'agencyUsers.manage': ['operator'],
  'tokens.manage': ['operator', 'tenant_admin'],
  'audit.read': ['operator', 'auditor', 'tenant_admin'],
  'identityProviders.read': ['operator', 'auditor', 'tenant_admin'],
  'identityProviders.manage': ['operator', 'tenant_admin'],
  'audit.verify': ['operator', 'auditor'],
  'tickets.read': ['operator', 'desk_agent', 'auditor', 'tenant_admin', 'tenant_user'],
  'tickets.write': ['operator', 'desk_agent', 'tenant_admin', 'tenant_user'],
  'tickets.manage': ['operator', 'desk_agent'],
  'deskReports.read': ['operator', 'desk_agent', 'auditor', 'tenant_admin'],
  'calendars.write': ['operator'],
  'services.write': ['operator'],
  'subscriptions.write': ['operator'],
  'incidents.write': ['operator', 'desk_agent'],
  'monitors.read': ['operator', 'desk_agent', 'auditor', 'tenant_admin', 'tenant_user'],
  'monitors.write': ['operator'],
  'maintenance.write': ['operator', 'desk_agent'],
  'slaReports.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin'],
  'slaReports.publish': ['operator'],
  'slaExclusions.write': ['operator'],
  'billing.read': ['operator', 'finance', 'auditor'],
  'billing.write': ['operator', 'finance'],
  'statements.read': ['operator', 'finance', 'auditor', 'tenant_admin'],
  'usage.read': ['operator', 'finance', 'auditor', 'tenant_admin'],
  'forecast.read': ['operator', 'finance', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type UiPermission = keyof typeof RULES;

export function can(role: Role | undefined, permission: UiPermission): boolean {
  return role !== undefined && (RULES[permission] as readonly Role[]).includes(role);
}

/**
 * May the person change things this permission covers? A suspended municipality's people
 * read only (the server refuses their writes with `tenant_suspended`), so the UI offers none.
 */
export function canChange(user: { role: Role; tenantStatus: TenantStatus | null } | null | undefined, permission: UiPermission): boolean {
  return !!user && can(user.role, permission) && !isReadOnly(user);
}

/** The signed-in person's municipality is suspended: reading only. */
export function isReadOnly(user: { tenantStatus: TenantStatus | null } | null | undefined): boolean {
  return user?.tenantStatus === 'suspended';
}

export function rolesFor(permission: UiPermission): readonly Role[] {
  return RULES[permission];
}
