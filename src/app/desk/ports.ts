/** What the service desk (tickets, attachments, escalation) needs from the store. */
import type { Priority } from '../../domain/agreement.js';
import type { TicketSort } from '../../domain/desk/ticket-sort.js';
import type { Ticket, TicketCategory, TicketChannel, TicketEvent, TicketStatus } from '../../domain/desk/ticket.js';
import type { AuditStore } from '../audit/ports.js';
import type { CalendarStore } from '../calendars/ports.js';
import type { ServiceStore } from '../catalogue/ports.js';
import type { UserStore } from '../identity/ports.js';
import type { AgreementStore, TenantStore } from '../municipalities/ports.js';
import type { Clock, JobStore, NotificationSettings, Notifier, OutboxStore, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { MunicipalityNoticeDeps } from '../notices/recipients.js';

export interface TicketRecord {
  tenantId: string;
  agreementId: string | null;
  calendarId: string;
  serviceId: string | null;
  priority: Priority;
  category: TicketCategory;
  channel: TicketChannel;
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

/** One of the people a ticket's mail goes to: its reporter or a watcher (or both). */
export interface TicketPerson {
  userId: string;
  email: string;
  name: string;
  locale: 'lv' | 'en';
  /** An agency account (no municipality). */
  agency: boolean;
  active: boolean;
  reporter: boolean;
  watcher: boolean;
}

export type EscalationMarker = 'reaction_warned_at' | 'reaction_breached_at' | 'resolution_warned_at' | 'resolution_breached_at';

export interface TicketFilter {
  statuses?: TicketStatus[] | undefined;
  priority?: Priority | undefined;
  assigneeId?: string | undefined;
  channel?: TicketChannel | undefined;
  /** Text in the subject or description, or a ticket number. */
  search?: string | undefined;
  /** The order (domain/desk/ticket-sort.ts); newest when absent. */
  sort?: TicketSort | undefined;
  /** The page key (ticketSortKey) of the last ticket already seen, in the same sort. */
  after?: readonly (string | number)[] | undefined;
  limit: number;
}

export interface TicketStore {
  insert(tx: Tx, record: TicketRecord): Promise<Ticket>;
  get(tx: Tx, tenantId: string | null, ticketId: string): Promise<Ticket | null>;
  byNumber(tx: Tx, tenantId: string | null, ticketNumber: number): Promise<Ticket | null>;
  list(tx: Tx, tenantId: string | null, filter: TicketFilter): Promise<Ticket[]>;
  update(tx: Tx, tenantId: string, ticketId: string, changes: TicketChanges, at: Date): Promise<Ticket>;
  events(tx: Tx, ticketId: string): Promise<TicketEvent[]>;
  /** Only the status changes: all the clocks need, however long the conversation. */
  statusEvents(tx: Tx, ticketId: string): Promise<TicketEvent[]>;
  /** statusEvents of many tickets in one statement: every id asked for is a key (with [] when it has none). */
  statusEventsOf(tx: Tx, ticketIds: readonly string[]): Promise<Map<string, TicketEvent[]>>;
  /** Newest first, those before (at, id) when given. */
  timeline(tx: Tx, ticketId: string, before: { at: string; id: number } | null, limit: number): Promise<TicketEvent[]>;
  /** Locks the ticket row until the transaction ends, so writers on one ticket take turns. */
  lockForWrite(tx: Tx, ticketId: string): Promise<void>;
  /** Comments the person wrote on the ticket after `since`, and the oldest of them. */
  recentComments(tx: Tx, ticketId: string, actorId: string, since: Date): Promise<{ count: number; oldest: Date | null }>;
  addEvent(tx: Tx, tenantId: string, event: Omit<TicketEvent, 'id'>): Promise<TicketEvent>;
  /** Open tickets of every tenant (system scope). */
  open(tx: Tx): Promise<Ticket[]>;
  /**
   * Open tickets whose next escalation is due at `now` or before, or whose clocks changed since
   * it was computed (migration 038 marks them), with the revision it was computed against.
   */
  escalationDue(tx: Tx, now: Date, everyOpenTicket: boolean): Promise<{ ticket: Ticket; rev: string }[]>;
  /** Stores when each ticket's next escalation is due (null: none until it changes), unless it changed since `rev`. */
  setEscalationDue(tx: Tx, instants: readonly { ticketId: string; at: Date | null; rev: string }[]): Promise<void>;
  /** Sets an escalation marker if unset; true for the one caller that set it. */
  claimMarker(tx: Tx, ticketId: string, marker: EscalationMarker, at: Date): Promise<boolean>;
  createdBetween(tx: Tx, tenantId: string, from: Date, to: Date): Promise<Ticket[]>;
  attachments(tx: Tx, ticketId: string): Promise<AttachmentMeta[]>;
  addAttachment(tx: Tx, tenantId: string, meta: Omit<AttachmentMeta, 'id' | 'createdAt'>, content: Uint8Array): Promise<AttachmentMeta>;
  attachment(tx: Tx, ticketId: string, attachmentId: string): Promise<(AttachmentMeta & { content: Uint8Array }) | null>;
  /** The reporter and the watchers of a ticket the caller sees (agency watchers too, whoever asks); none when it is not seen. */
  people(tx: Tx, ticketId: string): Promise<TicketPerson[]>;
  /** True when the person was not watching yet. */
  addWatcher(tx: Tx, tenantId: string, ticketId: string, userId: string, addedBy: string, at: Date): Promise<boolean>;
  /** True when the person was watching. */
  removeWatcher(tx: Tx, ticketId: string, userId: string): Promise<boolean>;
  /** Keeps the hash of a new satisfaction link (the previous one no longer works). */
  askSatisfaction(tx: Tx, ticketId: string, tokenHash: string, at: Date): Promise<void>;
  /** The ticket a satisfaction link belongs to, locked for the rating. */
  bySatisfactionToken(tx: Tx, tokenHash: string): Promise<Ticket | null>;
}

/** What a ticket's reaction and resolution clocks read: its events and its calendar. */
export interface TicketClockDeps {
  store: { tickets: TicketStore; calendars: CalendarStore };
}

/** What the monthly desk report reads: the tickets and clocks of one municipality's month in its zone. */
export interface DeskReportDeps {
  store: Transactions & TicketClockDeps['store'] & { tenants: TenantStore; agreements: AgreementStore; services: ServiceStore };
  clock: Clock;
}

/** What opening a ticket needs (the outage watch opens them too): the agreement in force decides the targets. */
export interface OpenTicketDeps {
  store: DeskReportDeps['store'] & { services: ServiceStore; audit: AuditStore } & MunicipalityNoticeDeps['store'];
  clock: Clock;
  /** Who else the municipality wants told of each ticket opened or resolved (the `tickets` topic). */
  notifications?: NotificationSettings;
}

/** What the desk's use cases need: escalation also mails the staff through the job queue. */
export interface DeskDeps {
  store: OpenTicketDeps['store'] & { users: UserStore; jobs: JobStore; outbox: OutboxStore };
  clock: Clock;
  notifier?: Notifier;
  notifications?: NotificationSettings;
}
