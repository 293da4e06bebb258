/** What the operators' view of the outbox needs (ADR 0020); the sender's needs are in send-outbox.ts. */
import type { AuditStore } from '../audit/ports.js';
import type { Clock, OutboxStore, Transactions } from '../shared/ports.js';

export interface OutboxDeps {
  store: Transactions & { outbox: OutboxStore; audit: AuditStore };
  clock: Clock;
}
