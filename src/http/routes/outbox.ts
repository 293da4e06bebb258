import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listOutbox } from '../../app/outbox/list-outbox.js';
import { retryNotice } from '../../app/outbox/retry-notice.js';
import type { Deps } from '../../app/ports.js';
import type { OutboxRecord } from '../../app/shared/ports.js';
import { actorOf } from '../auth.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, Instant, Nullable } from '../schemas.js';

const Status = Type.Union([Type.Literal('queued'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed')]);
const Channel = Type.Union([Type.Literal('email'), Type.Literal('webhook'), Type.Literal('teams'), Type.Literal('slack')]);

const OutboxNotice = Type.Object({
  id: Type.String(),
  event: Type.String({ description: 'e.g. ticket.reaction_breach, backup.failed' }),
  eventKey: Type.String({ description: 'the occurrence it reports; with channel and recipient unique' }),
  channel: Channel,
  recipient: Type.String({ description: 'an e-mail address or a receiver URL' }),
  tenantId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  subject: Nullable(Type.String()),
  language: Type.Union([Type.Literal('lv'), Type.Literal('en')]),
  status: Status,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Instant),
  lastError: Nullable(Type.String()),
  createdAt: Instant,
  sentAt: Nullable(Instant),
});

const OutboxQuery = Type.Object(
  {
    status: Type.Optional(Status),
    channel: Type.Optional(Channel),
    tenantId: Type.Optional(Type.String({ format: 'uuid' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const Params = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: 'a notice id' }) });

function presentNotice(n: OutboxRecord) {
  return {
    id: n.id,
    event: n.event,
    eventKey: n.eventKey,
    channel: n.channel,
    recipient: n.recipient,
    tenantId: n.tenantId,
    subject: n.subject,
    language: n.language,
    status: n.status,
    attempts: n.attempts,
    // Only a notice still to be sent has a next attempt; for one being sent it is when its claim expires.
    nextAttemptAt: n.status === 'queued' || n.status === 'sending' ? n.nextAttemptAt.toISOString() : null,
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt?.toISOString() ?? null,
  };
}

export const outboxRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/outbox', {
    schema: {
      'x-kopa-permission': 'outbox.read',
      tags: ['outbox'],
      summary: 'Outgoing notices (e-mail, webhooks), newest first, with their attempts and last error (the agency’s operators)',
      querystring: OutboxQuery,
      response: { 200: pageOf(OutboxNotice), ...ERRORS },
    },
  }, async (request, reply) => {
    const { cursor: _cursor, limit: _limit, ...q } = request.query;
    const slice = await listOutbox(deps, actorOf(request), q, pageRequest(request.query, 'outbox', ['number']));
    return sendPage(request, reply, 'outbox', slice, (n) => [Number(n.id)], presentNotice);
  });

  app.post('/outbox/:id/retry', {
    schema: {
      'x-kopa-permission': 'outbox.write',
      tags: ['outbox'],
      summary: 'Send a failed notice again: queued now with fresh attempts (the agency’s operators)',
      params: Params,
      response: { 200: OutboxNotice, ...ERRORS },
    },
  }, async (request) => presentNotice(await retryNotice(deps, actorOf(request), request.params.id)));
};
