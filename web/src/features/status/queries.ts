import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf } from '../../api/client';
import { refreshEvery, useQueryResource, useRefreshingResource } from '../../api/resource';

/** The shapes of the status page and incidents, generated from the server's OpenAPI (ADR 0012). */
export type PlatformStatus = ResponseOf<'/api/v1/status', 'get'>;
export type OverallState = PlatformStatus['overall'];
export type ServiceStatus = PlatformStatus['services'][number];
export type ServiceState = ServiceStatus['state'];
export type DayBar = ServiceStatus['days'][number];
export type MaintenanceWindow = PlatformStatus['maintenance'][number];
export type Incident = ResponseOf<'/api/v1/incidents/{id}', 'get'>;
export type IncidentUpdate = Incident['updates'][number];
export type IncidentStatus = Incident['status'];
export type IncidentImpact = Incident['impact'];
export type IncidentInput = BodyOf<'/api/v1/incidents', 'post'>;

const keys = {
  publicStatus: ['status', 'public'] as const,
  tenantStatus: (id: string) => ['status', 'tenant', id] as const,
  incidents: (days: number) => ['incidents', 'list', days] as const,
  incident: (id: string) => ['incidents', 'detail', id] as const,
};

/** How soon a first look (the 90 days still being computed after the server's start) is asked for again. */
const HISTORY_COMPUTING_AGAIN_MS = 3_000;
const untilComputed = (everyMs: number | false) => (query: { state: { data?: PlatformStatus | undefined } }) => (query.state.data?.history === 'computing' ? HISTORY_COMPUTING_AGAIN_MS : everyMs);

/** The shared services' status (no sign-in needed), refreshed every minute, and within seconds while its history is being computed. */
export function usePublicStatus() {
  const query = useQuery({ queryKey: keys.publicStatus, queryFn: ({ signal }) => body(client.GET('/api/v1/status', { signal })), ...refreshEvery(), refetchInterval: untilComputed(60_000) });
  return useRefreshingResource(query, keys.publicStatus);
}

/** The services one municipality uses (its own instances included), refreshed every minute. */
export function useTenantStatus(id: string) {
  const query = useQuery({
    queryKey: keys.tenantStatus(id),
    queryFn: ({ signal }) => body(client.GET('/api/v1/tenants/{id}/status', { params: { path: { id } }, signal })),
    ...refreshEvery(),
  });
  return useRefreshingResource(query, keys.tenantStatus(id));
}

/** Incidents of the last `days` days, newest first. */
export function useIncidents(days: number) {
  const query = useQuery({
    queryKey: keys.incidents(days),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/incidents', { params: { query: { days, limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.incidents(days));
}

export function useIncident(id: string) {
  const query = useQuery({ queryKey: keys.incident(id), queryFn: ({ signal }) => body(client.GET('/api/v1/incidents/{id}', { params: { path: { id } }, signal })) });
  return useQueryResource(query, keys.incident(id));
}

/** An incident changes the status pages too: both are loaded again when next shown. */
function useIncidentSaved() {
  const queryClient = useQueryClient();
  return (incident: Incident) => {
    queryClient.setQueryData(keys.incident(incident.id), incident);
    void queryClient.invalidateQueries({ queryKey: ['incidents', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['status'] });
  };
}

export function useOpenIncident() {
  const saved = useIncidentSaved();
  return useMutation({ mutationFn: (input: IncidentInput) => body(client.POST('/api/v1/incidents', { body: input })), onSuccess: saved });
}

export function useUpdateIncident(id: string) {
  const saved = useIncidentSaved();
  return useMutation({
    mutationFn: ({ status, message }: { status: IncidentStatus; message: string }) =>
      body(client.POST('/api/v1/incidents/{id}/updates', { params: { path: { id } }, body: { status, message } })),
    onSuccess: saved,
  });
}

/** The status of the shared services, or of one municipality's: loaded once, for a service's page. */
export function useStatusOnce(tenantId: string | undefined) {
  const key = tenantId ? keys.tenantStatus(tenantId) : keys.publicStatus;
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      tenantId ? body(client.GET('/api/v1/tenants/{id}/status', { params: { path: { id: tenantId } }, signal })) : body(client.GET('/api/v1/status', { signal })),
    refetchInterval: untilComputed(false),
  });
  return useQueryResource(query, key);
}

/** Follow the status page by e-mail: the server mails a confirmation link to a new address (and answers alike for any address). */
export const subscribeToStatus = (input: BodyOf<'/api/v1/status/subscriptions', 'post'>) => body(client.POST('/api/v1/status/subscriptions', { body: input }));
export const confirmStatusSubscription = (token: string) => body(client.POST('/api/v1/status/subscriptions/confirm', { body: { token } }));
export const unsubscribeFromStatus = (token: string) => body(client.POST('/api/v1/status/subscriptions/unsubscribe', { body: { token } }));

/** The public Atom feed of incident updates. */
export const STATUS_FEED_URL = '/api/v1/status/feed.atom';
