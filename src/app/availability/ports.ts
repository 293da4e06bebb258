/** What SLA exclusions need from the store (rollups and publications: rollup-ports.ts, sla-ports.ts). */
import type { Tx } from '../shared/transaction.js';

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
