/**
 * What every feature may need from outside: transactions, the clock, password hashing,
 * sealed secrets, notifications and the job queue. Feature ports build on these.
 */
import type { Scope, Tx } from './transaction.js';

export type { Scope, Tx } from './transaction.js';

/** The one thing every store offers: a transaction with its row-level security scope. */
export interface Transactions {
  /** Runs fn in one transaction with the scope set for row-level security. */
  run<T>(scope: Scope, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface JobRecord {
  id: string;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/** The PostgreSQL-backed job queue. */
export interface JobStore {
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
}

export type OutboxChannel = 'email' | 'webhook' | 'teams' | 'slack';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** One recipient of one event: what the outbox records and later sends (ADR 0020). */
export interface Notice {
  /** Names the event the notice reports, e.g. `ticket:<id>:ticket.reaction_warning`; with channel and recipient, unique. */
  eventKey: string;
  /** The event's name, e.g. `backup.failed` (a webhook's `x-kopa-event`). */
  event: string;
  channel: OutboxChannel;
  /** An e-mail address, or a receiver's URL. */
  recipient: string;
  tenantId: string | null;
  subject: string | null;
  /** E-mail: `{ text }`; webhook: `{ deliveryId, body }`; Teams/Slack: the JSON to post. */
  payload: unknown;
  language: 'lv' | 'en';
}

export interface OutboxRecord extends Notice {
  id: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface OutboxFilter {
  status?: OutboxStatus | undefined;
  channel?: OutboxChannel | undefined;
  tenantId?: string | undefined;
  /** Keyset paging, newest first: only rows with a smaller id. */
  beforeId?: string | null;
  limit: number;
}

/** The durable outbox of outgoing notices (ADR 0020). */
export interface OutboxStore {
  /** Records in the caller's transaction; a notice already recorded (same key, channel, recipient) is left as it is. Returns how many were new. */
  record(tx: Tx, notices: readonly Notice[], at: Date): Promise<number>;
  /**
   * Claims up to `limit` due rows (queued and due, or `sending` whose claim expired) with SKIP LOCKED:
   * each becomes `sending` until `now + claimSeconds`, its attempt counted.
   */
  claim(tx: Tx, now: Date, claimSeconds: number, limit: number): Promise<OutboxRecord[]>;
  /** Marks a claimed row sent; false when it is no longer `sending` (its claim expired and someone else took it). */
  markSent(tx: Tx, id: string, at: Date): Promise<boolean>;
  /** A failed attempt: queued again at `retryAt`, or `failed` for good when null. */
  markFailed(tx: Tx, id: string, error: string, retryAt: Date | null): Promise<void>;
  /** Hands claimed rows back unsent (a worker stopping): due at `now`, the attempt not counted. */
  release(tx: Tx, ids: readonly string[], now: Date): Promise<void>;
  list(tx: Tx, filter: OutboxFilter): Promise<OutboxRecord[]>;
  get(tx: Tx, id: string): Promise<OutboxRecord | null>;
  /** A `failed` row queued again with fresh attempts; null when there is no failed row by that id. */
  retry(tx: Tx, id: string, now: Date): Promise<OutboxRecord | null>;
  counts(tx: Tx): Promise<{ status: OutboxStatus; count: number }[]>;
}

/** A lease as the database holds it; times are the database's. */
export interface LeaseRecord {
  name: string;
  holder: string | null;
  expiresAt: Date;
}

/**
 * Named leases shared by replicas (ADR 0018). Every expiry is computed and compared on the
 * database's clock, so replicas whose clocks disagree still agree on who holds what.
 */
export interface LeaseStore {
  /**
   * Says `holder` is alive for `ttlMs` (its `replica:` lease) and returns the database's time, how
   * many replicas are alive now (itself included) and the earliest expiry of another holder's lease
   * still in force — the moment something may become free.
   */
  heartbeat(tx: Tx, holder: string, ttlMs: number): Promise<{ now: Date; live: number; nextForeignExpiry: Date | null }>;
  /** Creates the named leases that do not exist yet, free. */
  ensure(tx: Tx, names: string[]): Promise<void>;
  /** Extends the leases under `prefix` that `holder` still holds; returns their names. */
  renew(tx: Tx, holder: string, prefix: string, ttlMs: number): Promise<string[]>;
  /** Takes up to `count` leases under `prefix` that are free or expired; one winner per lease however many ask. */
  claim(tx: Tx, holder: string, prefix: string, count: number, ttlMs: number): Promise<string[]>;
  /** Hands the named leases back (only those `holder` still holds), free at once. */
  release(tx: Tx, holder: string, names: string[]): Promise<number>;
  /** A replica stopping: every lease it holds is freed and its `replica:` lease removed. */
  leave(tx: Tx, holder: string): Promise<void>;
  list(tx: Tx, prefix: string): Promise<LeaseRecord[]>;
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

export interface MailAttachment {
  filename: string;
  /** e.g. `text/calendar; method=REQUEST; charset=utf-8` */
  contentType: string;
  /** The attachment's text (an `.ics`, a CSV); binary attachments are base64 with `encoding: 'base64'`. */
  content: string;
  encoding?: 'base64';
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Where a reply should go, e.g. the ticket's own reply address. */
  replyTo?: string;
  /** Extra headers (Message-ID, In-Reply-To, References, List-Unsubscribe …). */
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/** Outgoing notifications; main/ wires SMTP and HTTP. Each call throws when delivery fails. */
export interface Notifier {
  sendMail(message: MailMessage): Promise<void>;
  postWebhook(url: string, secret: string, event: string, deliveryId: string, body: unknown): Promise<void>;
  /** A Teams or Slack incoming webhook: the body as it is, unsigned (the URL is the secret). */
  postJson(url: string, body: unknown): Promise<void>;
}

export interface NotificationSettings {
  mailEnabled: boolean;
  webhooks: { url: string; secret: string }[];
  publicUrl: string | null;
  /** KOPA_DESK_ADDRESS: the desk's address, whose `+<ticket number>` variants are tickets' reply addresses. */
  deskAddress?: string | null;
}
