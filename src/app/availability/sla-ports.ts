/** Published monthly availability reports (`Store['slaPublications']`). */
import type { Tx } from '../shared/transaction.js';

export interface SlaChange {
  serviceCode: string;
  field: string;
  before: unknown;
  after: unknown;
}

export interface SlaPublication<Report = unknown> {
  id: string;
  tenantId: string;
  month: string;
  version: number;
  report: Report;
  changes: SlaChange[];
  reason: string | null;
  publishedAt: string;
  publishedBy: string;
}

export interface SlaPublicationStore {
  latest(tx: Tx, tenantId: string, month: string): Promise<SlaPublication | null>;
  versions(tx: Tx, tenantId: string, month: string): Promise<SlaPublication[]>;
  insert(tx: Tx, publication: Omit<SlaPublication, 'id'>): Promise<SlaPublication>;
  /** Tenants that have a publication for the month (any version). */
  publishedTenants(tx: Tx, month: string): Promise<string[]>;
  /** Every municipality-month that has a publication (any version). */
  publishedMonths(tx: Tx): Promise<{ tenantId: string; month: string }[]>;
}
