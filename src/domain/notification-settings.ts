/**
 * Who at a municipality receives which notices (issue 14, item 5). Pure rules: the shape, the
 * defaults and the checks that need no stored data. Whether a chosen person belongs to the
 * municipality is checked by the use case against its people.
 */
import { FieldErrors } from './errors.js';
import { EMAIL_PATTERN } from './user.js';

/** What a municipality can be told about. */
export const NOTICE_TOPICS = ['maintenance', 'incidents', 'tickets', 'monthly_reports', 'invoices'] as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[number];

/** Municipality roles whose active members may be chosen as a whole. */
export const NOTICE_ROLES = ['tenant_admin', 'tenant_user'] as const;
export type NoticeRole = (typeof NOTICE_ROLES)[number];

export interface TopicEmail {
  /** The municipality's own contact address. */
  contact: boolean;
  /** Every active person of the municipality with one of these roles. */
  roles: NoticeRole[];
  /** Chosen people of the municipality; each receives only while active. */
  userIds: string[];
  /** Addresses outside Kopa's people, e.g. a shared IT mailbox. */
  extraAddresses: string[];
}

export interface TopicSetting {
  email: TopicEmail;
  /** Microsoft Teams incoming-webhook URLs. */
  teams: string[];
  /** Slack (or Slack-compatible) incoming-webhook URLs. */
  slack: string[];
}

export type NotificationSettings = Record<NoticeTopic, TopicSetting>;

/** Limits that keep one municipality's settings a reasonable size. */
export const MAX_PER_LIST = 20;

/**
 * What a municipality that chose nothing receives: its contact address and administrators by e-mail.
 * Except `tickets`: a ticket's own people (its reporter and watchers) always hear of it, so the topic
 * — every ticket of the municipality opened or resolved — is for whoever else asks for it (an IT
 * mailbox, a Teams channel) and reaches no one until chosen.
 */
export function defaultTopicSetting(topic: NoticeTopic = 'maintenance'): TopicSetting {
  if (topic === 'tickets') return { email: { contact: false, roles: [], userIds: [], extraAddresses: [] }, teams: [], slack: [] };
  return { email: { contact: true, roles: ['tenant_admin'], userIds: [], extraAddresses: [] }, teams: [], slack: [] };
}

export function defaultNotificationSettings(): NotificationSettings {
  return Object.fromEntries(NOTICE_TOPICS.map((t) => [t, defaultTopicSetting(t)])) as NotificationSettings;
}

/** Stored settings (possibly from before a topic existed) completed with the defaults. */
export function completeSettings(stored: Partial<Record<string, TopicSetting>> | null): NotificationSettings {
  const settings = defaultNotificationSettings();
  for (const topic of NOTICE_TOPICS) {
    const s = stored?.[topic];
    if (s) settings[topic] = s;
  }
  return settings;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * A chat webhook URL must be https: it carries the notice's text across the internet. Plain http
 * is accepted for this machine only (a local relay, or a test's receiver).
 */
export function hookUrlProblem(url: string): { code: 'invalid_url' | 'invalid_https_url' | 'url_with_extras'; message: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { code: 'invalid_url', message: 'must be a URL' };
  }
  if (parsed.username || parsed.password || parsed.hash) return { code: 'url_with_extras', message: 'must have no credentials or fragment' };
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK.test(parsed.hostname)) return null;
  return { code: 'invalid_https_url', message: 'must be an https URL' };
}

function checkList(errors: FieldErrors, field: string, list: readonly string[], check: (value: string) => { code: Parameters<FieldErrors['add']>[1]; message: string } | null, sameKey: (value: string) => string): void {
  if (list.length > MAX_PER_LIST) errors.add(field, 'too_many', `at most ${MAX_PER_LIST}`, { max: MAX_PER_LIST });
  const seen = new Set<string>();
  list.forEach((value, i) => {
    const problem = check(value);
    if (problem) errors.add(`${field}.${i}`, problem.code, problem.message);
    else if (seen.has(sameKey(value))) errors.add(`${field}.${i}`, 'duplicate', 'is listed twice');
    seen.add(sameKey(value));
  });
}

/**
 * Checks settings as given (field names follow the request body: `topics.<topic>.email.extraAddresses.0`)
 * and returns them normalised (addresses trimmed and lower-cased). Throws a validation error listing
 * every problem at once.
 */
export function checkNotificationSettings(topics: Partial<Record<NoticeTopic, TopicSetting>>): NotificationSettings {
  const errors = new FieldErrors();
  const settings = defaultNotificationSettings();
  for (const topic of NOTICE_TOPICS) {
    const given = topics[topic];
    if (!given) continue;
    const at = `topics.${topic}`;
    const extra = given.email.extraAddresses.map((a) => a.trim().toLowerCase());
    checkList(errors, `${at}.email.extraAddresses`, extra, (a) => (a.length <= 254 && EMAIL_PATTERN.test(a) ? null : { code: 'invalid_email', message: 'must be an e-mail address' }), (a) => a);
    checkList(errors, `${at}.email.userIds`, given.email.userIds, () => null, (id) => id.toLowerCase());
    checkList(errors, `${at}.teams`, given.teams, hookUrlProblem, (u) => u);
    checkList(errors, `${at}.slack`, given.slack, hookUrlProblem, (u) => u);
    settings[topic] = {
      email: { contact: given.email.contact, roles: [...new Set(given.email.roles)], userIds: given.email.userIds.map((id) => id.toLowerCase()), extraAddresses: extra },
      teams: [...given.teams],
      slack: [...given.slack],
    };
  }
  errors.throwIfAny();
  return settings;
}
