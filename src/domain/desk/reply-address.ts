/**
 * A ticket's own reply address: the desk address with the ticket's number after a `+`
 * (sub-addressing, RFC 5233), e.g. `atbalsts+1042@kopa.rda.lv`. The agency's mail server delivers
 * every `+` variant to the desk mailbox, which forwards to Kopa's inbound listener; a mail to it
 * becomes a comment on that ticket when its sender may see the ticket.
 */
export function ticketReplyAddress(deskAddress: string, ticketNumber: number | string): string {
  const at = deskAddress.lastIndexOf('@');
  if (at <= 0) throw new Error(`Not an e-mail address: ${deskAddress}`);
  return `${deskAddress.slice(0, at)}+${ticketNumber}${deskAddress.slice(at)}`;
}

/** What an address to the desk names: a ticket's number, the desk itself, or neither (null). */
export function parseDeskAddress(deskAddress: string, address: string): { ticketNumber: number } | { desk: true } | null {
  const at = deskAddress.lastIndexOf('@');
  const local = deskAddress.slice(0, at).toLowerCase();
  const domain = deskAddress.slice(at + 1).toLowerCase();
  const match = /^([^@+\s]+)(?:\+([^@\s]*))?@([^@\s]+)$/.exec(address.trim().toLowerCase());
  if (!match || match[1] !== local || match[3] !== domain) return null;
  if (match[2] === undefined) return { desk: true };
  return /^[1-9][0-9]{0,15}$/.test(match[2]) ? { ticketNumber: Number(match[2]) } : null;
}
