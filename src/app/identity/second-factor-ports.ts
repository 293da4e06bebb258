import type { AttemptCounts, AttemptKind } from '../../domain/auth-policy.js';
import type { Tx } from '../shared/transaction.js';

/** A session is `full`, or pending: waiting for the second factor, or for one to be enrolled. */
export type SessionStage = 'full' | 'second_factor' | 'enrolment';

export interface TotpFactor {
  userId: string;
  secretSealed: string;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
}

export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** multiDevice: synced between devices (a "passkey"); singleDevice: a security key */
  deviceType: string | null;
  backedUp: boolean;
}

export interface PasskeyRecord extends Passkey {
  userId: string;
  tenantId: string | null;
  credentialId: string;
  /** COSE public key, base64url */
  publicKey: string;
  counter: number;
  transports: string[];
}

export interface SessionSummary {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  clientAddress: string | null;
  userAgent: string | null;
  tokenHash: string;
}

export interface AttemptKey {
  kind: AttemptKind;
  email: string;
  clientAddress: string;
  /** SHA-256 of a known-browser cookie that is valid for this account, else null */
  device: string | null;
}

export interface LoginAttemptStore {
  /** Serialises attempts on one account, then on one address, until the transaction ends. */
  lock(tx: Tx, email: string, clientAddress: string): Promise<void>;
  /** Failed and unsettled attempts of this kind at or after `since`, per dimension. */
  counts(tx: Tx, since: Date, key: AttemptKey): Promise<AttemptCounts>;
  /** Writes an unsettled attempt (counted as a failure until settled); returns its id. */
  reserve(tx: Tx, key: AttemptKey, at: Date): Promise<string>;
  settle(tx: Tx, attemptId: string, succeeded: boolean): Promise<void>;
  prune(tx: Tx, before: Date): Promise<number>;
}

export interface SecondFactorStore {
  totp(tx: Tx, userId: string): Promise<TotpFactor | null>;
  /** Starts (or restarts) an unconfirmed enrolment. */
  saveTotp(tx: Tx, userId: string, tenantId: string | null, secretSealed: string): Promise<void>;
  confirmTotp(tx: Tx, userId: string, at: Date): Promise<void>;
  /** Records a used time step if it is later than the last one; false when it is not (a replay). */
  useTotpStep(tx: Tx, userId: string, step: number): Promise<boolean>;
  deleteTotp(tx: Tx, userId: string): Promise<boolean>;

  replaceRecoveryCodes(tx: Tx, userId: string, tenantId: string | null, codeHashes: string[]): Promise<void>;
  /** Marks an unused code used; false when there is no such unused code. */
  useRecoveryCode(tx: Tx, userId: string, codeHash: string, at: Date): Promise<boolean>;
  recoveryCodesLeft(tx: Tx, userId: string): Promise<number>;
  deleteRecoveryCodes(tx: Tx, userId: string): Promise<number>;

  passkeys(tx: Tx, userId: string): Promise<PasskeyRecord[]>;
  insertPasskey(tx: Tx, record: Omit<PasskeyRecord, 'id' | 'createdAt' | 'lastUsedAt'>): Promise<PasskeyRecord>;
  renamePasskey(tx: Tx, userId: string, passkeyId: string, name: string): Promise<PasskeyRecord | null>;
  deletePasskey(tx: Tx, userId: string, passkeyId: string): Promise<PasskeyRecord | null>;
  usePasskey(tx: Tx, passkeyId: string, counter: number, at: Date): Promise<void>;
  deletePasskeys(tx: Tx, userId: string): Promise<number>;

  rememberBrowser(tx: Tx, tokenHash: string, userId: string, tenantId: string | null, at: Date, expiresAt: Date): Promise<void>;
  /** Whether the browser is known for this person (or, with null, for anyone). */
  isKnownBrowser(tx: Tx, tokenHash: string, userId: string | null, now: Date): Promise<boolean>;
  forgetBrowsers(tx: Tx, userId: string): Promise<number>;
  /** Deletes known browsers whose time ran out. */
  pruneBrowsers(tx: Tx, now: Date): Promise<number>;
}
