import type { Tenant } from '../domain/tenant.js';

/** Wire shape of a tenant: the Peppol endpoint travels as one object. */
export function presentTenant(t: Tenant) {
  const { peppolScheme, peppolId, ...rest } = t;
  return { ...rest, peppolEndpoint: { scheme: peppolScheme, id: peppolId } };
}
