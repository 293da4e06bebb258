import { slackMessage, teamsMessage, type ChatNotice } from '../../domain/chat-notice.js';
import { completeSettings, NOTICE_TOPICS, type NoticeTopic, type TopicSetting } from '../../domain/notification-settings.js';
import type { User } from '../../domain/user.js';
import type { Language } from '../../domain/locale.js';
import type { MailAttachment, Notice, NotificationSettings, OutboxStore } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { NotificationSettingsStore } from './ports.js';

export { NOTICE_TOPICS, type NoticeTopic };

/** One address a notice goes to, in the language its reader chose. */
export interface NoticeRecipient {
  email: string;
  language: Language;
  /** The person behind the address; null for the municipality's contact address and extra addresses. */
  userId: string | null;
}

export interface RecipientDeps {
  store: {
    users: { list(tx: Tx, tenantId: string | null, filter: { agencyOnly?: boolean }): Promise<readonly User[]> };
    tenants: { get(tx: Tx, tenantId: string): Promise<{ email: string | null } | null> };
    /**
     * Optional in the type only so that features whose narrow ports predate the settings still
     * compile; the store wired in main/ always has it. Without it the defaults apply.
     */
    notificationSettings?: Pick<NotificationSettingsStore, 'get'>;
  };
}

/** The municipality's choice for a topic, or the default when it chose nothing. */
export async function topicSetting(deps: RecipientDeps, tx: Tx, tenantId: string, topic: NoticeTopic): Promise<TopicSetting> {
  const stored = (await deps.store.notificationSettings?.get(tx, tenantId)) ?? null;
  return completeSettings(stored?.topics ?? null)[topic];
}

/**
 * Who at a municipality hears of a topic by e-mail, as its notification settings say. Until it
 * chooses otherwise, that is its contact address and its active administrators — the people who
 * answer for its use of the platform. Only active people of that municipality receive; each
 * address appears once, in its person's language (the contact and extra addresses read Latvian).
 */
export async function municipalityRecipients(deps: RecipientDeps, tx: Tx, tenantId: string, topic: NoticeTopic): Promise<NoticeRecipient[]> {
  const { email } = await topicSetting(deps, tx, tenantId, topic);
  const users = await deps.store.users.list(tx, tenantId, {});
  const chosen = new Set(email.userIds);
  const roles = new Set<string>(email.roles);
  const byEmail = new Map<string, NoticeRecipient>();
  for (const user of users) {
    if (!user.active || user.tenantId !== tenantId) continue;
    if (roles.has(user.role) || chosen.has(user.id)) byEmail.set(user.email.toLowerCase(), { email: user.email, language: user.locale, userId: user.id });
  }
  const addresses: string[] = [...email.extraAddresses];
  if (email.contact) {
    const contact = (await deps.store.tenants.get(tx, tenantId))?.email?.trim().toLowerCase();
    if (contact) addresses.unshift(contact);
  }
  for (const address of addresses) if (!byEmail.has(address)) byEmail.set(address, { email: address, language: 'lv', userId: null });
  return [...byEmail.values()];
}

/** The Teams and Slack incoming webhooks a municipality chose for a topic (none by default). */
export async function municipalityHooks(deps: RecipientDeps, tx: Tx, tenantId: string, topic: NoticeTopic): Promise<{ teams: string[]; slack: string[] }> {
  const { teams, slack } = await topicSetting(deps, tx, tenantId, topic);
  return { teams: [...teams], slack: [...slack] };
}

/** A notice as one language says it: the mail's subject and lines, the link's label, a calendar file. */
export interface NoticeWords {
  subject: string;
  lines: readonly string[];
  linkLabel: string;
  attachments?: MailAttachment[];
}

export interface MunicipalityNotice {
  tenantId: string;
  topic: NoticeTopic;
  /** Names the occurrence; with channel and recipient unique in the outbox. */
  eventKey: string;
  event: string;
  /** Where to read more; the mail ends with it, the chat message has it as a button. */
  link: string | null;
  /** The notice in a reader's language: each e-mail in its recipient's, the chat channels in both. */
  words: (language: Language) => NoticeWords;
}

export interface MunicipalityNoticeDeps extends RecipientDeps {
  store: RecipientDeps['store'] & { outbox: Pick<OutboxStore, 'record'> };
  notifications?: NotificationSettings;
}

/** A channel has many readers and no one language: Latvian first, then English. */
function chatWords(notice: MunicipalityNotice): ChatNotice {
  const lv = notice.words('lv');
  const en = notice.words('en');
  return { subject: lv.subject, lines: [...lv.lines, '', ...en.lines], link: notice.link, linkLabel: `${lv.linkLabel} / ${en.linkLabel}` };
}

/**
 * Records one notice for every channel the municipality chose for its topic, in the caller's
 * transaction (ADR 0020): an e-mail per recipient in their language (when mail is configured), and a
 * message per Teams and Slack webhook in their own formats, whether or not mail is. Returns how many
 * rows were new and the addresses mailed (so a caller adding other readers can leave them out).
 */
export async function recordMunicipalityNotice(deps: MunicipalityNoticeDeps, tx: Tx, notice: MunicipalityNotice, at: Date): Promise<{ recorded: number; mailed: string[] }> {
  const base = { eventKey: notice.eventKey, event: notice.event, tenantId: notice.tenantId };
  const rows: Notice[] = [];
  const mailed: string[] = [];
  if (deps.notifications?.mailEnabled) {
    for (const r of await municipalityRecipients(deps, tx, notice.tenantId, notice.topic)) {
      const words = notice.words(r.language);
      const text = [...words.lines, ...(notice.link ? ['', notice.link] : [])].join('\n');
      rows.push({ ...base, channel: 'email', recipient: r.email, subject: words.subject, payload: { text, ...(words.attachments && { attachments: words.attachments }) }, language: r.language });
      mailed.push(r.email.toLowerCase());
    }
  }
  const hooks = await municipalityHooks(deps, tx, notice.tenantId, notice.topic);
  if (hooks.teams.length + hooks.slack.length > 0) {
    const chat = chatWords(notice);
    const message = { ...base, subject: chat.subject, language: 'lv' as const };
    for (const url of hooks.teams) rows.push({ ...message, channel: 'teams', recipient: url, payload: teamsMessage(chat) });
    for (const url of hooks.slack) rows.push({ ...message, channel: 'slack', recipient: url, payload: slackMessage(chat) });
  }
  return { recorded: rows.length === 0 ? 0 : await deps.store.outbox.record(tx, rows, at), mailed };
}
