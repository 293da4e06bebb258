/**
 * The transaction every store method takes. Apart from ports.ts so the per-area ports
 * (which ports.ts gathers into the Store) can name it without importing ports.ts back.
 */
import type { Role } from '../../domain/roles.js';

declare const txBrand: unique symbol;
/** An open database transaction with its tenant scope set; opaque to the app. */
export type Tx = { readonly [txBrand]: true };

/** Row-level security scope of a transaction. */
export interface Scope {
  role: Role | 'system';
  tenantId: string | null;
}

/**
 * The scope of work done on behalf of no one tenant (jobs, sign-in before a tenant is known,
 * cross-tenant billing). One frozen constant, so a grep finds every place that bypasses tenant scope.
 */
export const SYSTEM: Readonly<Scope> = Object.freeze({ role: 'system', tenantId: null });
