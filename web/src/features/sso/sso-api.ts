import { listAll, query, request } from '../../api';
import type { Role } from '../../types';

/** A provider offered on the sign-in page: names only. */
export interface ProviderChoice {
  id: string;
  name: string;
  /** The municipality's name; null for the agency. */
  organisation: string | null;
}

export interface IdentityProvider {
  id: string;
  tenantId: string | null;
  tenantName: string | null;
  name: string;
  issuer: string;
  clientId: string;
  emailDomains: string[];
  createPeople: boolean;
  defaultRole: Role;
  mfaAcrValues: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewIdentityProvider {
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  tenantId: string | null;
  emailDomains: string[];
  createPeople: boolean;
  defaultRole: Role;
}

export interface ProviderTest {
  ok: boolean;
  error?: string;
  metadata?: { issuer: string; authorizationEndpoint: string; endSessionEndpoint: string | null; backchannelLogoutSupported: boolean };
}

export interface LinkedIdentity {
  id: string;
  providerId: string;
  providerName: string;
  subject: string;
  email: string;
  createdAt: string;
  lastUsedAt: string;
}

/** Where the browser goes to sign in through a provider; Kopa comes back to `returnTo`. */
export function startUrl(providerId: string, returnTo: string): string {
  return `/api/v1/auth/oidc/${encodeURIComponent(providerId)}/start${query({ returnTo })}`;
}

/** Kopa's redirect URI to register at a provider. */
export function redirectUri(): string {
  return `${window.location.origin}/api/v1/auth/oidc/callback`;
}

export const ssoApi = {
  providersFor: (email: string, signal?: AbortSignal) => request<ProviderChoice[]>('GET', `/auth/providers${query({ email })}`, { signal, quietUnauthorized: true }),
  list: (signal?: AbortSignal) => listAll<IdentityProvider>('/identity-providers', signal),
  create: (body: NewIdentityProvider) => request<IdentityProvider>('POST', '/identity-providers', { body }),
  update: (id: string, body: Partial<NewIdentityProvider & { enabled: boolean }>) => request<IdentityProvider>('PATCH', `/identity-providers/${encodeURIComponent(id)}`, { body }),
  remove: (id: string) => request<void>('DELETE', `/identity-providers/${encodeURIComponent(id)}`),
  test: (id: string) => request<ProviderTest>('POST', `/identity-providers/${encodeURIComponent(id)}/test`),
  myIdentities: (signal?: AbortSignal) => listAll<LinkedIdentity>('/account/identities', signal),
  /** Signs out; for a session that came from a provider, the provider's end-session URL comes back. */
  logOut: () => request<{ endSessionUrl: string | null }>('POST', '/session/logout', { quietUnauthorized: true }),
};
