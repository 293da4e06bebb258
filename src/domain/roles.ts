/** The roles of DESIGN.md's user table. */
export const AGENCY_ROLES = ['operator', 'desk_agent', 'finance', 'auditor'] as const;
export const TENANT_ROLES = ['tenant_admin', 'tenant_user'] as const;
export const ROLES = [...AGENCY_ROLES, ...TENANT_ROLES] as const;

export type AgencyRole = (typeof AGENCY_ROLES)[number];
export type TenantRole = (typeof TENANT_ROLES)[number];
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAgencyRole(role: Role): role is AgencyRole {
  return (AGENCY_ROLES as readonly string[]).includes(role);
}

export function isTenantRole(role: Role): role is TenantRole {
  return (TENANT_ROLES as readonly string[]).includes(role);
}

/**
 * Who may do what. Kept as data so the UI navigation and the API agree.
 * Tenant roles act on their own tenant only; that scope is checked separately.
 */
export const PERMISSIONS = {
  'tenants.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user'],
  'tenants.write': ['operator'],
  /** Everything a municipality left behind, as one archive (offboarding, records retention). */
  'tenants.export': ['operator'],
  'agreements.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin'],
  'agreements.write': ['operator'],
  'users.read': ['operator', 'auditor', 'tenant_admin'],
  'users.write': ['operator', 'tenant_admin'],
  'tokens.read': ['operator', 'auditor', 'tenant_admin'],
  'tokens.write': ['operator', 'tenant_admin'],
  'audit.read': ['operator', 'auditor', 'tenant_admin'],
  /** OpenID Connect providers: the agency's are operators', a municipality's its admin's too. */
  'identity_providers.read': ['operator', 'auditor', 'tenant_admin'],
  'identity_providers.write': ['operator', 'tenant_admin'],
  'calendars.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user'],
  'calendars.write': ['operator'],
  'services.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user'],
  'services.write': ['operator'],
  'subscriptions.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user'],
  'subscriptions.write': ['operator'],
  'monitors.read': ['operator', 'desk_agent', 'auditor', 'tenant_admin', 'tenant_user'],
  'monitors.write': ['operator'],
  'results.write': ['operator'],
  'maintenance.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin', 'tenant_user'],
  'maintenance.write': ['operator', 'desk_agent'],
  'incidents.write': ['operator', 'desk_agent'],
  'sla_reports.publish': ['operator'],
  'sla_exclusions.write': ['operator'],
  'sla_reports.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin'],
  'tickets.read': ['operator', 'desk_agent', 'auditor', 'tenant_admin', 'tenant_user'],
  'tickets.write': ['operator', 'desk_agent', 'tenant_admin', 'tenant_user'],
  'tickets.manage': ['operator', 'desk_agent'],
  'desk_reports.read': ['operator', 'desk_agent', 'auditor', 'tenant_admin'],
  'settings.read': ['operator', 'auditor'],
  'notification_settings.read': ['operator', 'auditor', 'tenant_admin', 'tenant_user'],
  'notification_settings.write': ['operator', 'tenant_admin'],
  'outbox.read': ['operator'],
  'outbox.write': ['operator'],
  'invoices.read': ['operator', 'finance', 'auditor', 'tenant_admin'],
  'seller.write': ['operator', 'finance'],
  'billing_runs.read': ['operator', 'finance', 'auditor'],
  'billing_runs.write': ['operator', 'finance'],
  'statements.read': ['operator', 'finance', 'auditor', 'tenant_admin'],
  'forecast.read': ['operator', 'finance', 'auditor'],
  'tariffs.read': ['operator', 'desk_agent', 'finance', 'auditor', 'tenant_admin'],
  'tariffs.write': ['operator', 'finance'],
  'usage.read': ['operator', 'finance', 'auditor', 'tenant_admin'],
  'usage.write': ['operator', 'finance'],
  'cost_pools.read': ['operator', 'finance', 'auditor', 'tenant_admin'],
  'cost_pools.write': ['operator', 'finance'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Every permission the role holds, in the table's order: what the UI may offer this person. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
}

/** A role may only hand out roles at or below its own reach. */
export function canGrantRole(granter: Role, role: Role): boolean {
  if (granter === 'operator') return true;
  if (granter === 'tenant_admin') return isTenantRole(role);
  return false;
}
