/**
 * The roles, municipality statuses, Peppol schemes and priorities the UI offers: the server's own
 * lists from src/domain (the one place), not copies.
 */
export { AGENCY_ROLES, isTenantRole, ROLES, TENANT_ROLES, type AgencyRole, type Role, type TenantRole } from '../../src/domain/roles';
export { PEPPOL_SCHEMES, TENANT_STATUSES, type TenantStatus } from '../../src/domain/tenant';
export { PRIORITIES, type Priority } from '../../src/domain/agreement';
