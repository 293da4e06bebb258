import { listAll, request } from './api';
import type { Subscription } from './desk-types';
import type { CatalogueService, Incident, IncidentInput, IncidentStatus, PlatformStatus, ServiceInput, SubscriptionInput } from './status-types';

const id = encodeURIComponent;

/** The status page, incidents and the service catalogue. */
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
  services: {
    list: (signal?: AbortSignal) => listAll<CatalogueService>('/services', signal),
    get: (serviceId: string, signal?: AbortSignal) => request<CatalogueService>('GET', `/services/${id(serviceId)}`, { signal }),
    create: (input: ServiceInput) => request<CatalogueService>('POST', '/services', { body: input }),
    update: (serviceId: string, input: ServiceInput) => request<CatalogueService>('PATCH', `/services/${id(serviceId)}`, { body: input }),
  },
  subscriptions: {
    list: (tenantId: string, signal?: AbortSignal) => listAll<Subscription>(`/tenants/${id(tenantId)}/subscriptions`, signal),
    create: (tenantId: string, input: SubscriptionInput) => request<Subscription>('POST', `/tenants/${id(tenantId)}/subscriptions`, { body: input }),
    /** Sets the last day (inclusive) or, with null, makes it open-ended again. */
    end: (tenantId: string, subscriptionId: string, to: string | null) => request<Subscription>('PATCH', `/tenants/${id(tenantId)}/subscriptions/${id(subscriptionId)}`, { body: { to } }),
  },
};
