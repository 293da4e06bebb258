/** What the municipality export reads beyond the other features' ports (`Store['tenantRecords']`). */
import type { UsageRecord } from '../../domain/billing/usage.js';
import type { Tx } from '../shared/transaction.js';
import type { SlaPublication } from '../availability/sla-ports.js';

export interface StoredUsageRecord extends UsageRecord {
  batchId: string;
  receivedAt: string;
}

export interface TenantRecordStore {
  /** Every published version of every month's availability report, oldest month and version first. */
  slaPublications(tx: Tx, tenantId: string): Promise<SlaPublication[]>;
  /** Usage records in the order they were received, a page at a time after `afterSeq`. */
  usage(tx: Tx, tenantId: string, afterSeq: string | null, limit: number): Promise<{ seq: string; record: StoredUsageRecord }[]>;
}
