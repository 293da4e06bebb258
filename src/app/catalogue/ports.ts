/** What the service catalogue and subscriptions need from the store. */
import type { Service, ServiceFields, Subscription } from '../../domain/service.js';
import type { AuditStore } from '../audit/ports.js';
import type { TenantStore } from '../municipalities/ports.js';
import type { Clock, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';

export interface ServiceStore {
  list(tx: Tx): Promise<Service[]>;
  get(tx: Tx, serviceId: string): Promise<Service | null>;
  findByCode(tx: Tx, code: string): Promise<Service | null>;
  insert(tx: Tx, fields: ServiceFields): Promise<Service>;
  update(tx: Tx, serviceId: string, fields: ServiceFields, at: Date): Promise<Service>;
}

export interface SubscriptionStore {
  list(tx: Tx, tenantId: string | null): Promise<Subscription[]>;
  insert(tx: Tx, record: Omit<Subscription, 'id' | 'createdAt'>): Promise<Subscription>;
  setEnd(tx: Tx, tenantId: string, subscriptionId: string, to: string | null): Promise<Subscription | null>;
  /** Subscriptions of the tenant to the service whose period overlaps [from, to]. */
  overlapping(tx: Tx, tenantId: string, serviceId: string, from: string, to: string | null): Promise<Subscription[]>;
}

/** What the catalogue use cases need: services, subscriptions, the municipality subscribed, and the audit log. */
export interface CatalogueDeps {
  store: Transactions & { services: ServiceStore; subscriptions: SubscriptionStore; tenants: Pick<TenantStore, 'get'>; audit: AuditStore };
  clock: Clock;
}
