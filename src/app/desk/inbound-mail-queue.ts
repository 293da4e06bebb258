import type { Actor } from '../../domain/actor.js';
import { forbidden, notFound, stateProblem } from '../../domain/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { requirePermission } from '../shared/authorize.js';
import { sliceOf, type PageRequest, type Slice } from '../shared/paging.js';
import { SYSTEM } from '../shared/transaction.js';
import { HANDLED_STATUSES, type InboundMail, type InboundMailStatus, type ReceiveMailDeps } from './mail-ports.js';

/** Mail from outside is about anyone: the agency's desk (operators, desk agents) looks at it, no municipality. */
export function requireDeskStaff(actor: Actor): void {
  requirePermission(actor, 'tickets.manage');
  if (actor.tenantId !== null) throw forbidden('Only the agency’s desk sees received mail');
}

/** Received mail newest first, of one status (the quarantine: `quarantined`), those the desk handled (`handled`) or all. */
export async function listInboundMail(deps: ReceiveMailDeps, actor: Actor, status: InboundMailStatus | 'handled' | null, page: PageRequest): Promise<Slice<InboundMail>> {
  requireDeskStaff(actor);
  const before = page.after === null ? null : { receivedAt: String(page.after[0]), id: String(page.after[1]) };
  const statuses = status === null ? null : status === 'handled' ? HANDLED_STATUSES : [status];
  return sliceOf(await deps.store.run(SYSTEM, (tx) => deps.store.inboundMail.list(tx, statuses, before, page.limit + 1)), page.limit);
}

/** Throws a quarantined mail away: its content goes, the record of its receipt stays (so a resend stays ignored). */
export async function discardInboundMail(deps: ReceiveMailDeps, actor: Actor, id: string): Promise<InboundMail> {
  requireDeskStaff(actor);
  const now = deps.clock.now();
  return deps.store.run(SYSTEM, async (tx) => {
    // Locked: of two desk people acting on one mail, the second finds it handled.
    const mail = await deps.store.inboundMail.lock(tx, id);
    if (!mail) throw notFound('Mail');
    if (mail.status !== 'quarantined') throw stateProblem('invalid_state', 'mail_not_quarantined', { status: mail.status }, `The mail is ${mail.status}, not quarantined`);
    await deps.store.inboundMail.settle(tx, mail.messageId, { status: 'discarded', reason: mail.reason, decidedBy: actor.label, decidedById: actor.id, decidedAt: now });
    await recordAudit(deps, tx, actor, { action: 'inbound_mail.discarded', entityType: 'inbound_mail', entityId: id, tenantId: null, before: { status: mail.status, from: mail.fromAddress, subject: mail.subject } });
    return (await deps.store.inboundMail.get(tx, id))!;
  });
}
