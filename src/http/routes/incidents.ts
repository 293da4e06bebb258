import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { getIncident, listIncidents, openIncident, updateIncident } from '../../app/monitoring/manage-incidents.js';
import type { Deps } from '../../app/ports.js';
import { INCIDENT_IMPACTS, INCIDENT_STATUSES } from '../../domain/status/incident.js';
import { actorOf } from '../auth.js';
import { PageQuery, pageOf, sendListPage } from '../paging.js';
import { pathId } from '../ids.js';
import { ERRORS, Instant } from '../schemas.js';

const Status = Type.Union(INCIDENT_STATUSES.map((s) => Type.Literal(s)));
const Impact = Type.Union(INCIDENT_IMPACTS.map((s) => Type.Literal(s)));
export const IncidentView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  impact: Impact,
  status: Status,
  serviceIds: Type.Array(Type.String()),
  startedAt: Instant,
  resolvedAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
  updates: Type.Array(Type.Object({ id: Type.String(), status: Status, message: Type.String(), at: Instant, author: Type.String() })),
});

export const incidentRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/incidents', {
    schema: {
      tags: ['status'],
      summary: 'Open incidents and those resolved in the last days (public, no sign-in)',
      security: [],
      querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 0, maximum: 90, description: 'resolved incidents of the last N days (default 7)' })), serviceId: Type.Optional(Type.String({ format: 'uuid' })), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(IncidentView), ...ERRORS },
    },
  }, async (request, reply) =>
    sendListPage(request, reply, 'incidents', await listIncidents(deps, { days: request.query.days, serviceId: request.query.serviceId }), (i) => [i.startedAt, i.id], ['string', 'uuid'], { descending: true }));

  app.get('/incidents/:id', {
    schema: { tags: ['status'], summary: 'One incident with its updates (public)', security: [], params: Type.Object({ id: Type.String() }), response: { 200: IncidentView, ...ERRORS } },
  }, async (request) => getIncident(deps, pathId(request.params.id, 'Incident')));

  app.post('/incidents', {
    schema: {
      'x-kopa-permission': 'incidents.write',
      tags: ['status'],
      summary: 'Open an incident on the status page (operator, desk agent)',
      body: Type.Object(
        {
          title: Type.String({ minLength: 1, maxLength: 300 }),
          impact: Impact,
          status: Type.Optional(Status),
          serviceIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 50 }),
          message: Type.String({ minLength: 1, maxLength: 5000 }),
          startedAt: Type.Optional(Instant),
        },
        { additionalProperties: false },
      ),
      response: { 201: IncidentView, ...ERRORS },
    },
  }, async (request, reply) => {
    const incident = await openIncident(deps, actorOf(request), request.body);
    return reply.status(201).header('Location', `/api/v1/incidents/${incident.id}`).send(incident);
  });

  app.post('/incidents/:id/updates', {
    schema: {
      'x-kopa-permission': 'incidents.write',
      tags: ['status'],
      summary: 'Post an update: investigating, identified, monitoring or resolved',
      params: Type.Object({ id: Type.String() }),
      body: Type.Object({ status: Status, message: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false }),
      response: { 201: IncidentView, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await updateIncident(deps, actorOf(request), pathId(request.params.id, 'Incident'), request.body)));
};
