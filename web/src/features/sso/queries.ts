import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf, type Schemas } from '../../api/client';
import { useQueryResource } from '../../api/resource';

/** The shapes of single sign-on's answers, generated from the server's OpenAPI (ADR 0012). */
export type ProviderChoice = ResponseOf<'/api/v1/auth/providers', 'get'>[number];
export type IdentityProvider = ResponseOf<'/api/v1/identity-providers/{id}', 'get'>;
export type NewIdentityProvider = BodyOf<'/api/v1/identity-providers', 'post'>;
export type ProviderChanges = BodyOf<'/api/v1/identity-providers/{id}', 'patch'>;
export type ProviderTest = ResponseOf<'/api/v1/identity-providers/{id}/test', 'post'>;
export type LinkedIdentity = ResponseOf<'/api/v1/account/identities', 'get'>['items'][number];
export type RoleMappingEntry = IdentityProvider['roleMapping'][number];
export type Role = IdentityProvider['defaultRole'];
export type Tenant = Schemas['Tenant'];

/** The roles a provider may give: agency roles for the agency's (tenantId null), municipality roles for a municipality's. */
export function rolesFor(tenantId: string | null): Role[] {
  return tenantId === null ? ['desk_agent', 'auditor', 'finance', 'operator'] : ['tenant_user', 'tenant_admin'];
}

const keys = { providers: ['identity-providers'] as const, ownIdentities: ['account', 'identities'] as const };

/** Where the browser goes to sign in through a provider; Kopa comes back to `returnTo`. */
export function startUrl(providerId: string, returnTo: string): string {
  return `/api/v1/auth/oidc/${encodeURIComponent(providerId)}/start?${new URLSearchParams({ returnTo }).toString()}`;
}

/** Kopa's redirect URI to register at a provider. */
export function redirectUri(): string {
  return `${window.location.origin}/api/v1/auth/oidc/callback`;
}

/** The enabled providers offered for an e-mail address (public; names only). */
export function providersFor(email: string, signal?: AbortSignal): Promise<ProviderChoice[]> {
  return body(client.GET('/api/v1/auth/providers', { params: { query: { email } }, signal }));
}

/** Signs out; for a session that came from a provider, the provider's end-session URL comes back. */
export function logOut(): Promise<{ endSessionUrl: string | null }> {
  return body(client.POST('/api/v1/session/logout'));
}

/** The providers the person may see: all for agency staff, their municipality's for its admin. */
export function useIdentityProviders() {
  const query = useQuery({
    queryKey: keys.providers,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/identity-providers', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.providers);
}

/** Every change answers with the provider as it is now; it replaces (or joins) the cached list. */
function useReplaceProvider() {
  const queryClient = useQueryClient();
  return (saved: IdentityProvider) =>
    queryClient.setQueryData<IdentityProvider[]>(keys.providers, (list) => (list?.some((p) => p.id === saved.id) ? list.map((p) => (p.id === saved.id ? saved : p)) : [...(list ?? []), saved]));
}

export function useCreateProvider() {
  const replace = useReplaceProvider();
  return useMutation({ mutationFn: (input: NewIdentityProvider) => body(client.POST('/api/v1/identity-providers', { body: input })), onSuccess: replace });
}

export function useUpdateProvider() {
  const replace = useReplaceProvider();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: ProviderChanges }) => body(client.PATCH('/api/v1/identity-providers/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: replace,
  });
}

export function useDeleteProvider() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await body(client.DELETE('/api/v1/identity-providers/{id}', { params: { path: { id } } }));
      return id;
    },
    onSuccess: (id) => queryClient.setQueryData<IdentityProvider[]>(keys.providers, (list) => (list ?? []).filter((p) => p.id !== id)),
  });
}

export function useTestProvider() {
  return useMutation({ mutationFn: (id: string) => body(client.POST('/api/v1/identity-providers/{id}/test', { params: { path: { id } } })) });
}

/** The municipalities an operator may register a provider for (none are asked for a municipality's admin). */
export function useProviderOrganisations(agency: boolean) {
  const key = ['identity-providers', 'organisations', agency] as const;
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => (agency ? everyPage((cursor) => body(client.GET('/api/v1/tenants', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))) : Promise.resolve([] as Tenant[])),
  });
  return useQueryResource(query, key);
}

/** The identities at providers this person signs in with. */
export function useOwnIdentities() {
  const query = useQuery({
    queryKey: keys.ownIdentities,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/account/identities', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.ownIdentities);
}

export function useUnlinkOwnIdentity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await body(client.DELETE('/api/v1/account/identities/{id}', { params: { path: { id } } }));
      return id;
    },
    onSuccess: (id) => queryClient.setQueryData<LinkedIdentity[]>(keys.ownIdentities, (list) => (list ?? []).filter((i) => i.id !== id)),
  });
}
