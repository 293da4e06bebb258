import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf } from '../../api/client';
import { FIRST_SCREEN_FRESH_MS } from '../../api/query-client';
import { refreshEvery, useQueryResource, useRefreshingResource } from '../../api/resource';
import type { paths } from '../../api/schema';

/** The shapes of monitors and maintenance windows, generated from the server's OpenAPI (ADR 0012). */
export type Monitor = ResponseOf<'/api/v1/monitors/{id}', 'get'>;
export type MonitorRow = ResponseOf<'/api/v1/monitors', 'get'>['items'][number];
export type MonitorType = Monitor['type'];
/** How a monitor checks, as sent (the server refuses keys it does not know). */
export type MonitorConfig = NonNullable<MonitorInput['config']>;
export type MonitorInput = BodyOf<'/api/v1/monitors', 'post'>;
export type MonitorChanges = BodyOf<'/api/v1/monitors/{id}', 'patch'>;
export type MonitorHealth = ResponseOf<'/api/v1/monitors/health', 'get'>['items'][number];
export type MonitorCounts = ResponseOf<'/api/v1/monitors/counts', 'get'>;
/** What the monitors list shows; `paused` is a monitor switched off. */
export type DisplayState = Exclude<keyof MonitorCounts, 'total'>;
export type LatencySeries = ResponseOf<'/api/v1/monitors/{id}/latency', 'get'>;
export type LatencyPoint = LatencySeries['points'][number];
export type MonitorAvailability = ResponseOf<'/api/v1/monitors/{id}/availability', 'get'>;
export type AvailabilityRange = MonitorAvailability['range'];
export type UnknownReason = NonNullable<MonitorHealth['unknownReason']>;
/** The ranges a monitor's page offers, shortest first. */
export const AVAILABILITY_RANGES = ['24h', '7d', '30d', '90d'] as const satisfies readonly AvailabilityRange[];
export type MaintenanceRecord = ResponseOf<'/api/v1/maintenance-windows', 'get'>['items'][number];
export type MaintenanceInput = BodyOf<'/api/v1/maintenance-windows', 'post'>;
export type MaintenanceChanges = BodyOf<'/api/v1/maintenance-windows/{id}', 'patch'>;
export type MaintenanceCancel = BodyOf<'/api/v1/maintenance-windows/{id}/cancel', 'post'>;
type ListQuery = NonNullable<paths['/api/v1/monitors']['get']['parameters']['query']>;
export type MonitorListQuery = Pick<ListQuery, 'q' | 'serviceId' | 'sort' | 'limit'> & { state?: DisplayState };

export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'tls', 'push'] as const satisfies readonly MonitorType[];
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'] as const satisfies readonly NonNullable<MonitorConfig['method']>[];
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'CAA'] as const satisfies readonly NonNullable<MonitorConfig['recordType']>[];

/** Whose states or series to load: one service's monitors, or the given ids (the API takes 200 at once). */
export type MonitorPick = { serviceId: string } | { ids: string[] };

/** How often states, counts and sparklines load again. */
const REFRESH_MS = 60_000;

const keys = {
  all: ['monitors'] as const,
  list: (query: MonitorListQuery) => ['monitors', 'list', query] as const,
  ofService: (serviceId: string) => ['monitors', 'list', 'service', serviceId] as const,
  counts: ['monitors', 'counts'] as const,
  detail: (id: string) => ['monitors', 'detail', id] as const,
  health: (pick: MonitorPick) => ['monitors', 'health', pick] as const,
  latency: (pick: MonitorPick, hours: number) => ['monitors', 'latency', pick, hours] as const,
  latencyOf: (id: string, range: AvailabilityRange) => ['monitors', 'detail', id, 'latency', range] as const,
  availabilityOf: (id: string, range: AvailabilityRange) => ['monitors', 'detail', id, 'availability', range] as const,
  maintenance: (from: string, to: string) => ['maintenance', from, to] as const,
  maintenanceWindow: (id: string) => ['maintenance', 'window', id] as const,
};

/** The ids in groups the API takes at once, one request each. */
function eachGroup<T>(pick: MonitorPick, load: (query: { serviceId?: string; ids?: string }) => Promise<T[]>): Promise<T[]> {
  if ('serviceId' in pick) return load({ serviceId: pick.serviceId });
  const groups: string[] = [];
  for (let i = 0; i < pick.ids.length; i += PAGE_LIMIT) groups.push(pick.ids.slice(i, i + PAGE_LIMIT).join(','));
  return Promise.all(groups.map((ids) => load({ ids }))).then((lists) => lists.flat());
}

/** The monitors list a page at a time: the server filters, sorts and pages. */
export const monitorListQuery = (query: MonitorListQuery) =>
  infiniteQueryOptions({
    queryKey: keys.list(query),
    queryFn: ({ pageParam, signal }) => body(client.GET('/api/v1/monitors', { params: { query: { ...query, ...(pageParam && { cursor: pageParam }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: FIRST_SCREEN_FRESH_MS,
  });

export function useMonitorList(query: MonitorListQuery) {
  return useInfiniteQuery({ ...monitorListQuery(query), placeholderData: keepPreviousData });
}

/** A service's monitors (a handful), all pages. */
export function useServiceMonitors(serviceId: string) {
  const query = useQuery({
    queryKey: keys.ofService(serviceId),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/monitors', { params: { query: { serviceId, limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.ofService(serviceId));
}

export const monitorCountsQuery = queryOptions({ queryKey: keys.counts, queryFn: ({ signal }) => body(client.GET('/api/v1/monitors/counts', { signal })), staleTime: FIRST_SCREEN_FRESH_MS });

/** How many visible monitors are in each state, refreshed every minute. */
export function useMonitorCounts() {
  const query = useQuery({ ...monitorCountsQuery, ...refreshEvery(REFRESH_MS) });
  return useRefreshingResource(query, keys.counts);
}

/** States already in hand (the monitors list carries each row's) and when they arrived. */
export interface HealthSeed {
  data: MonitorHealth[];
  at: number;
}

/**
 * The picked monitors' states now, refreshed every minute; nothing is asked while there are none.
 * With a seed (the list's own states) the first answer is the seed, and the first request is the
 * next refresh (the minute's, or the tab shown again): asking at once would fetch what the list
 * just brought.
 */
export function useMonitorHealth(pick: MonitorPick, seed?: HealthSeed) {
  const query = useQuery({
    queryKey: keys.health(pick),
    queryFn: ({ signal }) =>
      eachGroup(pick, (q) => everyPage((cursor) => body(client.GET('/api/v1/monitors/health', { params: { query: { ...q, limit: PAGE_LIMIT, cursor } }, signal })))),
    enabled: !('ids' in pick) || pick.ids.length > 0,
    // The seed counts as fresh for a few seconds, so that neither mounting nor the rows' ids
    // arriving asks again at once; a shown tab after that, and the minute's refresh, ask as always.
    ...(seed && { initialData: seed.data, initialDataUpdatedAt: seed.at, staleTime: FIRST_SCREEN_FRESH_MS }),
    ...refreshEvery(REFRESH_MS),
  });
  return { ...useRefreshingResource(query, keys.health(pick)), updatedAt: query.dataUpdatedAt };
}

/**
 * A sparkline is ~120 pixels wide: a point an hour is enough, and whole hours are read from the
 * latency the rollup keeps per hour instead of a day of raw results per monitor (ADR 0026).
 */
const SPARKLINE_BUCKETS = 24;

/** The picked monitors' latency in one request per 200, for the sparklines; refreshed every minute. */
export function useMonitorsLatency(pick: MonitorPick, hours: number) {
  const query = useQuery({
    queryKey: keys.latency(pick, hours),
    queryFn: ({ signal }) =>
      eachGroup(pick, (q) => everyPage((cursor) => body(client.GET('/api/v1/monitors/latency', { params: { query: { ...q, hours, buckets: SPARKLINE_BUCKETS, limit: PAGE_LIMIT, cursor } }, signal })))),
    enabled: !('ids' in pick) || pick.ids.length > 0,
    ...refreshEvery(),
  });
  return useRefreshingResource(query, keys.latency(pick, hours));
}

export function useMonitor(id: string) {
  const query = useQuery({ queryKey: keys.detail(id), queryFn: ({ signal }) => body(client.GET('/api/v1/monitors/{id}', { params: { path: { id } }, signal })) });
  return useQueryResource(query, keys.detail(id));
}

/** One monitor's latency over a range ending now, every bucket of it (empty ones are gaps), refreshed every minute. */
export function useMonitorLatency(id: string, range: AvailabilityRange) {
  const query = useQuery({
    queryKey: keys.latencyOf(id, range),
    queryFn: ({ signal }) => body(client.GET('/api/v1/monitors/{id}/latency', { params: { path: { id }, query: { range } }, signal })),
    ...refreshEvery(),
  });
  return useRefreshingResource(query, keys.latencyOf(id, range));
}

/** One monitor's uptime and state changes over a range ending now, refreshed every minute. */
export function useMonitorAvailability(id: string, range: AvailabilityRange) {
  const query = useQuery({
    queryKey: keys.availabilityOf(id, range),
    queryFn: ({ signal }) => body(client.GET('/api/v1/monitors/{id}/availability', { params: { path: { id }, query: { range } }, signal })),
    ...refreshEvery(),
  });
  return useRefreshingResource(query, keys.availabilityOf(id, range));
}

/** A saved monitor replaces the cached one; lists and counts load again when next shown. */
function useMonitorSaved() {
  const queryClient = useQueryClient();
  return (monitor: Monitor) => {
    queryClient.setQueryData(keys.detail(monitor.id), monitor);
    void queryClient.invalidateQueries({ queryKey: ['monitors', 'list'] });
    void queryClient.invalidateQueries({ queryKey: keys.counts });
  };
}

export function useCreateMonitor() {
  const saved = useMonitorSaved();
  return useMutation({ mutationFn: (input: MonitorInput) => body(client.POST('/api/v1/monitors', { body: input })), onSuccess: saved });
}

/** Edits, pauses (`active: false`) or resumes a monitor. */
export function useUpdateMonitor(id: string) {
  const saved = useMonitorSaved();
  return useMutation({
    mutationFn: (changes: MonitorChanges) => body(client.PATCH('/api/v1/monitors/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: saved,
  });
}

/** The secret URL a push monitor's system calls (the old one stops working), as a full address to copy. */
export function useIssuePushToken() {
  return useMutation({
    mutationFn: async (monitorId: string) => {
      const issued = await body(client.POST('/api/v1/monitors/{id}/push-token', { params: { path: { id: monitorId } } }));
      return new URL(issued.url, window.location.origin).href;
    },
  });
}

/** Maintenance windows overlapping [from, to), all pages. */
export function useMaintenanceWindows(from: string, to: string) {
  const query = useQuery({
    queryKey: keys.maintenance(from, to),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/maintenance-windows', { params: { query: { from, to, limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.maintenance(from, to));
}

/** A new window shows on the schedule and the status pages. */
export function useScheduleMaintenance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MaintenanceInput) => body(client.POST('/api/v1/maintenance-windows', { body: input })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['maintenance'] });
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    },
  });
}

/** One window, for the edit form. */
export function useMaintenanceWindow(id: string) {
  const query = useQuery({
    queryKey: keys.maintenanceWindow(id),
    queryFn: ({ signal }) => body(client.GET('/api/v1/maintenance-windows/{id}', { params: { path: { id } }, signal })),
  });
  return useQueryResource(query, keys.maintenanceWindow(id));
}

/** A changed or cancelled window changes the schedule and the status pages (the municipalities are told by the server). */
function useMaintenanceMutation<T>(send: (input: T) => Promise<MaintenanceRecord>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['maintenance'] });
      void queryClient.invalidateQueries({ queryKey: ['status'] });
    },
  });
}

export function useChangeMaintenance() {
  return useMaintenanceMutation(({ id, changes }: { id: string; changes: MaintenanceChanges }) => body(client.PATCH('/api/v1/maintenance-windows/{id}', { params: { path: { id } }, body: changes })));
}

export function useCancelMaintenance() {
  return useMaintenanceMutation(({ id, input }: { id: string; input: MaintenanceCancel }) => body(client.POST('/api/v1/maintenance-windows/{id}/cancel', { params: { path: { id } }, body: input })));
}
