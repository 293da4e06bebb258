/**
 * What a ticket's mail says and how mail clients thread it: pure, so the texts and headers are
 * decided in one place and tested without a mail server. Latvian first; English for those who chose it.
 */
import { ticketMessageId } from './inbound-mail.js';
import type { Language } from '../locale.js';
import type { TicketStatus } from './ticket.js';

/** A mail is in its reader's language: one of the UI's. */
export type MailLanguage = Language;

const STATUS: Record<MailLanguage, Record<TicketStatus, string>> = {
  lv: { new: 'Jauns', in_progress: 'Tiek risināts', waiting_for_customer: 'Gaida klienta atbildi', resolved: 'Atrisināts', closed: 'Slēgts' },
  en: { new: 'New', in_progress: 'In progress', waiting_for_customer: 'Waiting for customer', resolved: 'Resolved', closed: 'Closed' },
};

/** The domain of Message-IDs: the desk address's, or `kopa` when there is none. */
export function messageDomain(deskAddress: string | null | undefined): string {
  const at = deskAddress?.lastIndexOf('@') ?? -1;
  return deskAddress && at > 0 ? deskAddress.slice(at + 1).toLowerCase() : 'kopa';
}

/**
 * Each mail is its own message (`<kopa.ticket.<n>.<event id>@…>`) answering the ticket's thread
 * (`<kopa.ticket.<n>.thread@…>`), so every mail about a ticket falls into one thread, and a reply to
 * any of them names the ticket in its References even when the reply address was lost — the form
 * inbound mail reads back (inbound-mail.ts `ticketNumberFromReferences`).
 */
export function threadHeaders(ticketNumber: string, eventId: string, domain: string): Record<string, string> {
  const root = ticketMessageId(ticketNumber, 'thread', `@${domain}`);
  return { 'Message-ID': ticketMessageId(ticketNumber, eventId, `@${domain}`), 'In-Reply-To': root, References: root };
}

export type TicketChange =
  | { kind: 'reply'; author: string; body: string }
  | { kind: 'status'; author: string; from: TicketStatus | null; to: TicketStatus };

export interface TicketMailInput {
  number: string;
  subject: string;
  change: TicketChange;
  link: string | null;
  replyTo: string | null;
}

const WORDS = {
  lv: {
    reply: (who: string) => `${who} atbildēja:`,
    status: (who: string, from: string, to: string) => `${who} mainīja statusu: ${from} → ${to}.`,
    open: 'Pieteikums:',
    answer: (address: string) => `Atbildiet uz šo vēstuli (${address}), un jūsu atbilde tiks pievienota pieteikumam.`,
    why: 'Jūs saņemat šo vēstuli, jo pieteicāt šo pieteikumu vai sekojat tam.',
  },
  en: {
    reply: (who: string) => `${who} replied:`,
    status: (who: string, from: string, to: string) => `${who} changed the status: ${from} → ${to}.`,
    open: 'Ticket:',
    answer: (address: string) => `Reply to this mail (${address}) and your answer is added to the ticket.`,
    why: 'You receive this mail because you reported this ticket or follow it.',
  },
} as const;

/** Subject and text of one recipient's mail about a public change of a ticket. */
export function ticketMail(input: TicketMailInput, language: MailLanguage): { subject: string; text: string } {
  const w = WORDS[language];
  const change = input.change;
  const lines =
    change.kind === 'reply'
      ? [w.reply(change.author), '', change.body]
      : [w.status(change.author, change.from ? STATUS[language][change.from] : '—', STATUS[language][change.to])];
  return {
    subject: `[Kopa #${input.number}] ${input.subject}`,
    text: [...lines, '', ...(input.link ? [`${w.open} ${input.link}`] : []), ...(input.replyTo ? [w.answer(input.replyTo)] : []), '', '—', w.why].join('\n'),
  };
}

/** The five answers of the satisfaction mail, 1 (not at all) to 5 (very). */
export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;

const SATISFACTION = {
  lv: {
    subject: (n: string, s: string) => `[Kopa #${n}] Cik apmierināts esat? ${s}`,
    intro: (n: string) => `Pieteikums #${n} ir atrisināts. Cik apmierināts esat ar atbalstu? Izvēlieties vērtējumu (1 — nemaz, 5 — ļoti):`,
    after: 'Saite atver lapu, kur vērtējumu apstiprināt un pievienot komentāru. To var izmantot vienu reizi.',
  },
  en: {
    subject: (n: string, s: string) => `[Kopa #${n}] How satisfied are you? ${s}`,
    intro: (n: string) => `Ticket #${n} has been resolved. How satisfied are you with the support? Choose a score (1 — not at all, 5 — very):`,
    after: 'The link opens a page where you confirm the score and may add a comment. It works once.',
  },
} as const;

/** The satisfaction question: one link per score, the token after `#` so it never reaches a server log. */
export function satisfactionMail(number: string, subject: string, pageUrl: string, token: string, language: MailLanguage): { subject: string; text: string; links: string[] } {
  const w = SATISFACTION[language];
  const links = SATISFACTION_SCORES.map((score) => `${pageUrl}?score=${score}#${token}`);
  return {
    subject: w.subject(number, subject),
    text: [w.intro(number), '', ...links.map((link, i) => `${i + 1}: ${link}`), '', w.after].join('\n'),
    links,
  };
}

const TOPIC_WORDS = {
  lv: { opened: 'Jauns pieteikums', resolved: 'Pieteikums atrisināts', link: 'Atvērt pieteikumu' },
  en: { opened: 'New ticket', resolved: 'Ticket resolved', link: 'Open the ticket' },
} as const;

/** The notice of a municipality's `tickets` topic that one of its tickets was opened or resolved, in the reader's language. */
export function ticketTopicNotice(
  ticket: { number: string; priority: string; subject: string },
  moment: 'opened' | 'resolved',
  language: MailLanguage,
): { subject: string; lines: string[]; linkLabel: string } {
  const words = TOPIC_WORDS[language];
  return {
    subject: `[Kopa] ${words[moment]} #${ticket.number}: ${ticket.subject}`,
    lines: [`${words[moment]} #${ticket.number} (${ticket.priority}): ${ticket.subject}`],
    linkLabel: words.link,
  };
}
