import { listAll, request } from './api';
import type { Incident, IncidentInput, IncidentStatus, PlatformStatus } from './status-types';

const id = encodeURIComponent;

/** The status page and incidents. */
export const statusApi = {
  status: {
    /** Shared services; no sign-in needed. */
    public: (signal?: AbortSignal) => request<PlatformStatus>('GET', '/status', { signal, quietUnauthorized: true }),
    tenant: (tenantId: string, signal?: AbortSignal) => request<PlatformStatus>('GET', `/tenants/${id(tenantId)}/status`, { signal }),
  },
  incidents: {
    list: (days: number, signal?: AbortSignal) => listAll<Incident>(`/incidents?days=${days}`, signal),
    get: (incidentId: string, signal?: AbortSignal) => request<Incident>('GET', `/incidents/${id(incidentId)}`, { signal }),
    open: (input: IncidentInput) => request<Incident>('POST', '/incidents', { body: input }),
    update: (incidentId: string, status: IncidentStatus, message: string) =>
      request<Incident>('POST', `/incidents/${id(incidentId)}/updates`, { body: { status, message } }),
  },
};
