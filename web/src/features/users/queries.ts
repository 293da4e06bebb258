import { useMutation, useQuery } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf, type Schemas } from '../../api/client';
import { useQueryResource } from '../../api/resource';

/** The shapes of people and invitations, generated from the server's OpenAPI (ADR 0012). */
export type User = Schemas['User'];
export type Role = User['role'];
export type CreatedUser = ResponseOf<'/api/v1/users', 'post'>;
export type NewUserInput = BodyOf<'/api/v1/users', 'post'>;
export type Invitation = ResponseOf<'/api/v1/tenants/{id}/invitations', 'post'>;
export type InvitationInput = BodyOf<'/api/v1/tenants/{id}/invitations', 'post'>;
export type UserChanges = BodyOf<'/api/v1/users/{id}', 'patch'>;

const keys = {
  tenant: (tenantId: string) => ['users', 'tenant', tenantId] as const,
  agency: ['users', 'agency'] as const,
};

/** A municipality's people (asked only when the person may see them). */
export function useTenantUsers(tenantId: string, enabled: boolean) {
  const query = useQuery({
    queryKey: keys.tenant(tenantId),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tenants/{id}/users', { params: { path: { id: tenantId }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
    enabled,
  });
  return useQueryResource(query, keys.tenant(tenantId));
}

/** Agency staff. */
export function useAgencyUsers() {
  const query = useQuery({
    queryKey: keys.agency,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/users', { params: { query: { agency: true, limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.agency);
}

// The lists show a created or changed person themselves (setData), so these mutations need not invalidate.
export const useCreateTenantUser = (tenantId: string) =>
  useMutation({ mutationFn: (input: NewUserInput) => body(client.POST('/api/v1/tenants/{id}/users', { params: { path: { id: tenantId } }, body: input })) });

export const useInviteToTenant = (tenantId: string) =>
  useMutation({ mutationFn: (input: InvitationInput) => body(client.POST('/api/v1/tenants/{id}/invitations', { params: { path: { id: tenantId } }, body: input })) });

export const useCreateAgencyUser = () => useMutation({ mutationFn: (input: NewUserInput) => body(client.POST('/api/v1/users', { body: input })) });

export const useUpdateUser = () =>
  useMutation({ mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) => body(client.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: changes })) });

export const useSignOutEverywhere = () =>
  useMutation({ mutationFn: (id: string) => body(client.POST('/api/v1/users/{id}/sign-out-everywhere', { params: { path: { id } } })) });

export const useResetSecondFactors = () => useMutation({ mutationFn: (id: string) => body(client.DELETE('/api/v1/users/{id}/mfa', { params: { path: { id } } })) });

/** Someone invited sets their password (no session yet). */
export const acceptInvitation = (token: string, password: string) => body(client.POST('/api/v1/invitations/accept', { body: { token, password } }));
