import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf, type Schemas } from '../../api/client';
import { FIRST_SCREEN_FRESH_MS } from '../../api/query-client';
import { useQueryResource } from '../../api/resource';

/** The shapes of municipalities and their agreements, generated from the server's OpenAPI (ADR 0012). */
export type Tenant = Schemas['Tenant'];
export type TenantStatus = Tenant['status'];
export type Address = NonNullable<Tenant['address']>;
export type TenantInput = BodyOf<'/api/v1/tenants/{id}', 'patch'>;
export type NewTenantInput = BodyOf<'/api/v1/tenants', 'post'>;
export type Agreement = Schemas['Agreement'];
export type AgreementWithHistory = ResponseOf<'/api/v1/tenants/{id}/agreements/{agreementId}', 'get'>;
export type AgreementInput = BodyOf<'/api/v1/tenants/{id}/agreements/{agreementId}', 'patch'>;
export type NewAgreementInput = BodyOf<'/api/v1/tenants/{id}/agreements', 'post'>;
export type DeskTargets = Agreement['deskTargets'];
export type DeskTarget = DeskTargets['P1'];

const keys = {
  list: ['tenants', 'list'] as const,
  detail: (id: string) => ['tenants', 'detail', id] as const,
  agreements: (id: string) => ['tenants', 'detail', id, 'agreements'] as const,
  agreement: (id: string, agreementId: string) => ['tenants', 'detail', id, 'agreements', agreementId] as const,
};

/**
 * Every municipality the person may see, by name. Pages that need the list only for agency
 * staff pass `enabled: false` for others (the list then stays empty and not loading).
 */
export const tenantsQuery = queryOptions({
  queryKey: keys.list,
  staleTime: FIRST_SCREEN_FRESH_MS,
  queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tenants', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
});

export function useTenants(enabled = true) {
  const query = useQuery({ ...tenantsQuery, enabled });
  return useQueryResource(query, keys.list);
}

export function useTenant(id: string | undefined) {
  const key = keys.detail(id ?? '');
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => body(client.GET('/api/v1/tenants/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: id !== undefined,
  });
  return useQueryResource(query, key);
}

/** A saved municipality replaces the cached one; the list is loaded again when next shown. */
function useTenantSaved() {
  const queryClient = useQueryClient();
  return (tenant: Tenant) => {
    queryClient.setQueryData(keys.detail(tenant.id), tenant);
    void queryClient.invalidateQueries({ queryKey: keys.list });
  };
}

export function useCreateTenant() {
  const saved = useTenantSaved();
  return useMutation({ mutationFn: (input: NewTenantInput) => body(client.POST('/api/v1/tenants', { body: input })), onSuccess: saved });
}

export function useUpdateTenant(id: string) {
  const saved = useTenantSaved();
  return useMutation({
    mutationFn: (input: TenantInput) => body(client.PATCH('/api/v1/tenants/{id}', { params: { path: { id } }, body: input })),
    onSuccess: saved,
  });
}

export function useAgreements(tenantId: string) {
  const query = useQuery({
    queryKey: keys.agreements(tenantId),
    queryFn: ({ signal }) =>
      everyPage((cursor) => body(client.GET('/api/v1/tenants/{id}/agreements', { params: { path: { id: tenantId }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.agreements(tenantId));
}

export function useAgreement(tenantId: string, agreementId: string | undefined) {
  const key = keys.agreement(tenantId, agreementId ?? '');
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      body(client.GET('/api/v1/tenants/{id}/agreements/{agreementId}', { params: { path: { id: tenantId, agreementId: agreementId ?? '' } }, signal })),
    enabled: agreementId !== undefined,
  });
  return useQueryResource(query, key);
}

/** A new or changed agreement version: the municipality's agreements are loaded again when next shown. */
export function useCreateAgreement(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewAgreementInput) => body(client.POST('/api/v1/tenants/{id}/agreements', { params: { path: { id: tenantId } }, body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.agreements(tenantId) }),
  });
}

export function useUpdateAgreement(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ agreementId, input }: { agreementId: string; input: AgreementInput }) =>
      body(client.PATCH('/api/v1/tenants/{id}/agreements/{agreementId}', { params: { path: { id: tenantId, agreementId } }, body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.agreements(tenantId) }),
  });
}
