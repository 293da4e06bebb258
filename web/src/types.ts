/**
 * Only the single sign-on feature (web/src/features/sso, moved by another change) still imports
 * this file; everything else takes generated shapes from its feature's queries.ts and the role
 * lists from roles.ts. Delete it when sso does.
 */
export type { Role } from './roles';
export type { Tenant } from './features/municipalities/queries';
