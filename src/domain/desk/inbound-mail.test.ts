import { describe, expect, it } from 'vitest';
import { automaticReason, isOurMessageId, replyText, ticketSubjectOfMail, ticketMessageId, ticketNumberFromReferences, type MailEnvelope } from './inbound-mail.js';

const person: MailEnvelope = { envelopeFrom: 'anna@cesis.lv', from: 'anna@cesis.lv', headers: new Map(), contentType: 'text/plain', messageId: '<abc@cesis.lv>', inReplyTo: [] };
const own = ['atbalsts@kopa.rda.lv', 'kopa@rda.lv'];
const withHeader = (name: string, value: string): MailEnvelope => ({ ...person, headers: new Map([[name, value]]) });

describe('automatic mail', () => {
  it('lets a person’s mail through', () => {
    expect(automaticReason(person, own)).toBeNull();
    expect(automaticReason(withHeader('auto-submitted', 'no'), own)).toBeNull();
    expect(automaticReason(withHeader('precedence', 'first-class'), own)).toBeNull();
  });

  it('recognises auto-replies, bulk mail, bounces, reports and loops', () => {
    expect(automaticReason(withHeader('auto-submitted', 'auto-replied'), own)).toBe('auto_submitted');
    expect(automaticReason(withHeader('auto-submitted', 'Auto-Generated'), own)).toBe('auto_submitted');
    expect(automaticReason(withHeader('x-autoreply', 'yes'), own)).toBe('auto_reply_header');
    expect(automaticReason(withHeader('x-autorespond', 'x'), own)).toBe('auto_reply_header');
    for (const p of ['bulk', 'junk', 'list', 'auto_reply', 'BULK']) expect(automaticReason(withHeader('precedence', p), own)).toBe('bulk_precedence');
    expect(automaticReason({ ...person, envelopeFrom: '' }, own)).toBe('bounce');
    expect(automaticReason(withHeader('return-path', '<>'), own)).toBe('bounce');
    expect(automaticReason({ ...person, contentType: 'multipart/report; report-type=delivery-status' }, own)).toBe('delivery_report');
    expect(automaticReason({ ...person, from: 'Kopa@RDA.lv' }, own)).toBe('own_address');
    expect(automaticReason({ ...person, from: 'atbalsts+12@kopa.rda.lv' }, own)).toBe('own_address');
    expect(automaticReason({ ...person, messageId: ticketMessageId(7, 'x1', 'atbalsts@kopa.rda.lv') }, own)).toBe('own_message');
  });
});

describe('ticket references', () => {
  it('finds the ticket in our Message-IDs only', () => {
    const ours = ticketMessageId(1042, 'e5', 'atbalsts@kopa.rda.lv');
    expect(ours).toBe('<kopa.ticket.1042.e5@kopa.rda.lv>');
    expect(isOurMessageId(ours)).toBe(true);
    expect(isOurMessageId('<kopa@cesis.lv>')).toBe(false);
    expect(ticketNumberFromReferences(['<x@cesis.lv>', ours])).toBe(1042);
    expect(ticketNumberFromReferences(['<ticket.1042.e5@cesis.lv>', '<kopa.ticket.0.e5@kopa.rda.lv>'])).toBeNull();
  });
});

describe('the new text of a reply', () => {
  it('cuts the quoted history, attribution lines, forwarded headers and signatures', () => {
    expect(replyText('Paldies, strādā.\n\nOn Mon, 1 Dec 2026 at 10:00, Kopa <kopa@rda.lv> wrote:\n> Lūdzu pārbaudiet.')).toBe('Paldies, strādā.');
    expect(replyText('Jā.\r\n\r\npirmdien, 2026. gada 1. decembrī Kopa rakstīja:\r\n> ...')).toBe('Jā.');
    expect(replyText('Labi.\n-----Original Message-----\nFrom: Kopa')).toBe('Labi.');
    expect(replyText('Labi.\n________________________________\nNo: Kopa <kopa@rda.lv>')).toBe('Labi.');
    expect(replyText('Rīt.\n-- \nAnna Bērziņa\nCēsu novads')).toBe('Rīt.');
    expect(replyText('Pirmā rinda\notrā rinda')).toBe('Pirmā rinda\notrā rinda');
  });

  it('keeps the whole text when the reply is written below the quote', () => {
    expect(replyText('> Vai strādā?\nJā, strādā.')).toBe('> Vai strādā?\nJā, strādā.');
  });
});

describe('the subject of a ticket opened from a mail', () => {
  it('is the mail’s subject, else its first line of text, else its sender, at most 300 characters', () => {
    expect(ticketSubjectOfMail({ subject: '  Nestrādā DVS ', text: 'Teksts', from: 'a@cesis.lv' })).toBe('Nestrādā DVS');
    expect(ticketSubjectOfMail({ subject: ' ', text: '\r\n  \r\nPortāls rāda 502\r\notrā rinda', from: 'a@cesis.lv' })).toBe('Portāls rāda 502');
    expect(ticketSubjectOfMail({ subject: '', text: '  ', from: 'a@cesis.lv' })).toBe('a@cesis.lv');
    expect(ticketSubjectOfMail({ subject: 'x'.repeat(400), text: '', from: '' })).toHaveLength(300);
  });
});
