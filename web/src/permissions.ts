import type { Schemas } from './api/client';

/** A permission name as the server enforces it; the session lists the signed-in person's (ADR 0012). */
export type Permission = Schemas['SessionInfo']['permissions'][number];

/** What the UI needs of the session to decide what to offer. */
interface Allowed {
  permissions: readonly Permission[];
  readOnly: boolean;
  tenantId: string | null;
}

/** The server grants this person the permission (it decides every request again). */
export function can(user: Allowed | null | undefined, permission: Permission): boolean {
  return !!user && user.permissions.includes(permission);
}

/**
 * May the person change things this permission covers? A suspended municipality's people
 * read only (the server refuses their writes with `tenant_suspended`), so the UI offers none.
 */
export function canChange(user: Allowed | null | undefined, permission: Permission): boolean {
  return can(user, permission) && !isReadOnly(user);
}

/** The signed-in person's municipality is suspended: reading only. */
export function isReadOnly(user: { readOnly: boolean } | null | undefined): boolean {
  return user?.readOnly === true;
}

/**
 * Agency staff holding the permission: what the server allows across municipalities only
 * (agency accounts are managed with users.write, the whole audit chain verified with audit.read).
 */
export function canAcrossTenants(user: Allowed | null | undefined, permission: Permission): boolean {
  return can(user, permission) && user?.tenantId === null;
}
