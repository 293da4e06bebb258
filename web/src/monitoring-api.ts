import { query, request } from './api';
import { monthOf } from './business-minutes';
import type {
  LatencySeries,
  MaintenanceInput,
  MaintenanceRecord,
  Monitor,
  MonitorChanges,
  MonitorHealth,
  MonitorInput,
  SlaExclusion,
  SlaExclusionInput,
  SlaPublication,
  SlaReport,
} from './monitoring-types';

const id = encodeURIComponent;

/** Where a municipality's availability report for a month (default: this month in Riga) lives. */
export const slaReportPath = (tenantId: string, month: string = monthOf()) => `/municipalities/${id(tenantId)}/sla-reports/${month}`;

/** Links the browser follows itself (downloads), with the API prefix. */
export const slaReportLinks = {
  csv: (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/sla-reports/${id(month)}?format=csv`,
  pdf: (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/sla-reports/${id(month)}?format=pdf`,
};

/** Monitors, maintenance windows and monthly availability reports. */
export const monitoringApi = {
  monitors: {
    list: (serviceId: string | undefined, signal?: AbortSignal) => request<Monitor[]>('GET', `/monitors${query({ serviceId })}`, { signal }),
    get: (monitorId: string, signal?: AbortSignal) => request<Monitor>('GET', `/monitors/${id(monitorId)}`, { signal }),
    create: (input: MonitorInput) => request<Monitor>('POST', '/monitors', { body: input }),
    update: (monitorId: string, changes: MonitorChanges) => request<Monitor>('PATCH', `/monitors/${id(monitorId)}`, { body: changes }),
    /** Every visible monitor's state now. */
    health: (signal?: AbortSignal) => request<MonitorHealth[]>('GET', '/monitors/health', { signal }),
    /** Every visible monitor's latency in one request, for the list's sparklines. */
    latencyAll: (hours: number, signal?: AbortSignal) => request<LatencySeries[]>('GET', `/monitors/latency${query({ hours })}`, { signal }),
    latency: (monitorId: string, hours: number, signal?: AbortSignal) => request<LatencySeries>('GET', `/monitors/${id(monitorId)}/latency${query({ hours })}`, { signal }),
    /** The secret URL a push monitor's system calls; the server shows it once. */
    pushToken: (monitorId: string) => request<{ token: string; url: string }>('POST', `/monitors/${id(monitorId)}/push-token`),
  },
  maintenance: {
    list: (from: string, to: string, signal?: AbortSignal) => request<MaintenanceRecord[]>('GET', `/maintenance-windows${query({ from, to })}`, { signal }),
    create: (input: MaintenanceInput) => request<MaintenanceRecord>('POST', '/maintenance-windows', { body: input }),
  },
  /** The published (frozen) version once there is one; `live` recomputes it from the evidence now. */
  slaReport: (tenantId: string, month: string, signal?: AbortSignal, live = false) =>
    request<SlaReport>('GET', `/tenants/${id(tenantId)}/sla-reports/${id(month)}${query({ live: live || undefined })}`, { signal }),
  exclusions: {
    list: (from: string, to: string, serviceId: string | undefined, signal?: AbortSignal) => request<SlaExclusion[]>('GET', `/sla-exclusions${query({ from, to, serviceId })}`, { signal }),
    create: (input: SlaExclusionInput) => request<SlaExclusion>('POST', '/sla-exclusions', { body: input }),
    withdraw: (exclusionId: string, reason: string) => request<SlaExclusion>('POST', `/sla-exclusions/${id(exclusionId)}/withdraw`, { body: { reason } }),
  },
  publications: {
    list: (tenantId: string, month: string, signal?: AbortSignal) => request<SlaPublication[]>('GET', `/tenants/${id(tenantId)}/sla-reports/${id(month)}/publications`, { signal }),
    /** The first publication needs no reason; a correction does. */
    publish: (tenantId: string, month: string, reason: string | null) =>
      request<SlaPublication>('POST', `/tenants/${id(tenantId)}/sla-reports/${id(month)}/publications`, { body: reason ? { reason } : {} }),
  },
};
