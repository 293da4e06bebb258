/** What SLA exclusions need from the store (rollups and publications: rollup-ports.ts, sla-ports.ts). */
import type { AuditStore } from '../audit/ports.js';
import type { CalendarStore } from '../calendars/ports.js';
import type { ServiceStore, SubscriptionStore } from '../catalogue/ports.js';
import type { DeskReportDeps } from '../desk/ports.js';
import type { UserStore } from '../identity/ports.js';
import type { MaintenanceStore, MonitorStore } from '../monitoring/ports.js';
import type { AgreementStore, TenantStore } from '../municipalities/ports.js';
import type { NotificationSettingsStore } from '../notices/ports.js';
import type { Clock, JobStore, NotificationSettings, OutboxStore, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { RollupStore } from './rollup-ports.js';
import type { SlaPublicationStore } from './sla-ports.js';

/** An outage excluded from the SLA by an operator: confirmed downtime in [startsAt, endsAt) does not count. */
export interface SlaExclusionRecord {
  id: string;
  serviceId: string;
  /** Null: every municipality using the service. */
  tenantId: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  /** Set once an operator withdrew it; a withdrawn exclusion no longer changes any report. */
  withdrawal: { at: string; by: string; reason: string } | null;
}

export interface SlaExclusionStore {
  insert(tx: Tx, exclusion: Omit<SlaExclusionRecord, 'id' | 'createdAt' | 'withdrawal'>): Promise<SlaExclusionRecord>;
  getForUpdate(tx: Tx, exclusionId: string): Promise<SlaExclusionRecord | null>;
  withdraw(tx: Tx, exclusionId: string, withdrawal: { at: Date; by: string; reason: string }): Promise<SlaExclusionRecord>;
  /** Exclusions in force overlapping [from, to), of one service when given; tenant-wide ones included for a tenant. */
  overlapping(tx: Tx, from: Date, to: Date, filter: { serviceId?: string | undefined; tenantId?: string | undefined }): Promise<SlaExclusionRecord[]>;
}

/** What rolling up availability needs; ingesting late probe results rewinds the rollups too. */
export interface RollupDeps {
  store: Transactions & { rollups: RollupStore };
  clock: Clock;
}

/** What the PDF of an availability report reads: the municipality's name and zone. */
export interface SlaReportPdfDeps {
  store: Transactions & { tenants: Pick<TenantStore, 'get'>; agreements: Pick<AgreementStore, 'listCurrent'>; calendars: Pick<CalendarStore, 'get'> };
  clock: Clock;
}

/**
 * What the availability reports need: the monitors and rollups they measure, the services and
 * subscriptions they cover, the desk report they include; publication mails the municipality.
 */
export interface AvailabilityDeps {
  store: DeskReportDeps['store'] & {
    rollups: RollupStore;
    slaExclusions: SlaExclusionStore;
    slaPublications: SlaPublicationStore;
    monitors: MonitorStore;
    maintenance: MaintenanceStore;
    services: ServiceStore;
    subscriptions: SubscriptionStore;
    calendars: CalendarStore;
    users: UserStore;
    jobs: JobStore;
    audit: AuditStore;
    outbox: OutboxStore;
    /** Who at the municipality hears of a published report. */
    notificationSettings: NotificationSettingsStore;
  };
  clock: Clock;
  notifications?: NotificationSettings;
}
