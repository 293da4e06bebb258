import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ingestProbeBatch } from '../../app/monitoring/ingest-probe-batch.js';
import { MAX_RESULTS_PER_BATCH } from '../../app/monitoring/manage-monitors.js';
import type { Deps } from '../../app/ports.js';
import { monitorHealth, monitorLatency, monitorsLatency, pickedMonitorIds } from '../../app/monitoring/monitor-health.js';
import { issuePushToken, receiveBeat } from '../../app/monitoring/push-monitors.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { pageInMemory } from '../../app/shared/paging.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { HealthView } from './monitor-list.js';
import { ERRORS, Instant } from '../schemas.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const Result = Type.Object(
  {
    monitorId: Type.String({ format: 'uuid' }),
    at: Instant,
    ok: Type.Boolean(),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000 })),
    location: Type.Optional(Type.String({ maxLength: 40 })),
    error: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const Beat = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('up'), Type.Literal('down')], { description: 'default up' })),
    msg: Type.Optional(Type.String({ maxLength: 500 })),
    ping: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000, description: 'latency in ms, if the sender measured one' })),
  },
  { additionalProperties: false },
);

export const probeResultRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/probe-results', {
    // A full batch of 10,000 results with monitor ids is over a megabyte.
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      'x-kopa-permission': 'results.write',
      tags: ['monitoring'],
      summary: 'Results of many monitors at once, as probe agents send them; idempotent on (monitor, location, at)',
      body: Type.Object({ results: Type.Array(Result, { maxItems: MAX_RESULTS_PER_BATCH }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ accepted: Type.Integer(), duplicates: Type.Integer(), monitors: Type.Integer() }), ...ERRORS },
    },
  }, async (request) => ingestProbeBatch(deps, actorOf(request), request.body.results));

  const Pick = {
    serviceId: Type.Optional(Type.String({ format: 'uuid' })),
    ids: Type.Optional(Type.String({ pattern: `^${UUID}(,${UUID}){0,199}$`, description: 'comma-separated monitor ids (at most 200)' })),
  };
  const pickOf = (q: { serviceId?: string | undefined; ids?: string | undefined }) => ({ serviceId: q.serviceId, ids: q.ids?.toLowerCase().split(',') });
  const byMonitor = (x: { monitorId: string }) => [x.monitorId] as const;

  app.get('/monitors/health', {
    schema: {
      'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'Visible monitors’ state now (up, down, unknown), since when, and the last check; by monitor id',
      querystring: Type.Object({ ...Pick, ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(HealthView), ...ERRORS },
    },
  }, async (request, reply) => {
    const all = await monitorHealth(deps, actorOf(request), pickOf(request.query));
    return sendPage(request, reply, 'monitor-health', pageInMemory(all, byMonitor, pageRequest(request.query, 'monitor-health', ['uuid'])), byMonitor);
  });

  const Series = Type.Object({ monitorId: Type.String(), bucketMinutes: Type.Integer(), points: Type.Array(Type.Object({ at: Instant, avgLatencyMs: Type.Union([Type.Integer(), Type.Null()]), maxLatencyMs: Type.Union([Type.Integer(), Type.Null()]), checks: Type.Integer(), failures: Type.Integer() })) });
  const hours = { hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 744, default: 24 })) };
  const Hours = Type.Object(hours, { additionalProperties: false });

  app.get('/monitors/latency', {
    schema: {
      'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'Visible monitors’ latency and failures over the last hours (at most 288 buckets each); by monitor id',
      querystring: Type.Object({ ...hours, ...Pick, ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(Series), ...ERRORS },
    },
  }, async (request, reply) => {
    const page = pageRequest(request.query, 'monitor-latency', ['uuid']);
    // The series are read for the page's monitors only: a page of ids first, then their buckets.
    const ids = pageInMemory(await pickedMonitorIds(deps, actorOf(request), pickOf(request.query)), byMonitor, page);
    const series = await monitorsLatency(deps, actorOf(request), request.query.hours ?? 24, { ids: ids.items.map((h) => h.monitorId) });
    return sendPage(request, reply, 'monitor-latency', { items: series.sort((a, b) => (a.monitorId < b.monitorId ? -1 : 1)), more: ids.more }, byMonitor);
  });

  app.get('/monitors/:id/latency', {
    schema: {
      'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'Latency and failures over the last hours in at most 288 buckets (a sparkline)',
      params: Type.Object({ id: Type.String() }),
      querystring: Hours,
      response: { 200: Series, ...ERRORS },
    },
  }, async (request) => monitorLatency(deps, actorOf(request), pathId(request.params.id, 'Monitor'), request.query.hours ?? 24));

  app.post('/monitors/:id/push-token', {
    schema: {
      'x-kopa-permission': 'monitors.write',
      tags: ['monitoring'],
      summary: 'Issue (or replace) the secret URL a push monitor’s system calls; shown once (operator)',
      params: Type.Object({ id: Type.String() }),
      response: { 201: Type.Object({ token: Type.String(), url: Type.String() }), ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await issuePushToken(deps, actorOf(request), pathId(request.params.id, 'Monitor'))));

  const beat = async (token: string, input: { status?: 'up' | 'down' | undefined; msg?: string | undefined; ping?: number | undefined }) =>
    receiveBeat(deps, token, { status: input.status, message: input.msg, latencyMs: input.ping });
  const beatSchema = (method: string) => ({
    tags: ['monitoring'],
    summary: `A beat from a push-monitored system (${method}; no sign-in, the secret URL is the credential)`,
    security: [],
    params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
    response: { 200: Type.Object({ monitorId: Type.String(), at: Instant }), ...ERRORS },
  });
  app.post('/push/:token', { schema: { ...beatSchema('POST'), querystring: Beat } }, async (request) => beat(request.params.token, request.query));
  app.get('/push/:token', { schema: { ...beatSchema('GET'), querystring: Beat } }, async (request) => beat(request.params.token, request.query));
};
