import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/actor.js';
import { checkAttachment } from '../../domain/desk/attachment-policy.js';
import { notFound, stateProblem } from '../../domain/errors.js';
import { requirePermission, scopeOf, tenantFilterOf } from '../shared/authorize.js';
import type { AttachmentMeta, DeskDeps } from './ports.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Ticket } from '../../domain/desk/ticket.js';
import type { Tx } from '../shared/transaction.js';
import { authorOf, type EntryAuthor } from './entry-author.js';

export async function attachToTicket(deps: DeskDeps, actor: Actor, ticketId: string, fileName: string, data: Uint8Array): Promise<AttachmentMeta> {
  requirePermission(actor, 'tickets.write');
  const now = deps.clock.now();
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await deps.store.tickets.get(tx, tenantFilterOf(actor), ticketId);
    if (!ticket) throw notFound('Ticket');
    return addAttachment(deps, tx, actor, ticket, fileName, data, now, authorOf(actor));
  });
}

/** Keeps a file on a ticket under the upload rules (type, content, size, count), in the caller's transaction, as `author`. */
export async function addAttachment(deps: DeskDeps, tx: Tx, actor: Actor, ticket: Ticket, fileName: string, data: Uint8Array, now: Date, author: EntryAuthor): Promise<AttachmentMeta> {
  const ticketId = ticket.id;
  if (ticket.status === 'closed') throw stateProblem('invalid_state', 'ticket_closed', {}, 'The ticket is closed; reopen it to attach files');
  const existing = await deps.store.tickets.attachments(tx, ticketId);
  const { fileName: name, contentType } = checkAttachment(fileName, data, existing.length);
  const meta = await deps.store.tickets.addAttachment(
    tx,
    ticket.tenantId,
    { ticketId, fileName: name, contentType, sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), uploadedBy: author.label, byStaff: author.byStaff },
    data,
  );
  await deps.store.tickets.addEvent(tx, ticket.tenantId, {
    ticketId, at: now.toISOString(), kind: 'attachment', actorId: author.id, actorLabel: author.label, byStaff: author.byStaff, public: true, fromStatus: null, toStatus: null, body: name, data: { attachmentId: meta.id, sizeBytes: meta.sizeBytes, ...(author.enteredBy && { enteredBy: author.enteredBy }) },
  });
  await recordAudit(deps, tx, actor, { action: 'ticket.attachment_added', entityType: 'ticket', entityId: ticketId, tenantId: ticket.tenantId, after: meta });
  return meta;
}

export async function readAttachment(deps: DeskDeps, actor: Actor, ticketId: string, attachmentId: string) {
  requirePermission(actor, 'tickets.read');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await deps.store.tickets.get(tx, tenantFilterOf(actor), ticketId);
    if (!ticket) throw notFound('Ticket');
    const file = await deps.store.tickets.attachment(tx, ticketId, attachmentId);
    if (!file) throw notFound('Attachment');
    return file;
  });
}

export async function listAttachments(deps: DeskDeps, actor: Actor, ticketId: string): Promise<AttachmentMeta[]> {
  requirePermission(actor, 'tickets.read');
  return deps.store.run(scopeOf(actor), async (tx) => {
    const ticket = await deps.store.tickets.get(tx, tenantFilterOf(actor), ticketId);
    if (!ticket) throw notFound('Ticket');
    return deps.store.tickets.attachments(tx, ticketId);
  });
}
