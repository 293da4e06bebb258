import type { Actor } from '../../domain/actor.js';
import type { Priority } from '../../domain/agreement.js';
import { replyText, ticketSubjectOfMail } from '../../domain/desk/inbound-mail.js';
import type { Ticket } from '../../domain/desk/ticket.js';
import { notFound, stateProblem, validationError } from '../../domain/errors.js';
import { can } from '../../domain/roles.js';
import { recordAudit } from '../audit/record-audit.js';
import { scopeOf } from '../shared/authorize.js';
import type { Tx } from '../shared/transaction.js';
import { addAttachment } from './attach-to-ticket.js';
import { mailSender } from './entry-author.js';
import { requireDeskStaff } from './inbound-mail-queue.js';
import { filesOfRaw, keepAllowedFiles } from './mail-attachments.js';
import type { InboundMail, InboundMailStatus, ReceiveMailDeps } from './mail-ports.js';
import { insertTicket } from './open-ticket.js';
import { addComment } from './work-ticket.js';

export interface HandledMail {
  mail: InboundMail;
  /** Files of the mail the upload rules refused (type, content, size, count); the rest were kept. */
  refusedAttachments: number;
}

/**
 * Locks a quarantined mail for the desk person to handle, once: a mail already attached, opened or
 * discarded (or applied by the listener) is a 409 `mail_not_quarantined`, however many people click.
 */
async function claimQuarantined(deps: ReceiveMailDeps, tx: Tx, id: string): Promise<InboundMail> {
  const mail = await deps.store.inboundMail.lock(tx, id);
  if (!mail) throw notFound('Mail');
  if (mail.status !== 'quarantined') throw stateProblem('invalid_state', 'mail_not_quarantined', { status: mail.status }, `The mail is ${mail.status}, not quarantined`);
  return mail;
}

/**
 * A mail from one municipality's person (by its From address) stays with that municipality: their
 * words never land on another's ticket. Mail from strangers and the agency's staff goes anywhere.
 */
async function requireSameMunicipality(deps: ReceiveMailDeps, tx: Tx, mail: InboundMail, tenantId: string, field: string): Promise<void> {
  const sender = mail.fromAddress ? await deps.store.users.findForLogin(tx, mail.fromAddress.trim().toLowerCase()) : null;
  if (sender?.tenantId && sender.tenantId !== tenantId) throw validationError(field, 'other_municipality', 'the mail comes from a person of another municipality');
}

async function settle(deps: ReceiveMailDeps, tx: Tx, actor: Actor, mail: InboundMail, status: InboundMailStatus, ticket: Ticket, refusedAttachments: number, now: Date): Promise<HandledMail> {
  await deps.store.inboundMail.settle(tx, mail.messageId, { status, reason: mail.reason, ticketId: ticket.id, tenantId: ticket.tenantId, decidedBy: actor.label, decidedById: actor.id, decidedAt: now });
  await recordAudit(deps, tx, actor, {
    action: status === 'attached' ? 'inbound_mail.attached' : 'inbound_mail.opened',
    entityType: 'inbound_mail',
    entityId: mail.id,
    tenantId: ticket.tenantId,
    before: { status: mail.status, from: mail.fromAddress, subject: mail.subject },
    after: { status, ticketId: ticket.id, refusedAttachments },
  });
  return { mail: (await deps.store.inboundMail.get(tx, mail.id))!, refusedAttachments };
}

/** Keeps the mail's files on the ticket as its sender's; a file the upload rules refuse is left out and counted. */
async function attachFiles(deps: ReceiveMailDeps, tx: Tx, actor: Actor, mail: InboundMail, ticket: Ticket, now: Date): Promise<number> {
  const raw = await deps.store.inboundMail.raw(tx, mail.id);
  return keepAllowedFiles(raw ? await filesOfRaw(raw) : [], (file) => addAttachment(deps, tx, actor, ticket, file.fileName, file.content, now, mailSender(actor, mail.fromAddress, mail.id)));
}

/**
 * Adds a quarantined mail to a ticket as a public comment of its sender (by address), entered by the
 * desk person, with its files under the upload rules; all in one transaction with the mail's new
 * status `attached`. The ticket's reporter and watchers hear of it as of any reply.
 */
export async function attachInboundMail(deps: ReceiveMailDeps, actor: Actor, id: string, ticketId: string): Promise<HandledMail> {
  requireDeskStaff(actor);
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const mail = await claimQuarantined(deps, tx, id);
    const ticket = await deps.store.tickets.get(tx, null, ticketId);
    if (!ticket) throw validationError('ticketId', 'unknown_ticket', 'is not a ticket');
    await requireSameMunicipality(deps, tx, mail, ticket.tenantId, 'ticketId');
    // A mail with no text brings only its files (as a reply of only attachments does).
    const text = replyText(mail.body).trim();
    if (text) await addComment(deps, tx, actor, ticket, text, true, now, mailSender(actor, mail.fromAddress, mail.id));
    const refused = await attachFiles(deps, tx, actor, mail, ticket, now);
    return settle(deps, tx, actor, mail, 'attached', ticket, refused, now);
  });
}

export interface OpenFromMailInput {
  tenantId: string;
  serviceId?: string | null | undefined;
  priority?: Priority | undefined;
  /** The municipality's person the ticket is for; without one it is reported by the mail's address. */
  reporterUserId?: string | null | undefined;
}

/**
 * Opens an e-mail ticket on a chosen municipality from a quarantined mail (its subject and text, its
 * files under the upload rules), entered by the desk person; the mail becomes `opened`.
 */
export async function openTicketFromInboundMail(deps: ReceiveMailDeps, actor: Actor, id: string, input: OpenFromMailInput): Promise<HandledMail & { ticket: Ticket }> {
  requireDeskStaff(actor);
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const mail = await claimQuarantined(deps, tx, id);
    const tenant = await deps.store.tenants.get(tx, input.tenantId);
    if (!tenant) throw validationError('tenantId', 'unknown_tenant', 'is not a municipality');
    if (tenant.status === 'offboarded') throw validationError('tenantId', 'not_allowed_now', 'the municipality is offboarded');
    await requireSameMunicipality(deps, tx, mail, tenant.id, 'tenantId');
    let reporter = { id: null as string | null, label: mail.fromAddress || mail.envelopeFrom || actor.label };
    if (input.reporterUserId) {
      const person = await deps.store.users.get(tx, null, input.reporterUserId);
      if (!person || !person.active || person.tenantId !== tenant.id || !can(person.role, 'tickets.write')) throw validationError('reporterUserId', 'unknown_user', "must be one of the municipality's people");
      reporter = { id: person.id, label: person.email };
    }
    const subject = ticketSubjectOfMail({ subject: mail.subject, text: mail.body, from: mail.fromAddress || mail.envelopeFrom });
    const ticket = await insertTicket(
      deps,
      tx,
      actor,
      { tenantId: tenant.id, serviceId: input.serviceId ?? null, priority: input.priority ?? 'P3', category: 'request', channel: 'email', subject, description: mail.body.trim() || subject },
      now,
      reporter,
      { inboundMailId: mail.id, from: mail.fromAddress },
    );
    const refused = await attachFiles(deps, tx, actor, mail, ticket, now);
    return { ...(await settle(deps, tx, actor, mail, 'opened', ticket, refused, now)), ticket };
  });
}
