/** Billing runs and the data they are computed from (`Store['billingRuns']`). */
import type { PoolDriver } from '../../domain/billing/catalogue.js';
import type { Statement, StatementProblem } from '../../domain/billing/statement.js';
import type { Tx } from '../shared/transaction.js';

export interface BillingRunRecord {
  id: string;
  month: string;
  kind: 'regular' | 'correction';
  status: 'draft' | 'finalized';
  problems: StatementProblem[];
  computedAt: string;
  createdAt: string;
  createdBy: string;
  finalizedAt: string | null;
  finalizedBy: string | null;
}

export interface StoredStatement {
  runId: string;
  tenantId: string;
  statement: Statement;
  invoiceIds: string[];
}

/** The month's billable usage per (tenant, provider, resource, tariff price); `unitPrice` null where no tariff applies. */
export interface PricedUsage {
  tenantId: string;
  provider: string;
  resource: string;
  resourceName: string;
  resourceNameEn: string | null;
  unit: string;
  unitCode: string;
  unitPrice: string | null;
  quantity: string;
  records: number;
  firstPeriodStart: Date;
}

export interface BillingRunStore {
  /** Usage with periodStart in [from, to), priced by the tariff in force on its local day in `zone`. */
  pricedUsage(tx: Tx, from: Date, to: Date, zone: string): Promise<PricedUsage[]>;
  /** The last `active_users` value each tenant reported for periods starting in [from, to). */
  activeUsers(tx: Tx, from: Date, to: Date): Promise<Map<string, string>>;
  pools(tx: Tx, month: string): Promise<{ id: string; description: string; descriptionEn: string | null; amount: string; driver: PoolDriver }[]>;
  insert(tx: Tx, run: Omit<BillingRunRecord, 'id' | 'createdAt' | 'finalizedAt' | 'finalizedBy' | 'status'>): Promise<BillingRunRecord>;
  /** Replaces a draft's statements and problems with a fresh computation. */
  replaceDraft(tx: Tx, runId: string, problems: StatementProblem[], computedAt: Date, statements: Statement[]): Promise<void>;
  get(tx: Tx, runId: string, forUpdate?: boolean): Promise<BillingRunRecord | null>;
  list(tx: Tx, month: string | undefined): Promise<BillingRunRecord[]>;
  statements(tx: Tx, runId: string): Promise<StoredStatement[]>;
  setInvoices(tx: Tx, runId: string, tenantId: string, invoiceIds: string[]): Promise<void>;
  markFinalized(tx: Tx, runId: string, at: Date, by: string): Promise<void>;
  /** What each tenant was last invoiced for the month: its statement in the latest finalised run that has one. */
  invoicedStatements(tx: Tx, month: string): Promise<Map<string, StoredStatement>>;
}
