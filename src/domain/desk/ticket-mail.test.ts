import { describe, expect, it } from 'vitest';
import { isOurMessageId, ticketNumberFromReferences } from './inbound-mail.js';
import { messageDomain, satisfactionMail, threadHeaders, ticketMail, ticketTopicNotice } from './ticket-mail.js';

describe('ticket mail', () => {
  it('threads every mail of a ticket under its first message id, on the desk address domain or kopa', () => {
    expect(messageDomain('atbalsts@Kopa.RDA.lv')).toBe('kopa.rda.lv');
    expect(messageDomain(null)).toBe('kopa');
    expect(threadHeaders('1042', '77', 'kopa.rda.lv')).toEqual({ 'Message-ID': '<kopa.ticket.1042.77@kopa.rda.lv>', 'In-Reply-To': '<kopa.ticket.1042.thread@kopa.rda.lv>', References: '<kopa.ticket.1042.thread@kopa.rda.lv>' });
  });

  it('writes ids inbound mail reads back: a reply quoting any of them names the ticket, and a mail carrying one as its own is a loop', () => {
    const headers = threadHeaders('1042', '77', 'kopa.rda.lv');
    expect(ticketNumberFromReferences([headers['Message-ID']!])).toBe(1042);
    expect(ticketNumberFromReferences(['<other@example.lv>', headers.References!])).toBe(1042);
    expect(isOurMessageId(headers['Message-ID']!)).toBe(true);
  });

  it('writes a status change in the reader’s language, and names the reply address only when there is one', () => {
    const input = { number: '7', subject: 'DVS', change: { kind: 'status' as const, author: 'Daiga', from: 'new' as const, to: 'resolved' as const }, link: 'https://kopa.example.lv/tickets/x', replyTo: null };
    const lv = ticketMail(input, 'lv');
    expect(lv.subject).toBe('[Kopa #7] DVS');
    expect(lv.text).toContain('Daiga mainīja statusu: Jauns → Atrisināts.');
    expect(lv.text).not.toContain('Atbildiet');
    expect(ticketMail({ ...input, replyTo: 'atbalsts+7@kopa.rda.lv' }, 'en').text).toContain('Daiga changed the status: New → Resolved.\n\nTicket: https://kopa.example.lv/tickets/x\nReply to this mail (atbalsts+7@kopa.rda.lv)');
  });

  it('offers five scores, each link carrying the secret after #', () => {
    const mail = satisfactionMail('7', 'DVS', 'https://kopa.example.lv/satisfaction', 'secret', 'en');
    expect(mail.links).toEqual([1, 2, 3, 4, 5].map((n) => `https://kopa.example.lv/satisfaction?score=${n}#secret`));
    expect(mail.subject).toBe('[Kopa #7] How satisfied are you? DVS');
  });
});

describe('the notice of a municipality’s tickets topic', () => {
  it('says the ticket was opened or resolved in the reader’s language', () => {
    const ticket = { number: '1042', priority: 'P2', subject: 'Portāls nestrādā' };
    expect(ticketTopicNotice(ticket, 'opened', 'lv')).toEqual({ subject: '[Kopa] Jauns pieteikums #1042: Portāls nestrādā', lines: ['Jauns pieteikums #1042 (P2): Portāls nestrādā'], linkLabel: 'Atvērt pieteikumu' });
    expect(ticketTopicNotice(ticket, 'resolved', 'en')).toEqual({ subject: '[Kopa] Ticket resolved #1042: Portāls nestrādā', lines: ['Ticket resolved #1042 (P2): Portāls nestrādā'], linkLabel: 'Open the ticket' });
  });
});
