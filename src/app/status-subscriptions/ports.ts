/** What following the status page by e-mail needs (issue 14): subscribers, the outbox, the incidents. */
import type { Clock, NotificationSettings, OutboxStore, Transactions } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { ServiceStore } from '../catalogue/ports.js';

export interface StatusSubscriber {
  id: string;
  email: string;
  language: 'lv' | 'en';
  /** The services followed; empty follows them all. */
  serviceIds: string[];
  confirmSentAt: Date;
  confirmedAt: Date | null;
}

export interface StatusSubscriberStore {
  findByEmail(tx: Tx, email: string): Promise<StatusSubscriber | null>;
  /** A new unconfirmed subscriber, or the unconfirmed one of that address renewed with a new confirmation token. */
  saveUnconfirmed(tx: Tx, s: { email: string; language: 'lv' | 'en'; serviceIds: string[]; confirmTokenHash: string }, now: Date): Promise<StatusSubscriber>;
  /** Confirms the subscriber whose confirmation token this is and forgets the token; null when none is (used, expired or never). */
  confirm(tx: Tx, confirmTokenHash: string, now: Date, notSentBefore: Date): Promise<StatusSubscriber | null>;
  /** Confirmed subscribers following any of the services (or all of them). */
  confirmedFor(tx: Tx, serviceIds: readonly string[]): Promise<StatusSubscriber[]>;
  addUnsubscribeTokens(tx: Tx, tokens: readonly { subscriberId: string; tokenHash: string }[], now: Date): Promise<void>;
  /** Deletes the subscriber an unsubscribe token was sent to; false when the token is unknown. */
  unsubscribe(tx: Tx, unsubscribeTokenHash: string): Promise<boolean>;
  /** Deletes unconfirmed subscribers whose confirmation was sent before `before`. */
  pruneUnconfirmed(tx: Tx, before: Date): Promise<number>;
}

export interface StatusMailDeps {
  store: Transactions & { statusSubscribers: StatusSubscriberStore; outbox: Pick<OutboxStore, 'record'>; services: Pick<ServiceStore, 'list'> };
  clock: Clock;
  notifications?: NotificationSettings;
}
