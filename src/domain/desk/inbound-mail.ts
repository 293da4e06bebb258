/**
 * Rules for mail that reaches the desk: which mail is automatic (never answered, never applied),
 * which ticket a reply names, and the part of a reply that is new text.
 */

/** What the desk knows of a received mail before deciding on it (parsed, lower-cased headers). */
export interface MailEnvelope {
  /** SMTP MAIL FROM; empty for bounces (RFC 5321 null reverse-path). */
  envelopeFrom: string;
  from: string;
  headers: ReadonlyMap<string, string>;
  contentType: string;
  messageId: string;
  inReplyTo: string[];
}

/** Why a mail is left alone as automatic, or null when a person wrote it. */
export type AutomaticReason = 'auto_submitted' | 'auto_reply_header' | 'bulk_precedence' | 'bounce' | 'delivery_report' | 'own_address' | 'own_message';

/**
 * The Message-IDs Kopa gives the mail it sends start with `kopa.`, and a ticket's mail carries its
 * number: `<kopa.ticket.<number>.<unique>@<desk domain>>`. A reply's In-Reply-To/References then name
 * the ticket even when the reply address was lost; a mail whose own Message-ID is ours is a loop.
 */
export function ticketMessageId(ticketNumber: number | string, unique: string, deskAddress: string): string {
  return `<kopa.ticket.${ticketNumber}.${unique}@${deskAddress.slice(deskAddress.lastIndexOf('@') + 1)}>`;
}

const OURS = /^<?kopa\.[^@\s>]+@[^@\s>]+>?$/i;
const TICKET_ID = /^<?kopa\.ticket\.([1-9][0-9]{0,15})\.[^@\s>]+@[^@\s>]+>?$/i;

export function isOurMessageId(id: string): boolean {
  return OURS.test(id.trim());
}

/** The ticket number the first of our Message-IDs in In-Reply-To/References names, if any. */
export function ticketNumberFromReferences(ids: readonly string[]): number | null {
  for (const id of ids) {
    const match = TICKET_ID.exec(id.trim());
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * RFC 3834 and the common conventions: Auto-Submitted other than `no`, X-Autoreply/X-Autorespond,
 * Precedence bulk/junk/list/auto_reply, a null envelope sender or `Return-Path: <>` (bounces),
 * multipart/report (delivery and read reports), mail from our own addresses or with our own Message-ID.
 */
export function automaticReason(mail: MailEnvelope, ownAddresses: readonly string[]): AutomaticReason | null {
  const header = (name: string) => mail.headers.get(name)?.trim().toLowerCase();
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return 'auto_submitted';
  if (header('x-autoreply') !== undefined || header('x-autorespond') !== undefined || header('x-auto-response-suppress')?.includes('all')) return 'auto_reply_header';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(header('precedence') ?? '')) return 'bulk_precedence';
  const returnPath = header('return-path');
  if (mail.envelopeFrom.trim() === '' || returnPath === '<>' || returnPath === '') return 'bounce';
  if (mail.contentType.toLowerCase().startsWith('multipart/report')) return 'delivery_report';
  const from = mail.from.trim().toLowerCase();
  if (ownAddresses.some((own) => sameMailbox(own, from))) return 'own_address';
  if (isOurMessageId(mail.messageId)) return 'own_message';
  return null;
}

/** Same mailbox, ignoring case and a +tag: a ticket's reply address is the desk's own. */
function sameMailbox(a: string, b: string): boolean {
  const base = (x: string) => x.trim().toLowerCase().replace(/\+[^@]*@/, '@');
  return base(a) === base(b);
}

/**
 * The new part of a reply: the text above the quoted history. Stops at the first line that starts
 * a quote (`>`), an attribution line ("On … wrote:", "… rakstīja:"), an Outlook header block
 * ("-----Original Message-----", "From: … " after a separator) or a signature delimiter ("-- ").
 * If that leaves nothing (a reply written below the quote), the whole text is kept.
 */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? '';
    if (/^\s*>/.test(line)) break;
    if (/^-- ?$/.test(line)) break;
    if (/^\s*-{2,}\s*(original message|sākotnējā ziņa|oriģinālā ziņa)\s*-{2,}\s*$/i.test(line)) break;
    if (/^_{10,}\s*$/.test(line) && /^\s*(from|no):/i.test(next)) break;
    if (/^\s*(on\s.+\swrote|.+\s(rakstīja|написал\(а\)|написал)):\s*$/i.test(line)) break;
    // Attribution lines are often wrapped: "On Mon, 1 Dec 2026, Anna\n<anna@x.lv> wrote:".
    if (/^\s*on\s.+/i.test(line) && /^.*\swrote:\s*$/i.test(next) && /^\s*>/.test(lines[i + 2] ?? '>')) break;
    kept.push(line);
  }
  const reply = kept.join('\n').trim();
  return reply || text.trim();
}

/** The longest subject a ticket takes (the API's limit too). */
export const TICKET_SUBJECT_MAX = 300;

/**
 * A ticket's subject from a mail: its subject, else the first line of its text, else who sent it —
 * the mail's own words, never a placeholder in one language.
 */
export function ticketSubjectOfMail(mail: { subject: string; text: string; from: string }): string {
  const firstLine = mail.text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return (mail.subject.trim() || firstLine.trim() || mail.from.trim()).slice(0, TICKET_SUBJECT_MAX);
}
