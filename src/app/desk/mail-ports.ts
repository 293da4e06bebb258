/** What receiving mail at the desk needs: the record of every mail received, and the desk's own ports. */
import type { Tx } from '../shared/transaction.js';
import type { DeskDeps } from './ports.js';

export type InboundMailStatus = 'comment' | 'ticket' | 'ignored' | 'quarantined' | 'discarded' | 'attached' | 'opened';

/** What the desk made of a quarantined mail, once. */
export const HANDLED_STATUSES = ['attached', 'opened', 'discarded'] as const satisfies readonly InboundMailStatus[];

export interface InboundMailRecord {
  messageId: string;
  receivedAt: Date;
  envelopeFrom: string;
  fromAddress: string;
  toAddresses: string;
  subject: string;
  body: string;
  status: InboundMailStatus;
  reason: string;
  raw: Uint8Array | null;
}

export interface InboundMail extends Omit<InboundMailRecord, 'raw' | 'receivedAt'> {
  id: string;
  receivedAt: string;
  ticketId: string | null;
  tenantId: string | null;
  decidedBy: string | null;
  decidedById: string | null;
  decidedAt: string | null;
}

export interface InboundMailOutcome {
  status: InboundMailStatus;
  reason: string;
  ticketId?: string | null;
  tenantId?: string | null;
  /** Kept only while the mail waits in quarantine. */
  keepRaw?: boolean;
  decidedBy?: string | null;
  decidedById?: string | null;
  decidedAt?: Date | null;
}

export interface InboundMailStore {
  /** Records a mail as being received; false when its Message-ID was received before (nothing is written). */
  claim(tx: Tx, record: InboundMailRecord): Promise<boolean>;
  settle(tx: Tx, messageId: string, outcome: InboundMailOutcome): Promise<void>;
  get(tx: Tx, id: string): Promise<InboundMail | null>;
  /** The mail, its row locked until the transaction ends (the desk handles it once). */
  lock(tx: Tx, id: string): Promise<InboundMail | null>;
  /** The whole message, kept while it waits in quarantine. */
  raw(tx: Tx, id: string): Promise<Uint8Array | null>;
  /** Newest first, of the statuses given (all when null), those before (receivedAt, id) when given. */
  list(tx: Tx, statuses: readonly InboundMailStatus[] | null, before: { receivedAt: string; id: string } | null, limit: number): Promise<InboundMail[]>;
}

export interface ReceiveMailDeps extends DeskDeps {
  store: DeskDeps['store'] & { inboundMail: InboundMailStore };
}
