import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { discardInboundMail, listInboundMail } from '../../app/desk/inbound-mail-queue.js';
import type { InboundMail } from '../../app/desk/mail-ports.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, Instant } from '../schemas.js';

const Status = Type.Union(['comment', 'ticket', 'ignored', 'quarantined', 'discarded', 'assigned'].map((s) => Type.Literal(s)), {
  description: 'comment or ticket: applied; ignored: automatic (auto-reply, bounce, loop); quarantined: waits for the desk; discarded: thrown away by the desk',
});
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

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
  decidedBy: Nullable(Type.String()),
  decidedAt: Type.Union([Instant, Type.Null()]),
});

const present = (m: InboundMail) => m;
const Params = Type.Object({ id: Type.String() });

export const inboundMailRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/inbound-mail', {
    schema: {
      'x-kopa-permission': 'tickets.manage',
      tags: ['desk'],
      summary: 'Mail received at the desk, newest first, with what became of it; `status=quarantined` is the quarantine (the agency’s desk)',
      querystring: Type.Object({ status: Type.Optional(Status), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(InboundMailView), ...ERRORS },
    },
  }, async (request, reply) => {
    const slice = await listInboundMail(deps, actorOf(request), (request.query.status as InboundMail['status'] | undefined) ?? null, pageRequest(request.query, 'inbound-mail', ['instant', 'uuid']));
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
};
