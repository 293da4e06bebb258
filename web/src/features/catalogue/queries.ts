import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf } from '../../api/client';
import { FIRST_SCREEN_FRESH_MS } from '../../api/query-client';
import { useQueryResource } from '../../api/resource';

/** The shapes of the service catalogue and subscriptions, generated from the server's OpenAPI (ADR 0012). */
export type CatalogueService = ResponseOf<'/api/v1/services/{id}', 'get'>;
export type Service = Pick<CatalogueService, 'id' | 'code' | 'name' | 'critical'>;
export type LegalBasisLink = CatalogueService['legalBasis'][number];
export type ServiceInput = BodyOf<'/api/v1/services/{id}', 'patch'>;
export type NewServiceInput = BodyOf<'/api/v1/services', 'post'>;
export type Subscription = ResponseOf<'/api/v1/tenants/{id}/subscriptions', 'get'>['items'][number];
export type SubscriptionInput = BodyOf<'/api/v1/tenants/{id}/subscriptions', 'post'>;
export type SubscriptionMode = SubscriptionInput['mode'];

const keys = {
  services: ['services'] as const,
  service: (id: string) => ['services', id] as const,
  subscriptions: (tenantId: string) => ['subscriptions', tenantId] as const,
};

/** The whole catalogue (a few dozen services). */
export const servicesQuery = queryOptions({
  queryKey: keys.services,
  staleTime: FIRST_SCREEN_FRESH_MS,
  queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/services', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
});

export function useServices() {
  const query = useQuery(servicesQuery);
  return useQueryResource(query, keys.services);
}

export function useService(id: string | undefined) {
  const key = keys.service(id ?? '');
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => body(client.GET('/api/v1/services/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: id !== undefined,
  });
  return useQueryResource(query, key);
}

/** A saved service replaces the cached one; the catalogue is loaded again when next shown. */
function useServiceSaved() {
  const queryClient = useQueryClient();
  return (service: CatalogueService) => {
    queryClient.setQueryData(keys.service(service.id), service);
    void queryClient.invalidateQueries({ queryKey: keys.services, exact: true });
  };
}

export function useCreateService() {
  const saved = useServiceSaved();
  return useMutation({ mutationFn: (input: NewServiceInput) => body(client.POST('/api/v1/services', { body: input })), onSuccess: saved });
}

export function useUpdateService(id: string) {
  const saved = useServiceSaved();
  return useMutation({
    mutationFn: (input: ServiceInput) => body(client.PATCH('/api/v1/services/{id}', { params: { path: { id } }, body: input })),
    onSuccess: saved,
  });
}

/** A municipality's subscriptions (asked only when there is a municipality). */
export function useSubscriptions(tenantId: string | undefined) {
  const key = keys.subscriptions(tenantId ?? '');
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      everyPage((cursor) => body(client.GET('/api/v1/tenants/{id}/subscriptions', { params: { path: { id: tenantId ?? '' }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
    enabled: tenantId !== undefined,
  });
  return useQueryResource(query, key);
}

export function useCreateSubscription(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SubscriptionInput) => body(client.POST('/api/v1/tenants/{id}/subscriptions', { params: { path: { id: tenantId } }, body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.subscriptions(tenantId) }),
  });
}

/** Sets the last day (inclusive) or, with null, makes it open-ended again. */
export function useEndSubscription(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ subscriptionId, to }: { subscriptionId: string; to: string | null }) =>
      body(client.PATCH('/api/v1/tenants/{id}/subscriptions/{subscriptionId}', { params: { path: { id: tenantId, subscriptionId } }, body: { to } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.subscriptions(tenantId) }),
  });
}
