import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { discardInboundMail, listInboundMail } from '../../app/desk/inbound-mail-queue.js';
import type { InboundMail } from '../../app/desk/mail-ports.js';
import { attachInboundMail, openTicketFromInboundMail, type HandledMail } from '../../app/desk/handle-inbound-mail.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, Instant, Nullable, prioritySchema } from '../schemas.js';

const STATUSES = ['comment', 'ticket', 'ignored', 'quarantined', 'attached', 'opened', 'discarded'];
const Status = Type.Union(STATUSES.map((s) => Type.Literal(s)), {
  description: 'comment or ticket: applied by the listener; ignored: automatic (auto-reply, bounce, loop); quarantined: waits for the desk; attached, opened, discarded: the desk added it to a ticket, opened a ticket from it or threw it away',
});
const StatusFilter = Type.Union([...STATUSES, 'handled'].map((s) => Type.Literal(s)), { description: 'one status, or `handled`: attached, opened and discarded' });

const InboundMailView = Type.Object({
  id: Type.String(),
  messageId: Type.String(),
  receivedAt: Instant,
  envelopeFrom: Type.String({ description: 'the SMTP sender; empty for a bounce' }),
  fromAddress: Type.String(),
  toAddresses: Type.String(),
  subject: Type.String(),
  body: Type.String({ description: 'the text part' }),
  status: Status,
  reason: Type.String({ description: 'why: reply, new_request, unknown_sender, sender_not_allowed, not_municipal, unknown_ticket, not_for_desk, auto_submitted, bounce, …' }),
  ticketId: Nullable(Type.String()),
  tenantId: Nullable(Type.String()),
  decidedBy: Nullable(Type.String({ description: 'who of the desk handled it (their e-mail)' })),
  decidedById: Nullable(Type.String()),
  decidedAt: Type.Union([Instant, Type.Null()]),
});

const present = (m: InboundMail) => m;
const HandledView = Type.Intersect([InboundMailView, Type.Object({ refusedAttachments: Type.Integer({ minimum: 0, description: 'files of the mail the upload rules refused; the rest are on the ticket' }) })]);
const presentHandled = (h: HandledMail) => ({ ...h.mail, refusedAttachments: h.refusedAttachments });
const Priority = prioritySchema({ description: 'P3 unless given' });
const Params = Type.Object({ id: Type.String() });

export const inboundMailRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/inbound-mail', {
    schema: {
      'x-kopa-permission': 'tickets.manage',
      tags: ['desk'],
      summary: 'Mail received at the desk, newest first, with what became of it; `status=quarantined` is the quarantine (the agency’s desk)',
      querystring: Type.Object({ status: Type.Optional(StatusFilter), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(InboundMailView), ...ERRORS },
    },
  }, async (request, reply) => {
    const slice = await listInboundMail(deps, actorOf(request), (request.query.status as InboundMail['status'] | 'handled' | undefined) ?? null, pageRequest(request.query, 'inbound-mail', ['instant', 'uuid']));
    return sendPage(request, reply, 'inbound-mail', slice, (m) => [m.receivedAt, m.id], present);
  });

  app.post('/inbound-mail/:id/discard', {
    schema: {
      'x-kopa-permission': 'tickets.manage',
      tags: ['desk'],
      summary: 'Throw a quarantined mail away; its receipt stays recorded, so the same mail sent again stays ignored',
      params: Params,
      response: { 200: InboundMailView, ...ERRORS },
    },
  }, async (request) => present(await discardInboundMail(deps, actorOf(request), pathId(request.params.id, 'Mail'))));

  app.post('/inbound-mail/:id/attach', {
    schema: {
      'x-kopa-permission': 'tickets.manage',
      tags: ['desk'],
      summary: 'Add a quarantined mail to a ticket as a public comment written as its sender’s address and entered by you, its files under the upload rules; once (then 409 mail_not_quarantined)',
      params: Params,
      body: Type.Object({ ticketId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
      response: { 200: HandledView, ...ERRORS },
    },
  }, async (request) => presentHandled(await attachInboundMail(deps, actorOf(request), pathId(request.params.id, 'Mail'), request.body.ticketId)));

  app.post('/inbound-mail/:id/open-ticket', {
    schema: {
      'x-kopa-permission': 'tickets.manage',
      tags: ['desk'],
      summary: 'Open an e-mail ticket on a municipality from a quarantined mail (its subject, text and files), reported by one of its people or else by the mail’s address; once (then 409 mail_not_quarantined)',
      params: Params,
      body: Type.Object({
        tenantId: Type.String({ format: 'uuid' }),
        serviceId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
        priority: Type.Optional(Priority),
        reporterUserId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
      }, { additionalProperties: false }),
      response: { 200: HandledView, ...ERRORS },
    },
  }, async (request) => {
    const body = request.body;
    const input = { tenantId: body.tenantId, serviceId: body.serviceId ?? null, priority: body.priority, reporterUserId: body.reporterUserId ?? null };
    return presentHandled(await openTicketFromInboundMail(deps, actorOf(request), pathId(request.params.id, 'Mail'), input));
  });
};
