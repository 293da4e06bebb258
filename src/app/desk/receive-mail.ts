import type { Actor } from '../../domain/actor.js';
import { automaticReason, replyText, ticketNumberFromReferences, ticketSubjectOfMail } from '../../domain/desk/inbound-mail.js';
import { parseDeskAddress } from '../../domain/desk/reply-address.js';
import { KopaError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import { tenantAccessRefusal } from '../../domain/tenant-access.js';
import type { TenantStatus } from '../../domain/tenant.js';
import type { User } from '../../domain/user.js';
import { SYSTEM } from '../shared/transaction.js';
import { attachToTicket } from './attach-to-ticket.js';
import type { InboundMailOutcome, ReceiveMailDeps } from './mail-ports.js';
import { keepAllowedFiles } from './mail-attachments.js';
import { openTicket } from './open-ticket.js';
import { commentOnTicket } from './work-ticket.js';

/** A mail as the listener parsed it; the SMTP and MIME plumbing lives in src/jobs/inbound-mail.ts. */
export interface ReceivedMail {
  /** Its Message-ID, or one derived from its content when it has none (so a resend is still known). */
  messageId: string;
  envelopeFrom: string;
  /** The envelope recipients and the To/Cc addresses. */
  recipients: string[];
  from: string;
  subject: string;
  text: string;
  headers: ReadonlyMap<string, string>;
  contentType: string;
  /** In-Reply-To and References, in that order. */
  references: string[];
  attachments: { fileName: string; content: Uint8Array }[];
  raw: Uint8Array;
}

export interface MailSettings {
  deskAddress: string;
  /** Addresses Kopa sends from (KOPA_MAIL_FROM): mail from them is a loop. */
  ownAddresses: string[];
}

export type ReceiveOutcome = (InboundMailOutcome & { refusedAttachments: number }) | { status: 'duplicate' };

const quarantine = (reason: string, ticketId: string | null = null, tenantId: string | null = null): InboundMailOutcome => ({ status: 'quarantined', reason, ticketId, tenantId, keepRaw: true });

/**
 * Applies a mail to the desk once per Message-ID: a reply from someone who may see the ticket becomes
 * their public comment, a mail to the desk from a municipality's person a new e-mail ticket. Automatic
 * mail (auto-replies, bounces, loops) is ignored; anything else waits in quarantine. Nobody is answered:
 * a reply to an unknown sender would make Kopa a source of backscatter.
 *
 * The mail is claimed before it is applied, so a resend finds it claimed; the comment or ticket and
 * the final outcome are separate transactions (a crash between them leaves the mail marked `received`).
 */
export async function receiveMail(deps: ReceiveMailDeps, settings: MailSettings, mail: ReceivedMail): Promise<ReceiveOutcome> {
  const now = deps.clock.now();
  const claimed = await deps.store.run(SYSTEM, (tx) =>
    deps.store.inboundMail.claim(tx, {
      messageId: mail.messageId,
      receivedAt: now,
      envelopeFrom: mail.envelopeFrom.slice(0, 1000),
      fromAddress: mail.from.slice(0, 1000),
      toAddresses: mail.recipients.join(', ').slice(0, 4000),
      subject: mail.subject.slice(0, 1000),
      body: mail.text,
      status: 'ignored',
      reason: 'received',
      raw: mail.raw,
    }),
  );
  if (!claimed) return { status: 'duplicate' };
  let refusedAttachments = 0;
  let outcome: InboundMailOutcome;
  try {
    const decided = await decide(deps, settings, mail);
    outcome = decided.outcome;
    refusedAttachments = decided.refusedAttachments;
  } catch (error) {
    // A mail the desk's rules refuse (closed ticket, too many comments) waits for a person.
    if (!(error instanceof KopaError)) throw error;
    outcome = quarantine(error.reason ?? error.code);
  }
  await deps.store.run(SYSTEM, (tx) => deps.store.inboundMail.settle(tx, mail.messageId, outcome));
  return { ...outcome, refusedAttachments };
}

async function decide(deps: ReceiveMailDeps, settings: MailSettings, mail: ReceivedMail): Promise<{ outcome: InboundMailOutcome; refusedAttachments: number }> {
  const none = (outcome: InboundMailOutcome) => ({ outcome, refusedAttachments: 0 });
  const automatic = automaticReason({ envelopeFrom: mail.envelopeFrom, from: mail.from, headers: mail.headers, contentType: mail.contentType, messageId: mail.messageId, inReplyTo: mail.references }, [settings.deskAddress, ...settings.ownAddresses]);
  if (automatic) return none({ status: 'ignored', reason: automatic });

  const named = mail.recipients.map((r) => parseDeskAddress(settings.deskAddress, r)).filter((r) => r !== null);
  const ticketNumber = named.find((r) => 'ticketNumber' in r)?.ticketNumber ?? ticketNumberFromReferences(mail.references);
  if (ticketNumber === null && !named.some((r) => 'desk' in r)) return none(quarantine('not_for_desk'));

  const sender = await senderOf(deps, mail.from);
  if (!sender) return none(quarantine('unknown_sender'));
  const actor: Actor = { kind: 'user', id: sender.user.id, label: sender.user.email, role: sender.user.role, tenantId: sender.user.tenantId, requestId: null, clientAddress: null };
  if (!can(sender.user.role, 'tickets.write') || tenantAccessRefusal(actor, sender.tenantStatus, 'write')) return none(quarantine('sender_not_allowed', null, sender.user.tenantId));

  if (ticketNumber !== null) {
    const ticket = await deps.store.run(SYSTEM, (tx) => deps.store.tickets.byNumber(tx, null, ticketNumber));
    if (!ticket) return none(quarantine('unknown_ticket'));
    if (sender.user.tenantId !== null && sender.user.tenantId !== ticket.tenantId) return none(quarantine('sender_not_allowed', ticket.id, sender.user.tenantId)); // the sender's municipality, never the ticket's: theirs must not read a stranger's mail
    const text = replyText(mail.text);
    if (text) await commentOnTicket(deps, actor, ticket.id, text, true);
    else if (mail.attachments.length === 0) return none(quarantine('empty', ticket.id, ticket.tenantId));
    const refused = await attach(deps, actor, ticket.id, mail.attachments);
    return { outcome: { status: 'comment', reason: 'reply', ticketId: ticket.id, tenantId: ticket.tenantId }, refusedAttachments: refused };
  }

  // A new request comes from a municipality; the agency's own staff open tickets in Kopa.
  if (sender.user.tenantId === null) return none(quarantine('not_municipal'));
  const subject = ticketSubjectOfMail({ subject: mail.subject, text: mail.text, from: mail.from });
  const ticket = await openTicket(deps, actor, { tenantId: sender.user.tenantId, priority: 'P3', category: 'request', subject, description: mail.text.trim() || subject }, { mail: true });
  const refused = await attach(deps, actor, ticket.id, mail.attachments);
  return { outcome: { status: 'ticket', reason: 'new_request', ticketId: ticket.id, tenantId: ticket.tenantId }, refusedAttachments: refused };
}

/** An active person (their municipality's standing with them), by the From address. */
async function senderOf(deps: ReceiveMailDeps, from: string): Promise<{ user: User; tenantStatus: TenantStatus | null } | null> {
  const email = from.trim().toLowerCase();
  if (!email) return null;
  return deps.store.run(SYSTEM, async (tx) => {
    const user = await deps.store.users.findForLogin(tx, email);
    if (!user || !user.active) return null;
    const tenant = user.tenantId ? await deps.store.tenants.get(tx, user.tenantId) : null;
    return { user, tenantStatus: tenant?.status ?? null };
  });
}

/** Each attachment under the upload rules (type, content, size, count); a refused one is left out. */
function attach(deps: ReceiveMailDeps, actor: Actor, ticketId: string, files: ReceivedMail['attachments']): Promise<number> {
  return keepAllowedFiles(files, (file) => attachToTicket(deps, actor, ticketId, file.fileName, file.content));
}
