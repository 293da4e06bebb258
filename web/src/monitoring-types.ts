/** Wire shapes of monitors, maintenance windows and monthly SLA reports (prefix /api/v1). */
import type { MaintenanceWindow } from './features/status/queries';

export const MONITOR_TYPES = ['http', 'tcp', 'dns', 'tls', 'push'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'] as const;
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'CAA'] as const;

/** How a monitor checks; which keys apply depends on its type. */
export interface MonitorConfig {
  method?: (typeof HTTP_METHODS)[number];
  expectedStatus?: number | number[];
  keyword?: string;
  jsonPath?: string;
  jsonExpected?: string | number | boolean | null;
  maxLatencyMs?: number;
  certExpiryDays?: number;
  allowInvalidCertificate?: boolean;
  recordType?: (typeof DNS_RECORD_TYPES)[number];
  expected?: string;
  servers?: string[];
  /** http: request headers; set through the API only, kept as they are when the form saves. */
  headers?: Record<string, string>;
}

export interface Monitor {
  id: string;
  serviceId: string;
  /** Set for a municipality's own instance; null for the shared service. */
  tenantId: string | null;
  name: string;
  type: MonitorType;
  target: string | null;
  config: MonitorConfig;
  intervalSeconds: number;
  timeoutMs: number;
  failuresToConfirm: number;
  critical: boolean;
  locations: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MonitorInput {
  serviceId: string;
  tenantId?: string | null;
  name: string;
  type: MonitorType;
  target?: string | null;
  intervalSeconds: number;
  timeoutMs?: number;
  failuresToConfirm?: number;
  critical?: boolean;
  locations?: string[];
  config?: MonitorConfig;
}

export interface MaintenanceRecord extends MaintenanceWindow {
  createdBy: string | null;
}

export interface MaintenanceInput {
  serviceIds: string[];
  startsAt: string;
  endsAt: string;
  title: string;
  description?: string | null;
  announcedAt?: string;
}

export interface Outage {
  start: string;
  end: string;
  seconds: number;
  excludedSeconds: number;
  exclusionIds: string[];
}

export interface ServiceReport {
  serviceId: string;
  serviceCode: string;
  serviceName: string;
  periodStart: string;
  periodEnd: string;
  availabilityPercent: number | null;
  upSeconds: number;
  downSeconds: number;
  maintenanceSeconds: number;
  unknownSeconds: number;
  excludedSeconds: number;
  coveragePercent: number | null;
  targetPercent: number;
  met: boolean;
  monitors: number;
  outages: Outage[];
  exclusions: { id: string; startsAt: string; endsAt: string; reason: string; createdBy: string; createdAt: string }[];
  maintenance: { id: string; title: string; startsAt: string; endsAt: string; announcedAt: string; counted: boolean }[];
}

export interface SlaReport {
  tenantId: string;
  month: string;
  services: ServiceReport[];
  /** The frozen version shown; null while the month is not published (or when asked live). */
  publication?: { version: number; publishedAt: string; reason: string | null } | null;
}

/** What an operator may change on a monitor; the interval and failuresToConfirm are fixed. */
export interface MonitorChanges {
  name?: string;
  target?: string | null;
  config?: MonitorConfig;
  timeoutMs?: number;
  critical?: boolean;
  locations?: string[];
  active?: boolean;
}

export type MonitorState = 'up' | 'down' | 'unknown';

export interface MonitorHealth {
  monitorId: string;
  state: MonitorState;
  since: string | null;
  lastCheckAt: string | null;
  lastLatencyMs: number | null;
}

/** A row of the monitors list: the monitor with its state now. */
export type MonitorRow = Monitor & { health: MonitorHealth };

/** What the monitors list shows; `paused` is a monitor switched off. */
export type DisplayState = 'down' | 'unknown' | 'up' | 'paused';

export interface MonitorFilters {
  q?: string;
  state?: DisplayState;
  serviceId?: string;
  sort?: 'name' | 'state';
  limit?: number;
  /** The `next` link of the page before; the filters travel in it. */
  next?: string;
}

export type MonitorCounts = Record<DisplayState, number> & { total: number };

export interface LatencyPoint {
  at: string;
  avgLatencyMs: number | null;
  maxLatencyMs: number | null;
  checks: number;
  failures: number;
}

export interface LatencySeries {
  monitorId: string;
  bucketMinutes: number;
  points: LatencyPoint[];
}

export interface SlaExclusion {
  id: string;
  serviceId: string;
  tenantId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  withdrawal?: { at: string; by: string; reason: string } | null;
}

export interface SlaExclusionInput {
  serviceId: string;
  tenantId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export interface SlaChange {
  serviceCode: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface SlaPublication {
  id: string;
  tenantId: string;
  month: string;
  version: number;
  changes: SlaChange[];
  reason: string | null;
  publishedAt: string;
  publishedBy: string;
}
