import { listAll, query, request, type Page } from './api';
import { currentLanguage } from './i18n';
import type {
  LatencySeries,
  MaintenanceInput,
  MaintenanceRecord,
  Monitor,
  MonitorChanges,
  MonitorCounts,
  MonitorFilters,
  MonitorHealth,
  MonitorRow,
  MonitorInput,
  SlaExclusion,
  SlaExclusionInput,
  SlaPublication,
  SlaReport,
} from './monitoring-types';

const id = encodeURIComponent;

/** Whose states or series to load: one service's monitors, or the given ids (comma-separated, at most 200). */
interface MonitorPick {
  serviceId?: string;
  ids?: string;
}

/** Links the browser follows itself (downloads), with the API prefix. */
export const slaReportLinks = {
  csv: (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/sla-reports/${id(month)}?format=csv`,
  pdf: (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/sla-reports/${id(month)}?format=pdf&lang=${currentLanguage()}`,
};

/** Monitors, maintenance windows and monthly availability reports. */
export const monitoringApi = {
  monitors: {
    /** A service's monitors (a handful), all pages. */
    list: (serviceId: string, signal?: AbortSignal) => listAll<Monitor>(`/monitors${query({ serviceId })}`, signal),
    /** One page of the monitors list, filtered and sorted by the server. */
    page: (filters: MonitorFilters, signal?: AbortSignal) => request<Page<MonitorRow>>('GET', filters.next ?? `/monitors${query({ ...filters, next: undefined })}`, { signal }),
    counts: (signal?: AbortSignal) => request<MonitorCounts>('GET', '/monitors/counts', { signal }),
    get: (monitorId: string, signal?: AbortSignal) => request<Monitor>('GET', `/monitors/${id(monitorId)}`, { signal }),
    create: (input: MonitorInput) => request<Monitor>('POST', '/monitors', { body: input }),
    update: (monitorId: string, changes: MonitorChanges) => request<Monitor>('PATCH', `/monitors/${id(monitorId)}`, { body: changes }),
    /** Every visible monitor's state now. */
    health: (signal?: AbortSignal, pick: MonitorPick = {}) => listAll<MonitorHealth>(`/monitors/health${query({ ...pick })}`, signal),
    /** Every visible monitor's latency in one request, for the list's sparklines. */
    latencyAll: (hours: number, signal?: AbortSignal, pick: MonitorPick = {}) => listAll<LatencySeries>(`/monitors/latency${query({ hours, ...pick })}`, signal),
    latency: (monitorId: string, hours: number, signal?: AbortSignal) => request<LatencySeries>('GET', `/monitors/${id(monitorId)}/latency${query({ hours })}`, { signal }),
    /** The secret URL a push monitor's system calls; the server shows it once. */
    pushToken: (monitorId: string) => request<{ token: string; url: string }>('POST', `/monitors/${id(monitorId)}/push-token`),
  },
  maintenance: {
    list: (from: string, to: string, signal?: AbortSignal) => listAll<MaintenanceRecord>(`/maintenance-windows${query({ from, to })}`, signal),
    create: (input: MaintenanceInput) => request<MaintenanceRecord>('POST', '/maintenance-windows', { body: input }),
  },
  /** The published (frozen) version once there is one; `live` recomputes it from the evidence now. */
  slaReport: (tenantId: string, month: string, signal?: AbortSignal, live = false) =>
    request<SlaReport>('GET', `/tenants/${id(tenantId)}/sla-reports/${id(month)}${query({ live: live || undefined })}`, { signal }),
  exclusions: {
    list: (from: string, to: string, serviceId: string | undefined, signal?: AbortSignal) => listAll<SlaExclusion>(`/sla-exclusions${query({ from, to, serviceId })}`, signal),
    create: (input: SlaExclusionInput) => request<SlaExclusion>('POST', '/sla-exclusions', { body: input }),
    withdraw: (exclusionId: string, reason: string) => request<SlaExclusion>('POST', `/sla-exclusions/${id(exclusionId)}/withdraw`, { body: { reason } }),
  },
  publications: {
    list: (tenantId: string, month: string, signal?: AbortSignal) => listAll<SlaPublication>(`/tenants/${id(tenantId)}/sla-reports/${id(month)}/publications`, signal),
    /** The first publication needs no reason; a correction does. */
    publish: (tenantId: string, month: string, reason: string | null) =>
      request<SlaPublication>('POST', `/tenants/${id(tenantId)}/sla-reports/${id(month)}/publications`, { body: reason ? { reason } : {} }),
  },
};
