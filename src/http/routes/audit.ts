import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listAuditEvents } from '../../app/audit/list-audit-events.js';
import type { Deps } from '../../app/ports.js';
import { requirePermission } from '../../app/shared/authorize.js';
import { verifyAuditChain } from '../../app/audit/verify-audit-chain.js';
import { forbidden } from '../../domain/errors.js';
import { actorOf } from '../auth.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, Instant } from '../schemas.js';

const AuditQuery = Type.Object(
  {
    tenantId: Type.Optional(Type.String({ format: 'uuid' })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    entityType: Type.Optional(Type.String({ maxLength: 100 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actorId: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    ...PageQuery,
  },
  { additionalProperties: false },
);

export const auditRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/audit-events', {
    schema: {
      'x-kopa-permission': 'audit.read',
      tags: ['audit'],
      summary: 'Audit events, newest first; municipality admins see their own municipality only',
      querystring: AuditQuery,
      response: { 200: pageOf(Type.Ref('AuditEvent')), ...ERRORS },
    },
  }, async (request, reply) => {
    const { cursor: _cursor, limit: _limit, ...q } = request.query;
    const slice = await listAuditEvents(deps, actorOf(request), {
      ...q,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    }, pageRequest(request.query, 'audit', ['number']));
    return sendPage(request, reply, 'audit', slice, (e) => [Number(e.seq)]);
  });

  app.post('/audit-events/verify', {
    schema: {
      'x-kopa-permission': 'audit.read',
      tags: ['audit'],
      summary: 'Re-check the hash chain of the whole audit log (operator, auditor)',
      response: { 200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), problems: Type.Array(Type.Object({ seq: Type.String(), problem: Type.String() })) }), ...ERRORS },
    },
  }, async (request) => {
    const actor = actorOf(request);
    requirePermission(actor, 'audit.read');
    if (actor.tenantId !== null) throw forbidden('Only agency operators and auditors verify the whole chain');
    return verifyAuditChain(deps);
  });
};
