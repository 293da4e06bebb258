import type { Actor } from '../../domain/actor.js';
import type { Priority } from '../../domain/agreement.js';
import { DEFAULT_ZONE, localDateOf } from '../../domain/calendar/local-time.js';
import { termsForTicket } from '../../domain/desk/agreement-choice.js';
import type { Ticket, TicketCategory, TicketChannel } from '../../domain/desk/ticket.js';
import { FieldErrors, notFound, validationError } from '../../domain/errors.js';
import { requirePermission, requireTenantAccess, scopeOf } from '../shared/authorize.js';
import type { OpenTicketDeps } from './ports.js';
import type { Tx } from '../shared/transaction.js';
import { recordAudit } from '../audit/record-audit.js';
import { isStaff, refreshDueInstants } from './ticket-sla.js';
import { announceTicket } from './ticket-topic-notice.js';

export interface OpenTicketInput {
  tenantId?: string | undefined;
  serviceId?: string | null | undefined;
  priority: Priority;
  category?: TicketCategory | undefined;
  subject: string;
  description: string;
  /** Only 'phone' may be asked for, by agency staff opening a ticket for a caller. */
  channel?: 'phone' | undefined;
}

/**
 * The channel a ticket came by: a signed-in person's is the web, an API token's the API, the mail
 * listener's (acting as the sender) e-mail, the outage watch's the API; desk staff may record a caller's request as a phone one.
 */
function channelOf(actor: Actor, asked: 'phone' | undefined, viaMail: boolean, errors: FieldErrors): TicketChannel {
  if (asked === 'phone') {
    if (!isStaff(actor) || actor.role === 'system') errors.add('channel', 'agency_staff_only', 'only agency staff record a phone request');
    return 'phone';
  }
  if (viaMail) return 'email';
  // The outage watch (the system) opens tickets machine to machine, as the API does.
  return actor.kind === 'token' || actor.kind === 'system' ? 'api' : 'web';
}

/** Opens a ticket measured by the agreement in force today (Riga time). */
export async function openTicket(deps: OpenTicketDeps, actor: Actor, input: OpenTicketInput, via: { mail: boolean } = { mail: false }): Promise<Ticket> {
  requirePermission(actor, 'tickets.write');
  const tenantId = input.tenantId ?? actor.tenantId;
  const errors = new FieldErrors();
  const channel = channelOf(actor, input.channel, via.mail, errors);
  if (!tenantId) errors.add('tenantId', 'required', 'is required');
  if (!input.subject.trim()) errors.add('subject', 'required', 'must not be empty');
  if (!input.description.trim()) errors.add('description', 'required', 'must not be empty');
  errors.throwIfAny();
  requireTenantAccess(actor, tenantId!);
  const now = deps.clock.now();
  const fields = { tenantId: tenantId!, serviceId: input.serviceId ?? null, priority: input.priority, category: input.category ?? 'incident', channel, subject: input.subject.trim(), description: input.description.trim() };
  return deps.store.run(scopeOf(actor), (tx) => insertTicket(deps, tx, actor, fields, now, { id: actor.id, label: actor.label }));
}

/** A ticket's own fields, checked, before the agreement and clocks are worked out. */
export type NewTicket = Pick<Ticket, 'tenantId' | 'serviceId' | 'priority' | 'category' | 'channel' | 'subject' | 'description'>;

/**
 * Writes a checked ticket in the caller's transaction: measured by the agreement in force today
 * (Riga time), reported by `reporter` (the actor, or the person a desk person opens it for), the
 * `created` entry the actor's (with `createdData`, e.g. the mail it came from).
 */
export async function insertTicket(deps: OpenTicketDeps, tx: Tx, actor: Actor, input: NewTicket, now: Date, reporter: { id: string | null; label: string }, createdData: Record<string, unknown> = {}): Promise<Ticket> {
  const tenantId = input.tenantId;
  const channel = input.channel;
  if (!(await deps.store.tenants.get(tx, tenantId))) throw notFound('Municipality');
  if (input.serviceId && !(await deps.store.services.get(tx, input.serviceId))) throw validationError('serviceId', 'unknown_service', 'is not a service in the catalogue');
  const agreements = await deps.store.agreements.listCurrent(tx, tenantId);
  const terms = termsForTicket(agreements, localDateOf(DEFAULT_ZONE, now.getTime()), input.priority);
  const created = await deps.store.tickets.insert(tx, {
    tenantId,
    agreementId: terms.agreementId,
    calendarId: terms.calendarId,
    serviceId: input.serviceId,
    priority: input.priority,
    category: input.category,
    channel,
    subject: input.subject,
    description: input.description,
    reporterId: reporter.id,
    reporterLabel: reporter.label,
    reactionTargetMinutes: terms.target.reactionMinutes,
    resolutionTargetMinutes: terms.target.resolutionMinutes,
    createdAt: now,
  });
  await deps.store.tickets.addEvent(tx, tenantId, {
    ticketId: created.id,
    at: now.toISOString(),
    kind: 'created',
    actorId: actor.id,
    actorLabel: actor.label,
    byStaff: isStaff(actor),
    public: true,
    fromStatus: null,
    toStatus: 'new',
    body: null,
    data: { priority: created.priority, agreementId: created.agreementId, channel, ...createdData },
  });
  const ticket = await refreshDueInstants(deps, tx, created, now);
  await recordAudit(deps, tx, actor, { action: 'ticket.opened', entityType: 'ticket', entityId: ticket.id, tenantId: ticket.tenantId, after: ticket });
  await announceTicket(deps, tx, ticket, 'opened', now);
  return ticket;
}
