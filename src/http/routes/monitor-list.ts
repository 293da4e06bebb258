import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { browseMonitors, DISPLAY_STATES, monitorCounts, monitorKey, type DisplayState } from '../../app/monitoring/browse-monitors.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, Instant, Nullable } from '../schemas.js';
import { MonitorView } from './monitoring.js';

const Uuid = Type.String({ format: 'uuid' });

export const HealthView = Type.Object({
  monitorId: Type.String(),
  state: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('unknown')]),
  since: Nullable(Instant),
  lastCheckAt: Nullable(Instant),
  lastLatencyMs: Nullable(Type.Integer()),
  unknownReason: Nullable(
    Type.Union(
      [
        Type.Object({ code: Type.Union([Type.Literal('paused'), Type.Literal('never_probed')]), params: Type.Object({}) }),
        Type.Object({ code: Type.Literal('no_results'), params: Type.Object({ locations: Type.Array(Type.String()), lastResultAt: Nullable(Instant) }) }),
      ],
      { description: 'why the state is unknown (null when known): paused; never_probed; no_results from `locations` since `lastResultAt`' },
    ),
  ),
});
const MonitorRowView = Type.Intersect([MonitorView, Type.Object({ health: HealthView })]);

/** The monitors list: filtered, sorted and paged on the server, each monitor with its state now. */
export const monitorListRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/monitors', {
    schema: { 'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'Monitors (shared ones and, for a municipality, its own instances’) with their state now; agents ask for their location’s',
      querystring: Type.Object(
        {
          serviceId: Type.Optional(Uuid),
          location: Type.Optional(Type.String({ maxLength: 40 })),
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'text in the name or target' })),
          state: Type.Optional(Type.String({ pattern: `^(${DISPLAY_STATES.join('|')})(,(${DISPLAY_STATES.join('|')}))*$`, description: 'comma-separated: down, unknown, up, paused' })),
          sort: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('state')], { description: 'name (default), or state: down, unknown, up, paused, then name' })),
          ...PageQuery,
        },
        { additionalProperties: false },
      ),
      response: { 200: pageOf(MonitorRowView), ...ERRORS },
    },
  }, async (request, reply) => {
    const q = request.query;
    const sort = q.sort ?? 'name';
    const list = `monitors-${sort}`;
    const page = pageRequest(q, list, sort === 'name' ? ['string', 'uuid'] : ['number', 'string', 'uuid']);
    const states = q.state === undefined ? undefined : (q.state.split(',') as DisplayState[]);
    const slice = await browseMonitors(deps, actorOf(request), { serviceId: q.serviceId, location: q.location, search: q.q?.trim() || undefined, states, sort }, page);
    return sendPage(request, reply, list, slice, (row) => monitorKey(sort, row), (row) => ({ ...row.monitor, health: row.health }));
  });

  app.get('/monitors/counts', {
    schema: { 'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'How many visible monitors are down, unknown, up and paused',
      response: { 200: Type.Object({ total: Type.Integer(), down: Type.Integer(), unknown: Type.Integer(), up: Type.Integer(), paused: Type.Integer() }), ...ERRORS },
    },
  }, async (request) => monitorCounts(deps, actorOf(request)));
};
