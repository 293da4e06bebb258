import type { Role } from './roles.js';

/**
 * Who is acting: a signed-in person, an API token, or the system itself
 * (CLI, start-up, background jobs). Every audit event names one.
 */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: string | null;
  label: string;
  /** `system` acts across tenants like an operator but is never a login. */
  role: Role | 'system';
  tenantId: string | null;
  requestId: string | null;
  clientAddress: string | null;
}

export function systemActor(label: string, requestId: string | null = null): Actor {
  return { kind: 'system', id: null, label, role: 'system', tenantId: null, requestId, clientAddress: null };
}
