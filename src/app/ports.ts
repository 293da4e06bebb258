/**
 * The whole store and the dependencies `main/` wires, composed from the features' own ports
 * (`<feature>/ports.ts`). `db/` implements this Store; every use case names the narrower deps
 * its feature declares, which any Deps satisfies, so only the callers (http/, jobs/, cli/,
 * main/) see the whole (lint: `narrow-ports` in .dependency-cruiser.cjs).
 */
import type { BillingStore } from './billing/catalogue-ports.js';
import type { IncidentStore } from './monitoring/status-ports.js';
import type { StatusDayStore } from './monitoring/status-day-ports.js';
import type { InvitationStore } from './identity/invitation-ports.js';
import type { RollupStore } from './availability/rollup-ports.js';
import type { SlaPublicationStore } from './availability/sla-ports.js';
import type { WatchStore } from './monitoring/watch-ports.js';
import type { InvoiceStore } from './billing/invoice-ports.js';
import type { BillingRunStore } from './billing/billing-run-ports.js';
import type { TenantRecordStore } from './export/ports.js';
import type { NotificationSettingsStore } from './notices/ports.js';
import type { LoginAttemptStore, SecondFactorStore } from './identity/second-factor-ports.js';
import type { IdentitySettings } from './identity/identity-settings.js';
import type { IdentityProviderStore, RelyingParty } from './oidc/oidc-ports.js';
import type { StatusSubscriberStore } from './status-subscriptions/ports.js';
import type { Clock, JobStore, LeaseStore, NotificationSettings, Notifier, OutboxStore, PasswordHasher, SecretBox, Transactions } from './shared/ports.js';
import type { SessionStandingLookup, SessionStore, TokenStandingLookup, TokenStore, UserStore } from './identity/ports.js';
import type { AgreementStore, TenantStore } from './municipalities/ports.js';
import type { CalendarStore } from './calendars/ports.js';
import type { AuditStore } from './audit/ports.js';
import type { ServiceStore, SubscriptionStore } from './catalogue/ports.js';
import type { MaintenanceStore, MonitorStore, ProbeResultStore } from './monitoring/ports.js';
import type { SlaExclusionStore } from './availability/ports.js';
import type { TicketStore } from './desk/ports.js';
import type { InboundMailStore } from './desk/mail-ports.js';
import type { BackupArchiver, BackupRunStore } from './backup/ports.js';
import type { SentHandlers } from './outbox/send-outbox.js';

export interface Store extends Transactions, TokenStandingLookup, SessionStandingLookup {
  tenants: TenantStore;
  agreements: AgreementStore;
  calendars: CalendarStore;
  users: UserStore;
  sessions: SessionStore;
  tokens: TokenStore;
  loginAttempts: LoginAttemptStore;
  /** TOTP secrets, passkeys, recovery codes and known browsers. */
  secondFactors: SecondFactorStore;
  audit: AuditStore;
  services: ServiceStore;
  subscriptions: SubscriptionStore;
  monitors: MonitorStore;
  probeResults: ProbeResultStore;
  maintenance: MaintenanceStore;
  slaExclusions: SlaExclusionStore;
  tickets: TicketStore;
  /** Mail received at the desk: each Message-ID once, with what became of it (quarantine included). */
  inboundMail: InboundMailStore;
  jobs: JobStore;
  /** Outgoing notices, recorded with the change they report and sent by the worker (ADR 0020). */
  outbox: OutboxStore;
  /** People following the public status page by e-mail. */
  statusSubscribers: StatusSubscriberStore;
  /** Who at each municipality receives which notices, and on which channels. */
  notificationSettings: NotificationSettingsStore;
  /** Leases that divide work between replicas (probe shards). */
  leases: LeaseStore;
  /** Metering and billing: providers, resources, tariffs, usage, cost pools. */
  billing: BillingStore;
  /** Status-page incidents and their updates. */
  incidents: IncidentStore;
  invitations: InvitationStore;
  /** Rolled-up availability segments per monitor and location. */
  rollups: RollupStore;
  /** The status page's settled days per service, kept so the page reads 90 rows, not 90 days of segments. */
  statusDays: StatusDayStore;
  /** Published, frozen monthly availability reports. */
  slaPublications: SlaPublicationStore;
  /** Push-monitor tokens and confirmed outages. */
  watch: WatchStore;
  /** The seller settings, invoice numbers and issued invoices. */
  invoices: InvoiceStore;
  /** Billing runs: drafts, finalised statements and the usage they are computed from. */
  billingRuns: BillingRunStore;
  /** What the municipality export reads that no other feature does. */
  tenantRecords: TenantRecordStore;
  /** OpenID Providers, the identities linked through them, and their sessions. */
  identityProviders: IdentityProviderStore;
  /** Backups made, good or failed. */
  backups: BackupRunStore;
}

/** Everything a use case may depend on. */
export interface Deps {
  store: Store;
  clock: Clock;
  passwords: PasswordHasher;
  /** Needed by the second factor only; main/ wires it from KOPA_SECRET_KEY. */
  secretBox?: SecretBox;
  /** Sign-in policy; the production defaults when absent. */
  identity?: IdentitySettings;
  /** The OpenID Connect relying party; openid-client over the network when absent. */
  relyingParty?: RelyingParty;
  notifier?: Notifier;
  /** Writes backup archives of this database; main/ wires it. */
  backupArchiver?: BackupArchiver;
  notifications?: NotificationSettings;
  /** What the outbox sender does when a notice of an event is delivered; main/ wires the features' handlers. */
  sentHandlers?: SentHandlers;
}
