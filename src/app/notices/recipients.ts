import type { User } from '../../domain/user.js';
import type { Tx } from '../shared/transaction.js';

/** What a municipality can be told about; each is chosen per municipality in its notification settings. */
export const NOTICE_TOPICS = ['maintenance', 'incidents', 'tickets', 'monthly_reports', 'invoices'] as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[number];

/** One address a notice goes to, in the language its reader chose. */
export interface NoticeRecipient {
  email: string;
  language: 'lv' | 'en';
  /** The person behind the address; null for the municipality's own contact address. */
  userId: string | null;
}

export interface RecipientDeps {
  store: {
    users: { list(tx: Tx, tenantId: string | null, filter: { agencyOnly?: boolean }): Promise<readonly User[]> };
    tenants: { get(tx: Tx, tenantId: string): Promise<{ email: string | null } | null> };
  };
}

/**
 * Who at a municipality hears of a topic. Until the municipality chooses otherwise (notification
 * settings), that is its contact address and its active administrators — the people who answer for
 * its use of the platform. Each address appears once, in its person's language (the contact
 * address reads Latvian).
 */
export async function municipalityRecipients(deps: RecipientDeps, tx: Tx, tenantId: string, _topic: NoticeTopic): Promise<NoticeRecipient[]> {
  const tenant = await deps.store.tenants.get(tx, tenantId);
  const users = await deps.store.users.list(tx, tenantId, {});
  const byEmail = new Map<string, NoticeRecipient>();
  for (const user of users) {
    if (user.active && user.role === 'tenant_admin') byEmail.set(user.email.toLowerCase(), { email: user.email, language: user.locale, userId: user.id });
  }
  const contact = tenant?.email?.trim().toLowerCase();
  if (contact && !byEmail.has(contact)) byEmail.set(contact, { email: contact, language: 'lv', userId: null });
  return [...byEmail.values()];
}
