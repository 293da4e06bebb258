/** Wire shapes of the catalogue, the status page and incidents (prefix /api/v1). */
import type { Service } from './desk-types';

export const SERVICE_STATES = ['up', 'down', 'maintenance', 'unknown'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];
export type OverallState = 'operational' | 'outage' | 'maintenance' | 'unknown';

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_IMPACTS = ['minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

/** One day of a service in Riga time; availability is null when nothing was known that day. */
export interface DayBar {
  date: string;
  availabilityPercent: number | null;
  downSeconds: number;
  maintenanceSeconds: number;
  unknownSeconds: number;
}

export interface ServiceStatus {
  id: string;
  code: string;
  name: { lv: string; en: string | null };
  critical: boolean;
  state: ServiceState;
  since: string | null;
  monitors: number;
  /** The last 90 days, oldest first. */
  days: DayBar[];
}

export interface IncidentUpdate {
  id: string;
  status: IncidentStatus;
  message: string;
  at: string;
  author: string;
}

export interface Incident {
  id: string;
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  serviceIds: string[];
  startedAt: string;
  resolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  updates: IncidentUpdate[];
}

export interface IncidentInput {
  title: string;
  impact: IncidentImpact;
  status?: IncidentStatus;
  serviceIds: string[];
  message: string;
  startedAt?: string;
}

export interface MaintenanceWindow {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  announcedAt: string;
  serviceIds: string[];
  createdAt: string;
}

export interface PlatformStatus {
  generatedAt: string;
  overall: OverallState;
  services: ServiceStatus[];
  incidents: Incident[];
  maintenance: MaintenanceWindow[];
}

export interface LegalBasisLink {
  title: string;
  url: string;
}

/** A catalogue entry with the fields of Cabinet Regulation No. 399. */
export interface CatalogueService extends Service {
  description: string | null;
  holder: string | null;
  provider: string | null;
  legalBasis: LegalBasisLink[];
  customerGroup: string | null;
  requestChannels: string[];
  fee: string | null;
  timeLimit: string | null;
  resultDelivery: string | null;
  owner: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ServiceInput = Partial<Omit<CatalogueService, 'id' | 'createdAt' | 'updatedAt'>>;

export const SUBSCRIPTION_MODES = ['shared', 'own_instance'] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];

export interface SubscriptionInput {
  serviceId: string;
  from?: string;
  to?: string | null;
  mode: SubscriptionMode;
}
