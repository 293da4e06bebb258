/**
 * What the use cases need from the outside world. `db/` implements the store,
 * `main/` wires real clocks and hashers; tests may pass their own.
 */
import type { Agreement, AgreementTerms } from '../domain/agreement.js';
import type { BillingStore } from './billing-ports.js';
import type { IncidentStore } from './status-ports.js';
import type { InvitationStore } from './invitation-ports.js';
import type { RollupStore } from './availability-ports.js';
import type { SlaPublicationStore } from './sla-ports.js';
import type { WatchStore } from './watch-ports.js';
import type { InvoiceStore } from './invoice-ports.js';
import type { BillingRunStore } from './billing-run-ports.js';
import type { TenantRecordStore } from './export-ports.js';
import type { LoginAttemptStore, SecondFactorStore, SessionStage, SessionSummary } from './second-factor-ports.js';
import type { IdentitySettings } from './identity-settings.js';
import type { AuditEvent } from '../domain/audit.js';
import type { ExceptionKind } from '../domain/calendar/calendar.js';
import type { ClockSlot, WeeklyHours } from '../domain/calendar/weekly-hours.js';
import type { Ticket, TicketCategory, TicketEvent, TicketStatus } from '../domain/desk/ticket.js';
import type { Priority } from '../domain/agreement.js';
import type { Service, ServiceFields, Subscription } from '../domain/service.js';
import type { Monitor, MonitorFields } from '../domain/monitoring/monitor.js';
import type { Role } from '../domain/roles.js';
import type { PostalAddress, Tenant, TenantStatus } from '../domain/tenant.js';
import type { CreatorStanding } from '../domain/token-access.js';
import type { ApiToken, TokenCreator, User } from '../domain/user.js';

declare const txBrand: unique symbol;
/** An open database transaction with its tenant scope set; opaque to the app. */
export type Tx = { readonly [txBrand]: true };

/** Row-level security scope of a transaction. */
export interface Scope {
  role: Role | 'system';
  tenantId: string | null;
}


export interface TenantRecord {
  name: string;
  registrationNumber: string;
  vatNumber: string | null;
  address: PostalAddress | null;
  email: string | null;
  peppolScheme: string;
  peppolId: string;
  status: TenantStatus;
}

export interface UserRecord {
  email: string;
  name: string;
  role: Role;
  tenantId: string | null;
  active: boolean;
  locale: 'lv' | 'en';
  passwordHash: string | null;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  tenantId: string | null;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  stage: SessionStage;
}

export interface StoredSession extends SessionRecord {
  id: string;
  /** The WebAuthn challenge of a ceremony in progress, if any. */
  challenge: string | null;
}

export interface TokenRecord extends ApiToken {
  tokenHash: string;
}

/** A token with its municipality (null for agency tokens). */
export interface TokenWithTenant extends ApiToken {
  tenantName: string | null;
  tenantStatus: TenantStatus | null;
}

/** The person behind a token as they stand now. */
export type TokenCreatorStanding = TokenCreator & CreatorStanding;

/** Everything that decides whether a presented token works, read in one query. */
export interface TokenLookup extends TokenWithTenant {
  tokenHash: string;
  creator: TokenCreatorStanding | null;
}

export interface AuditFilter {
  tenantId?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** events with seq below this (newest first paging) */
  beforeSeq?: string | undefined;
  limit: number;
}

export interface StoredCalendarException {
  date: string;
  kind: ExceptionKind;
  slots: ClockSlot[] | null;
  reason: string;
  createdAt: string;
  createdBy: string | null;
}

export interface CalendarRecord {
  id: string;
  name: string;
  timeZone: string;
  rules: 'lv' | null;
  description: string | null;
  weeklyHours: WeeklyHours;
  version: number;
  updatedAt: string;
  exceptions: StoredCalendarException[];
}

export interface TicketRecord {
  tenantId: string;
  agreementId: string | null;
  calendarId: string;
  serviceId: string | null;
  priority: Priority;
  category: TicketCategory;
  subject: string;
  description: string;
  reporterId: string | null;
  reporterLabel: string;
  reactionTargetMinutes: number;
  resolutionTargetMinutes: number;
  createdAt: Date;
}

export interface TicketChanges {
  status?: TicketStatus;
  assigneeId?: string | null;
  reactionDueAt?: Date | null;
  resolutionDueAt?: Date | null;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
  satisfactionRating?: number;
  satisfactionComment?: string | null;
  ratedAt?: Date;
}

export interface AttachmentMeta {
  id: string;
  ticketId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  byStaff: boolean;
  createdAt: string;
}

export interface MaintenanceWindowRecord {
  id: string;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  announcedAt: string;
  serviceIds: string[];
  createdAt: string;
  createdBy: string | null;
}

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

export interface ProbeRow {
  at: Date;
  ok: boolean;
  latencyMs: number | null;
  location: string;
  error: string | null;
}

export type EscalationMarker = 'reaction_warned_at' | 'reaction_breached_at' | 'resolution_warned_at' | 'resolution_breached_at';

export interface TicketFilter {
  statuses?: TicketStatus[] | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | undefined;
  /** Subject text, or a ticket number. */
  search?: string | undefined;
  /** tickets numbered below this (newest first paging) */
  beforeNumber?: number | undefined;
  limit: number;
}

export interface JobRecord {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export interface Store {
  /** Runs fn in one transaction with the scope set for row-level security. */
  run<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T>;

  tenants: {
    list(tx: Tx, tenantId: string | null): Promise<Tenant[]>;
    get(tx: Tx, tenantId: string): Promise<Tenant | null>;
    findByRegistrationNumber(tx: Tx, registrationNumber: string): Promise<Tenant | null>;
    insert(tx: Tx, record: TenantRecord): Promise<Tenant>;
    update(tx: Tx, tenantId: string, record: TenantRecord): Promise<Tenant>;
  };
  agreements: {
    listCurrent(tx: Tx, tenantId: string): Promise<Agreement[]>;
    versions(tx: Tx, tenantId: string, agreementId: string): Promise<Agreement[]>;
    current(tx: Tx, tenantId: string, agreementId: string): Promise<Agreement | null>;
    numberTaken(tx: Tx, number: string, exceptAgreementId?: string): Promise<boolean>;
    create(tx: Tx, tenantId: string, terms: AgreementTerms, createdBy: string): Promise<Agreement>;
    addVersion(tx: Tx, tenantId: string, agreementId: string, version: number, terms: AgreementTerms, changeNote: string | null, createdBy: string): Promise<Agreement>;
  };
  calendars: {
    exists(tx: Tx, calendarId: string): Promise<boolean>;
    /** Without exceptions; `exceptionCount` tells how many there are. */
    list(tx: Tx): Promise<(Omit<CalendarRecord, 'exceptions'> & { exceptionCount: number })[]>;
    get(tx: Tx, calendarId: string): Promise<CalendarRecord | null>;
    version(tx: Tx, calendarId: string): Promise<number | null>;
    insert(tx: Tx, record: Omit<CalendarRecord, 'version' | 'updatedAt' | 'exceptions'>): Promise<CalendarRecord>;
    addException(tx: Tx, calendarId: string, exception: Omit<StoredCalendarException, 'createdAt'>): Promise<StoredCalendarException>;
    removeException(tx: Tx, calendarId: string, date: string): Promise<StoredCalendarException | null>;
    /** Marks the calendar changed, so cached clocks on every replica rebuild. */
    bumpVersion(tx: Tx, calendarId: string): Promise<void>;
  };
  users: {
    /** By name and id; with `page`, at most `limit` after the given key. */
    list(tx: Tx, tenantId: string | null, filter: { agencyOnly?: boolean }, page?: { after: { name: string; id: string } | null; limit: number }): Promise<User[]>;
    get(tx: Tx, tenantId: string | null, userId: string): Promise<User | null>;
    /** Login looks a person up before their tenant is known; system scope only. */
    findForLogin(tx: Tx, email: string): Promise<(User & { passwordHash: string | null }) | null>;
    emailTaken(tx: Tx, email: string): Promise<boolean>;
    insert(tx: Tx, record: UserRecord): Promise<User>;
    update(tx: Tx, tenantId: string | null, userId: string, changes: Partial<UserRecord>): Promise<User>;
    markLogin(tx: Tx, userId: string, at: Date): Promise<void>;
  };
  sessions: {
    insert(tx: Tx, record: SessionRecord & { clientAddress: string | null; userAgent: string | null }): Promise<void>;
    find(tx: Tx, tokenHash: string): Promise<StoredSession | null>;
    /** The session with its person and their municipality's status in one round trip: this runs on every request. */
    findWithPerson(tx: Tx, tokenHash: string): Promise<(StoredSession & { user: User; tenantStatus: TenantStatus | null }) | null>;
    touch(tx: Tx, tokenHash: string, at: Date, expiresAt: Date): Promise<void>;
    /** Moves a session to a new stage under a new token (the old token stops working). */
    promote(tx: Tx, tokenHash: string, change: { tokenHash: string; stage: SessionStage; expiresAt: Date; at: Date }): Promise<void>;
    setChallenge(tx: Tx, tokenHash: string, challenge: string | null): Promise<void>;
    /** Full sessions of a person that have not expired, newest first. */
    listForUser(tx: Tx, userId: string, now: Date): Promise<SessionSummary[]>;
    delete(tx: Tx, tokenHash: string): Promise<void>;
    deleteById(tx: Tx, userId: string, sessionId: string): Promise<boolean>;
    /** Every session of the person but the one kept; returns how many ended. */
    deleteOthers(tx: Tx, userId: string, keepTokenHash: string): Promise<number>;
    deleteForUser(tx: Tx, tenantId: string | null, userId: string): Promise<number>;
    deleteExpired(tx: Tx, now: Date): Promise<number>;
  };
  tokens: {
    insert(tx: Tx, record: Omit<TokenRecord, 'id' | 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<ApiToken>;
    /** The token, its creator and its municipality in one round trip: this runs on every API call. */
    findByHash(tx: Tx, tokenHash: string): Promise<TokenLookup | null>;
    list(tx: Tx, tenantId: string | null, filter: { tenantId?: string | undefined; createdByUserId?: string | undefined }): Promise<TokenWithTenant[]>;
    get(tx: Tx, tenantId: string | null, tokenId: string): Promise<TokenWithTenant | null>;
    /** The named people as they stand now (system scope: agency staff make municipality tokens too). */
    creators(tx: Tx, userIds: string[]): Promise<Map<string, TokenCreatorStanding>>;
    revoke(tx: Tx, tenantId: string | null, tokenId: string, at: Date): Promise<ApiToken>;
    markUsed(tx: Tx, tokenId: string, at: Date): Promise<void>;
  };
  loginAttempts: LoginAttemptStore;
  /** TOTP secrets, passkeys, recovery codes and known browsers. */
  secondFactors: SecondFactorStore;
  audit: {
    reserve(tx: Tx): Promise<{ seq: bigint; prevHash: string }>;
    insert(tx: Tx, event: AuditEvent): Promise<void>;
    list(tx: Tx, filter: AuditFilter): Promise<AuditEvent[]>;
    /** Reads the whole chain in order, a batch at a time (system scope). */
    readChain(tx: Tx, afterSeq: string | null, limit: number): Promise<AuditEvent[]>;
    head(tx: Tx): Promise<{ seq: string; hash: string } | null>;
  };
  services: {
    list(tx: Tx): Promise<Service[]>;
    get(tx: Tx, serviceId: string): Promise<Service | null>;
    findByCode(tx: Tx, code: string): Promise<Service | null>;
    insert(tx: Tx, fields: ServiceFields): Promise<Service>;
    update(tx: Tx, serviceId: string, fields: ServiceFields): Promise<Service>;
  };
  subscriptions: {
    list(tx: Tx, tenantId: string | null): Promise<Subscription[]>;
    insert(tx: Tx, record: Omit<Subscription, 'id' | 'createdAt'>): Promise<Subscription>;
    setEnd(tx: Tx, tenantId: string, subscriptionId: string, to: string | null): Promise<Subscription | null>;
    /** Subscriptions of the tenant to the service whose period overlaps [from, to]. */
    overlapping(tx: Tx, tenantId: string, serviceId: string, from: string, to: string | null): Promise<Subscription[]>;
  };
  monitors: {
    insert(tx: Tx, fields: MonitorFields): Promise<Monitor>;
    get(tx: Tx, monitorId: string): Promise<Monitor | null>;
    /** By name and id; `search` matches the name or target; with `page`, at most `limit` after the key. */
    list(
      tx: Tx,
      filter: { serviceId?: string | undefined; location?: string | undefined; search?: string | undefined },
      page?: { after: { name: string; id: string } | null; limit: number },
    ): Promise<Monitor[]>;
    update(tx: Tx, monitorId: string, changes: Partial<Pick<Monitor, 'name' | 'target' | 'config' | 'timeoutMs' | 'critical' | 'locations' | 'active'>>): Promise<Monitor>;
  };
  probeResults: {
    /** Creates the monthly partitions the instants fall in (idempotent). */
    ensurePartitions(tx: Tx, instants: Date[]): Promise<void>;
    /** Inserts, skipping rows already stored; returns how many were new. */
    insert(tx: Tx, monitorId: string, rows: ProbeRow[]): Promise<number>;
    range(tx: Tx, monitorId: string, from: Date, to: Date): Promise<{ at: Date; ok: boolean; location: string }[]>;
  };
  maintenance: {
    insert(tx: Tx, window: Omit<MaintenanceWindowRecord, 'id' | 'createdAt'>): Promise<MaintenanceWindowRecord>;
    overlapping(tx: Tx, from: Date, to: Date, serviceId?: string): Promise<MaintenanceWindowRecord[]>;
  };
  slaExclusions: {
    insert(tx: Tx, exclusion: Omit<SlaExclusionRecord, 'id' | 'createdAt' | 'withdrawal'>): Promise<SlaExclusionRecord>;
    getForUpdate(tx: Tx, exclusionId: string): Promise<SlaExclusionRecord | null>;
    withdraw(tx: Tx, exclusionId: string, withdrawal: { at: Date; by: string; reason: string }): Promise<SlaExclusionRecord>;
    /** Exclusions in force overlapping [from, to), of one service when given; tenant-wide ones included for a tenant. */
    overlapping(tx: Tx, from: Date, to: Date, filter: { serviceId?: string | undefined; tenantId?: string | undefined }): Promise<SlaExclusionRecord[]>;
  };
  tickets: {
    insert(tx: Tx, record: TicketRecord): Promise<Ticket>;
    get(tx: Tx, tenantId: string | null, ticketId: string): Promise<Ticket | null>;
    list(tx: Tx, tenantId: string | null, filter: TicketFilter): Promise<Ticket[]>;
    update(tx: Tx, tenantId: string, ticketId: string, changes: TicketChanges, at: Date): Promise<Ticket>;
    events(tx: Tx, ticketId: string): Promise<TicketEvent[]>;
    /** Only the status changes: all the clocks need, however long the conversation. */
    statusEvents(tx: Tx, ticketId: string): Promise<TicketEvent[]>;
    /** Newest first, those before (at, id) when given. */
    timeline(tx: Tx, ticketId: string, before: { at: string; id: number } | null, limit: number): Promise<TicketEvent[]>;
    /** Locks the ticket row until the transaction ends, so writers on one ticket take turns. */
    lockForWrite(tx: Tx, ticketId: string): Promise<void>;
    /** Comments the person wrote on the ticket after `since`, and the oldest of them. */
    recentComments(tx: Tx, ticketId: string, actorId: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
    addEvent(tx: Tx, tenantId: string, event: Omit<TicketEvent, 'id'>): Promise<TicketEvent>;
    /** Open tickets of every tenant, for the escalation job (system scope). */
    open(tx: Tx): Promise<Ticket[]>;
    /** Sets an escalation marker if unset; true for the one caller that set it. */
    claimMarker(tx: Tx, ticketId: string, marker: EscalationMarker, at: Date): Promise<boolean>;
    createdBetween(tx: Tx, tenantId: string, from: Date, to: Date): Promise<Ticket[]>;
    attachments(tx: Tx, ticketId: string): Promise<AttachmentMeta[]>;
    addAttachment(tx: Tx, tenantId: string, meta: Omit<AttachmentMeta, 'id' | 'createdAt'>, content: Uint8Array): Promise<AttachmentMeta>;
    attachment(tx: Tx, ticketId: string, attachmentId: string): Promise<(AttachmentMeta & { content: Uint8Array }) | null>;
  };
  jobs: {
    enqueue(tx: Tx, kind: string, payload: unknown, runAt: Date, dedupeKey: string | null): Promise<void>;
    claim(tx: Tx, worker: string, now: Date, lockSeconds: number, limit: number): Promise<JobRecord[]>;
    complete(tx: Tx, jobId: string, at: Date): Promise<void>;
    fail(tx: Tx, jobId: string, error: string, retryAt: Date | null, at: Date): Promise<void>;
    /**
     * Hands claimed jobs back unrun (a worker shutting down): queued again at once, unlocked, the
     * claim's attempt not counted. Only jobs this worker still holds are touched.
     */
    release(tx: Tx, jobIds: string[], worker: string): Promise<number>;
    counts(tx: Tx): Promise<{ kind: string; status: string; count: number }[]>;
    /** Deletes finished jobs older than `before`. */
    prune(tx: Tx, before: Date): Promise<number>;
  };
  /** Metering and billing: providers, resources, tariffs, usage, cost pools. */
  billing: BillingStore;
  /** Status-page incidents and their updates. */
  incidents: IncidentStore;
  invitations: InvitationStore;
  /** Rolled-up availability segments per monitor and location. */
  rollups: RollupStore;
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
}

export interface Clock {
  now(): Date;
}

/** Seals secrets the server must read back (TOTP seeds), bound to what they belong to. */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws when the text was not sealed with this key and context. */
  open(sealed: string, context: string): string;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/** Outgoing notifications; main/ wires SMTP and HTTP. Each call throws when delivery fails. */
export interface Notifier {
  sendMail(message: MailMessage): Promise<void>;
  postWebhook(url: string, secret: string, event: string, deliveryId: string, body: unknown): Promise<void>;
}

export interface NotificationSettings {
  mailEnabled: boolean;
  webhooks: { url: string; secret: string }[];
  publicUrl: string | null;
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
  notifier?: Notifier;
  notifications?: NotificationSettings;
}
