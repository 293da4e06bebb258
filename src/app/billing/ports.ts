/** What the billing use cases need; the billing stores themselves are in catalogue-ports.ts, billing-run-ports.ts and invoice-ports.ts. */
import type { AuditStore } from '../audit/ports.js';
import type { AgreementStore, TenantStore } from '../municipalities/ports.js';
import type { UserStore } from '../identity/ports.js';
import type { NotificationSettingsStore } from '../notices/ports.js';
import type { Clock, NotificationSettings, OutboxStore, Transactions } from '../shared/ports.js';
import type { BillingRunStore } from './billing-run-ports.js';
import type { BillingStore } from './catalogue-ports.js';
import type { InvoiceStore } from './invoice-ports.js';

/** Metering, runs and invoices, the municipalities billed and their agreements; every change is audited. */
export interface BillingDeps {
  store: Transactions & {
    billing: BillingStore;
    billingRuns: BillingRunStore;
    invoices: InvoiceStore;
    tenants: TenantStore;
    agreements: AgreementStore;
    audit: AuditStore;
    /** An issued invoice is announced to whoever the municipality chose for invoices. */
    users: UserStore;
    outbox: OutboxStore;
    notificationSettings: NotificationSettingsStore;
  };
  clock: Clock;
  notifications?: NotificationSettings;
}
