/** What the audit log needs from the store. */
import type { AuditEvent } from '../../domain/audit.js';
import type { Clock, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';

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

export interface AuditStore {
  reserve(tx: Tx): Promise<{ seq: bigint; prevHash: string }>;
  insert(tx: Tx, event: AuditEvent): Promise<void>;
  list(tx: Tx, filter: AuditFilter): Promise<AuditEvent[]>;
  /** Reads the whole chain in order, a batch at a time (system scope). */
  readChain(tx: Tx, afterSeq: string | null, limit: number): Promise<AuditEvent[]>;
  head(tx: Tx): Promise<{ seq: string; hash: string } | null>;
}

/** What appending an audit event needs, inside a transaction the caller already holds. */
export interface AuditRecording {
  store: { audit: AuditStore };
  clock: Clock;
}

/** What reading and verifying the audit log needs. */
export interface AuditDeps {
  /** People are looked up to name the actor of an event (their name rather than their sign-in address). */
  store: Transactions & { audit: AuditStore; users: { get(tx: Tx, tenantId: string | null, userId: string): Promise<{ name: string } | null> } };
}
