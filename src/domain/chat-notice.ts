/**
 * One notice worded for the chat channels a municipality chose (Teams and Slack incoming webhooks).
 * Pure formatting: what is posted, never how.
 */

/** A notice as every channel tells it: a subject line, the lines of its text, and where to read more. */
export interface ChatNotice {
  subject: string;
  lines: readonly string[];
  link: string | null;
  /** The link's label, in the notice's language. */
  linkLabel: string;
}

/**
 * Teams' legacy MessageCard, which Teams incoming webhooks (and Power Automate's "post to a channel
 * when a webhook request is received") accept. Teams renders `text` as Markdown; two spaces before a
 * line break keep the lines apart.
 */
export function teamsMessage(notice: ChatNotice): Record<string, unknown> {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: notice.subject,
    title: notice.subject,
    text: notice.lines.filter((l) => l.trim() !== '').map(escapeTeams).join('  \n'),
    ...(notice.link ? { potentialAction: [{ '@type': 'OpenUri', name: notice.linkLabel, targets: [{ os: 'default', uri: notice.link }] }] } : {}),
  };
}

/**
 * Slack's incoming-webhook message: `text` is the plain fallback (notifications, screen readers);
 * the blocks carry a header, the lines as mrkdwn and the link.
 */
export function slackMessage(notice: ChatNotice): Record<string, unknown> {
  const body = notice.lines.filter((l) => l.trim() !== '').map(escapeSlack).join('\n');
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: notice.subject.slice(0, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: body.slice(0, 3000) } },
  ];
  if (notice.link) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${notice.link}|${escapeSlack(notice.linkLabel)}>` } });
  return { text: notice.link ? `${notice.subject}\n${notice.link}` : notice.subject, blocks };
}

/** Slack reads &, < and > as markup; escaped they stay text. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Teams reads Markdown: characters that would start formatting are escaped so a name stays as written. */
function escapeTeams(text: string): string {
  return text.replace(/([\\*_`[\]<>#])/g, '\\$1');
}
