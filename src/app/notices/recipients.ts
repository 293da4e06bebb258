import { slackMessage, teamsMessage, type ChatNotice } from '../../domain/chat-notice.js';
import { completeSettings, NOTICE_TOPICS, type NoticeTopic, type TopicSetting } from '../../domain/notification-settings.js';
import type { User } from '../../domain/user.js';
import type { Notice, NotificationSettings, OutboxStore } from '../shared/ports.js';
import type { Tx } from '../shared/transaction.js';
import type { NotificationSettingsStore } from './ports.js';

export { NOTICE_TOPICS, type NoticeTopic };

/** One address a notice goes to, in the language its reader chose. */
export interface NoticeRecipient {
  email: string;
  language: 'lv' | 'en';
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

export interface MunicipalityNotice extends ChatNotice {
  tenantId: string;
  topic: NoticeTopic;
  /** Names the occurrence; with channel and recipient unique in the outbox. */
  eventKey: string;
  event: string;
}

export interface MunicipalityNoticeDeps extends RecipientDeps {
  store: RecipientDeps['store'] & { outbox: Pick<OutboxStore, 'record'> };
  notifications?: NotificationSettings;
}

/**
 * The Teams and Slack messages of one notice, one per webhook the municipality chose for the topic,
 * in their own formats (Latvian: a channel has no one reader's language). For callers that word
 * each e-mail per reader themselves (maintenance with its calendar file, incidents).
 */
export async function municipalityChatNotices(deps: RecipientDeps, tx: Tx, notice: Omit<MunicipalityNotice, 'lines'> & { lines: readonly string[] }): Promise<Notice[]> {
  const base = { eventKey: notice.eventKey, event: notice.event, tenantId: notice.tenantId, subject: notice.subject, language: 'lv' as const };
  const hooks = await municipalityHooks(deps, tx, notice.tenantId, notice.topic);
  return [
    ...hooks.teams.map((url): Notice => ({ ...base, channel: 'teams', recipient: url, payload: teamsMessage(notice) })),
    ...hooks.slack.map((url): Notice => ({ ...base, channel: 'slack', recipient: url, payload: slackMessage(notice) })),
  ];
}

/**
 * Records one notice for every channel the municipality chose for its topic, in the caller's
 * transaction (ADR 0020): an e-mail per recipient (when mail is configured), and a message per
 * Teams and Slack webhook in their own formats. Returns how many rows were new.
 */
export async function recordMunicipalityNotice(deps: MunicipalityNoticeDeps, tx: Tx, notice: MunicipalityNotice, at: Date): Promise<number> {
  const base = { eventKey: notice.eventKey, event: notice.event, tenantId: notice.tenantId, subject: notice.subject };
  const rows: Notice[] = [];
  if (deps.notifications?.mailEnabled) {
    const text = [...notice.lines, ...(notice.link ? ['', notice.link] : [])].join('\n');
    for (const r of await municipalityRecipients(deps, tx, notice.tenantId, notice.topic)) rows.push({ ...base, channel: 'email', recipient: r.email, payload: { text }, language: r.language });
  }
  rows.push(...(await municipalityChatNotices(deps, tx, notice)));
  return rows.length === 0 ? 0 : deps.store.outbox.record(tx, rows, at);
}
