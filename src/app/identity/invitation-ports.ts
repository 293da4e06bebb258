/** What the invitation use cases need from the store (`Store['invitations']`). */
import type { TenantRole } from '../../domain/roles.js';
import type { Tx } from '../shared/transaction.js';

/** A municipality admin's invitation as the admin sees it: nothing in it depends on who owns the address. */
export interface Invitation {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: TenantRole;
  locale: 'lv' | 'en';
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  /** `pending` until accepted or expired; never says whether the address has an account elsewhere. */
  status: 'pending' | 'accepted' | 'expired';
}

export interface InvitationStore {
  insert(tx: Tx, record: Omit<Invitation, 'id' | 'status'>): Promise<Invitation>;
  list(tx: Tx, tenantId: string, now: Date): Promise<Invitation[]>;
  /** System scope: the job that sends the e-mail, and acceptance (the invitee has no scope yet). */
  get(tx: Tx, id: string, now: Date): Promise<Invitation | null>;
  setTokenHash(tx: Tx, id: string, tokenHash: string): Promise<void>;
  /** A pending, unexpired invitation by its link's hash, locked until the transaction ends. */
  findOpenByTokenHash(tx: Tx, tokenHash: string, now: Date): Promise<Invitation | null>;
  markAccepted(tx: Tx, id: string, userId: string, at: Date): Promise<void>;
}
