/** What the municipality export reads beyond the other features' ports (`Store['tenantRecords']`). */
import type { UsageRecord } from '../../domain/billing/usage.js';
import type { Tx } from '../shared/transaction.js';
import type { SlaPublication } from '../availability/sla-ports.js';
import type { AuditStore } from '../audit/ports.js';
import type { InvoiceStore } from '../billing/invoice-ports.js';
import type { CalendarStore } from '../calendars/ports.js';
import type { TicketStore } from '../desk/ports.js';
import type { UserStore } from '../identity/ports.js';
import type { AgreementStore, TenantStore } from '../municipalities/ports.js';
import type { Clock, Transactions } from '../shared/ports.js';

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

/** What the export reads: one municipality's records of every feature, and the audit log for its own entry. */
export interface ExportDeps {
  store: Transactions & {
    tenantRecords: TenantRecordStore;
    tenants: TenantStore;
    agreements: AgreementStore;
    calendars: CalendarStore;
    users: UserStore;
    tickets: TicketStore;
    invoices: InvoiceStore;
    audit: AuditStore;
  };
  clock: Clock;
}
