import { query, request } from './api';
import { monthOf } from './business-minutes';
import type { MaintenanceInput, MaintenanceRecord, Monitor, MonitorInput, SlaReport } from './monitoring-types';

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
    create: (input: MonitorInput) => request<Monitor>('POST', '/monitors', { body: input }),
    /** The secret URL a push monitor's system calls; the server shows it once. */
    pushToken: (monitorId: string) => request<{ token: string; url: string }>('POST', `/monitors/${id(monitorId)}/push-token`),
  },
  maintenance: {
    list: (from: string, to: string, signal?: AbortSignal) => request<MaintenanceRecord[]>('GET', `/maintenance-windows${query({ from, to })}`, { signal }),
    create: (input: MaintenanceInput) => request<MaintenanceRecord>('POST', '/maintenance-windows', { body: input }),
  },
  slaReport: (tenantId: string, month: string, signal?: AbortSignal) => request<SlaReport>('GET', `/tenants/${id(tenantId)}/sla-reports/${id(month)}`, { signal }),
};
