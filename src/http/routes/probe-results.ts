import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ingestProbeBatch } from '../../app/monitoring/ingest-probe-batch.js';
import { MAX_RESULTS_PER_BATCH } from '../../app/monitoring/manage-monitors.js';
import type { Deps } from '../../app/ports.js';
import { MAX_LATENCY_BUCKETS, monitorHealth, monitorLatency, monitorsLatencyPage } from '../../app/monitoring/monitor-health.js';
import { monitorLatencyRange } from '../../app/monitoring/monitor-latency-range.js';
import { validationError } from '../../domain/errors.js';
import { MONITOR_RANGES } from '../../domain/monitoring/monitor-range.js';
import { issuePushToken, receiveBeat } from '../../app/monitoring/push-monitors.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { pageInMemory } from '../../app/shared/paging.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { HealthView } from './monitor-list.js';
import { ERRORS, Instant, Nullable } from '../schemas.js';

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
    config: { unattended: true },
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
  const hours = {
    hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 744, default: 24 })),
    buckets: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LATENCY_BUCKETS, description: `at most this many buckets per series (default ${MAX_LATENCY_BUCKETS}); a bucket is whole minutes, or whole hours once longer than an hour — then read from the hourly latency the rollup keeps, and cheap` })),
  };

  app.get('/monitors/latency', {
    schema: {
      'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'Visible monitors’ latency and failures over the last hours (at most 288 buckets each, or `buckets`); by monitor id. A point is every result of the bucket at all locations: `checks`, `failures`, and of the results that measured a latency (failed ones included) the mean (to the nearest ms) and maximum',
      querystring: Type.Object({ ...hours, ...Pick, ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(Series), ...ERRORS },
    },
  }, async (request, reply) => {
    const page = pageRequest(request.query, 'monitor-latency', ['uuid']);
    // The series are read for the page's monitors only: a page of the visible ids first (the
    // monitors listed once), then their buckets.
    const { page: ids, series } = await monitorsLatencyPage(deps, actorOf(request), request.query.hours ?? 24, pickOf(request.query), request.query.buckets, (visible) => pageInMemory(visible, byMonitor, page));
    return sendPage(request, reply, 'monitor-latency', { items: series.sort((a, b) => (a.monitorId < b.monitorId ? -1 : 1)), more: ids.more }, byMonitor);
  });

  // With `range` the series also names its range and buckets, and each point its median.
  const RangeSeries = Type.Object({
    monitorId: Type.String(),
    bucketMinutes: Type.Integer({ description: 'the bucket’s length in minutes; a day is 1440 (a Riga day of 23 or 25 hours when the clocks change)' }),
    range: Type.Optional(Type.Union(MONITOR_RANGES.map((r) => Type.Literal(r)))),
    bucket: Type.Optional(Type.Union([Type.Literal('5min'), Type.Literal('hour'), Type.Literal('day')])),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
    points: Type.Array(Type.Object({ at: Instant, p50LatencyMs: Type.Optional(Nullable(Type.Integer())), avgLatencyMs: Nullable(Type.Integer()), maxLatencyMs: Nullable(Type.Integer()), checks: Type.Integer(), failures: Type.Integer() })),
  });

  app.get('/monitors/:id/latency', {
    schema: {
      'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'Latency and failures over the last hours in at most 288 buckets (a sparkline); or, with `range` (24h, 7d, 30d, 90d), every bucket of the range (5 minutes, an hour, a Riga day) with its median, average and maximum, empty buckets included with `checks: 0` and null latencies',
      params: Type.Object({ id: Type.String() }),
      querystring: Type.Object({ hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 744, description: 'default 24' })), range: Type.Optional(Type.Union(MONITOR_RANGES.map((r) => Type.Literal(r)), { description: 'instead of `hours`' })) }, { additionalProperties: false }),
      response: { 200: RangeSeries, ...ERRORS },
    },
  }, async (request) => {
    const id = pathId(request.params.id, 'Monitor');
    const { range } = request.query;
    if (range !== undefined && request.query.hours !== undefined) throw validationError('hours', 'excludes', 'give either hours or range', { other: 'range' });
    if (range === undefined) return monitorLatency(deps, actorOf(request), id, request.query.hours ?? 24);
    return monitorLatencyRange(deps, actorOf(request), id, range);
  });

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
  app.post('/push/:token', { config: { unattended: true }, schema: { ...beatSchema('POST'), querystring: Beat } }, async (request) => beat(request.params.token, request.query));
  app.get('/push/:token', { config: { unattended: true }, schema: { ...beatSchema('GET'), querystring: Beat } }, async (request) => beat(request.params.token, request.query));
};
