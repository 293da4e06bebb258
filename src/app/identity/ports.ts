/** What the identity use cases (people, sessions, tokens) need from the store. */
import type { Role } from '../../domain/roles.js';
import type { TenantStatus } from '../../domain/tenant.js';
import type { CreatorStanding, TokenStanding } from '../../domain/token-access.js';
import type { ApiToken, TokenCreator, User } from '../../domain/user.js';
import type { AuditStore } from '../audit/ports.js';
import type { TenantStore } from '../municipalities/ports.js';
import type { Clock, JobStore, NotificationSettings, Notifier, PasswordHasher, SecretBox, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { IdentitySettings } from './identity-settings.js';
import type { InvitationStore } from './invitation-ports.js';
import type { LoginAttemptStore, SecondFactorStore, SessionStage, SessionSummary } from './second-factor-ports.js';

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

/**
 * A presented token as it stands now (everything that decides whether it works, read in one query),
 * with what its caller is called and when it was last used.
 */
export interface PresentedToken extends TokenStanding {
  id: string;
  name: string;
  lastUsedAt: Date | null;
}

/**
 * Authorising a Bearer token: one statement outside any transaction (this runs on every API call,
 * and the use case's transaction is then the only one the request opens). Read at each call, never
 * remembered, so a revocation or a change of its person or municipality holds from the next request.
 */
export interface TokenStandingLookup {
  tokenStanding(tokenHash: string): Promise<PresentedToken | null>;
}

/** A presented session cookie as it stands now: the session, its person and their municipality's status. */
export interface PresentedSession {
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  stage: SessionStage;
  user: User;
  tenantStatus: TenantStatus | null;
}

/**
 * Reading a session cookie's standing: one statement outside any transaction, like a token's (this
 * runs on every browser request). Read at each call, never remembered, so expiry, signing out, a
 * change of the person or of their municipality holds from the next request on every replica.
 */
export interface SessionStandingLookup {
  sessionStanding(tokenHash: string): Promise<PresentedSession | null>;
}

export interface UserStore {
  /** By name and id; with `page`, at most `limit` after the given key. */
  list(tx: Tx, tenantId: string | null, filter: { agencyOnly?: boolean }, page?: { after: { name: string; id: string } | null; limit: number }): Promise<User[]>;
  get(tx: Tx, tenantId: string | null, userId: string): Promise<User | null>;
  /** Login looks a person up before their tenant is known; system scope only. */
  findForLogin(tx: Tx, email: string): Promise<(User & { passwordHash: string | null }) | null>;
  emailTaken(tx: Tx, email: string): Promise<boolean>;
  insert(tx: Tx, record: UserRecord): Promise<User>;
  update(tx: Tx, tenantId: string | null, userId: string, changes: Partial<UserRecord>, at: Date): Promise<User>;
  markLogin(tx: Tx, userId: string, at: Date): Promise<void>;
}

export interface SessionStore {
  insert(tx: Tx, record: SessionRecord & { clientAddress: string | null; userAgent: string | null }): Promise<void>;
  find(tx: Tx, tokenHash: string): Promise<StoredSession | null>;
  /**
   * Slides a session seen last before `seenBefore`; false when it was seen since, or when another
   * request holds the row (touching it now) — that request's touch stands for both.
   */
  touch(tx: Tx, tokenHash: string, at: Date, expiresAt: Date, seenBefore: Date): Promise<boolean>;
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
}

export interface TokenStore {
  insert(tx: Tx, record: Omit<TokenRecord, 'id' | 'createdAt' | 'revokedAt' | 'lastUsedAt'>): Promise<ApiToken>;
  /** The token, its creator and its municipality in one round trip (API calls use TokenStandingLookup). */
  /** Whether a token is registered (bootstrap); authorising one is `tokenStanding`. */
  findByHash(tx: Tx, tokenHash: string): Promise<ApiToken | null>;
  list(tx: Tx, tenantId: string | null, filter: { tenantId?: string | undefined; createdByUserId?: string | undefined }): Promise<TokenWithTenant[]>;
  get(tx: Tx, tenantId: string | null, tokenId: string): Promise<TokenWithTenant | null>;
  /** The named people as they stand now (system scope: agency staff make municipality tokens too). */
  creators(tx: Tx, userIds: string[]): Promise<Map<string, TokenCreatorStanding>>;
  revoke(tx: Tx, tenantId: string | null, tokenId: string, at: Date): Promise<ApiToken>;
  markUsed(tx: Tx, tokenId: string, at: Date): Promise<void>;
}

/**
 * What the identity use cases need: people, their sessions, tokens and second factors, the
 * municipality they belong to (its standing), invitations mailed through the job queue.
 */
export interface IdentityDeps {
  store: Transactions & TokenStandingLookup & SessionStandingLookup & {
    users: UserStore;
    sessions: SessionStore;
    tokens: TokenStore;
    loginAttempts: LoginAttemptStore;
    secondFactors: SecondFactorStore;
    invitations: InvitationStore;
    tenants: TenantStore;
    jobs: JobStore;
    audit: AuditStore;
  };
  clock: Clock;
  passwords: PasswordHasher;
  /** Needed by the second factor only. */
  secretBox?: SecretBox;
  /** Sign-in policy; the production defaults when absent. */
  identity?: IdentitySettings;
  notifier?: Notifier;
  notifications?: NotificationSettings;
}

/** What opening or completing a session needs; single sign-on opens sessions too. */
export interface SessionDeps {
  store: Pick<IdentityDeps['store'], 'users' | 'sessions' | 'secondFactors' | 'audit'>;
  clock: Clock;
  identity?: IdentitySettings;
}
