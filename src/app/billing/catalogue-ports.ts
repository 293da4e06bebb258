/** What the metering and billing use cases need from the store (`Store['billing']`). */
import type { CostPool, PoolDriver, Provider, Resource, Tariff } from '../../domain/billing/catalogue.js';
import type { UsageRecord } from '../../domain/billing/usage.js';
import type { Tx } from '../shared/transaction.js';

export interface UsageTotal {
  tenantId: string;
  provider: string;
  resource: string;
  /** Sum over the month for sums; the last reported value for gauges. */
  quantity: string;
  records: number;
}

export interface BillingStore {
  providers: {
    list(tx: Tx): Promise<Provider[]>;
    get(tx: Tx, code: string): Promise<Provider | null>;
    insert(tx: Tx, provider: Pick<Provider, 'code' | 'name'>): Promise<Provider>;
  };
  resources: {
    list(tx: Tx): Promise<Resource[]>;
    get(tx: Tx, code: string): Promise<Resource | null>;
    insert(tx: Tx, resource: Omit<Resource, 'createdAt'>): Promise<Resource>;
    rename(tx: Tx, code: string, names: { name: string; nameEn: string | null }): Promise<Resource>;
  };
  tariffs: {
    list(tx: Tx, filter: { provider?: string | undefined; resource?: string | undefined; on?: string | undefined }): Promise<Tariff[]>;
    /** Every tariff of a provider and resource, oldest first, locked until the transaction ends. */
    forUpdate(tx: Tx, provider: string, resource: string): Promise<Tariff[]>;
    insert(tx: Tx, tariff: Omit<Tariff, 'id' | 'createdAt'>): Promise<Tariff>;
    close(tx: Tx, tariffId: string, validTo: string): Promise<Tariff>;
  };
  usage: {
    /** Inserts in one statement, skipping ids already stored; returns the ids that were new. */
    insertMany(tx: Tx, records: UsageRecord[], batchId: string, receivedAt: Date): Promise<Set<string>>;
    /** The stored records with these ids (those the caller may see). */
    byIds(tx: Tx, ids: string[]): Promise<UsageRecord[]>;
    /** Month totals per tenant, provider and resource for records starting in [from, to). */
    totals(tx: Tx, filter: { tenantId: string | null; from: Date; to: Date }): Promise<UsageTotal[]>;
  };
  pools: {
    list(tx: Tx, filter: { month?: string | undefined }): Promise<CostPool[]>;
    insert(tx: Tx, pool: { month: string; amount: string; description: string; descriptionEn: string | null; driver: PoolDriver; createdBy: string | null }): Promise<CostPool>;
    getForUpdate(tx: Tx, poolId: string): Promise<CostPool | null>;
    update(tx: Tx, poolId: string, changes: { amount: string; description: string; descriptionEn: string | null; driver: PoolDriver }): Promise<CostPool>;
    remove(tx: Tx, poolId: string): Promise<void>;
  };
}
