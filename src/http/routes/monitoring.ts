import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { excludeOutage, listExclusions, withdrawExclusion } from '../../app/availability/exclude-outage.js';
import { createMonitor, getMaintenance, getMonitor, ingestProbeResults, listMaintenance, MAX_RESULTS_PER_BATCH, scheduleMaintenance } from '../../app/monitoring/manage-monitors.js';
import { pageInMemory } from '../../app/shared/paging.js';
import type { Deps } from '../../app/ports.js';
import { currentSlaReport, slaReportPdf } from '../../app/availability/render-sla-report.js';
import { slaReportCsv } from '../../app/availability/sla-report.js';
import { updateMonitor } from '../../app/monitoring/update-monitor.js';
import { changeMaintenance } from '../../app/monitoring/change-maintenance.js';
import { cancelMaintenance } from '../../app/monitoring/cancel-maintenance.js';
import { MAX_EVENTS, monitorAvailability } from '../../app/monitoring/monitor-availability.js';
import { MONITOR_RANGES, type MonitorRange } from '../../domain/monitoring/monitor-range.js';
import { MAX_FAILURES_TO_CONFIRM, MONITOR_TYPES } from '../../domain/monitoring/monitor.js';
import { actorOf } from '../auth.js';
import { documentLanguage } from '../document-language.js';
import { pathId } from '../ids.js';
import { PageQuery, pageOf, pageRequest, sendPage } from '../paging.js';
import { ERRORS, Instant, LanguageQuery, Nullable } from '../schemas.js';

const Uuid = Type.String({ format: 'uuid' });
const Params = Type.Object({ id: Type.String() });

/** How each type checks; unknown keys are refused so that a typo does not silently probe something else. */
const MonitorConfig = Type.Object(
  {
    method: Type.Optional(Type.Union(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'].map((m) => Type.Literal(m)), { description: 'http: default GET' })),
    expectedStatus: Type.Optional(Type.Union([Type.Integer({ minimum: 100, maximum: 599 }), Type.Array(Type.Integer({ minimum: 100, maximum: 599 }), { minItems: 1, maxItems: 20 })], { description: 'http: default any 2xx or 3xx' })),
    keyword: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'http: text the body must contain' })),
    jsonPath: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'http: e.g. $.status; the value must be truthy, or equal jsonExpected' })),
    jsonExpected: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean(), Type.Null()])),
    maxLatencyMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 120_000, description: 'http: slower answers fail' })),
    headers: Type.Optional(Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }))),
    certExpiryDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365, description: 'http, tls: fail this many days before expiry (default 14)' })),
    allowInvalidCertificate: Type.Optional(Type.Boolean()),
    recordType: Type.Optional(Type.Union(['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SOA', 'SRV', 'CAA'].map((t) => Type.Literal(t)), { description: 'dns: default A' })),
    expected: Type.Optional(Type.String({ maxLength: 500, description: 'dns: a value the answer must contain' })),
    servers: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 5, description: 'dns: resolvers to ask' })),
  },
  { additionalProperties: false },
);
const Locations = Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 10, description: "where it is probed from: local, lvrtc, lnb …; default ['local']" });

export const MonitorView = Type.Object({
  id: Type.String(),
  serviceId: Type.String(),
  tenantId: Nullable(Type.String()),
  name: Type.String(),
  type: Type.Union(MONITOR_TYPES.map((t) => Type.Literal(t))),
  target: Nullable(Type.String()),
  // The keys the UI reads, typed; any other stored key is passed on as it is (agents read config).
  config: Type.Object(MonitorConfig.properties, { additionalProperties: true }),
  intervalSeconds: Type.Integer(),
  timeoutMs: Type.Integer(),
  failuresToConfirm: Type.Integer(),
  critical: Type.Boolean(),
  locations: Type.Array(Type.String()),
  active: Type.Boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});

const MonitorAvailabilityView = Type.Object({
  monitorId: Type.String(),
  range: Type.Union(MONITOR_RANGES.map((r) => Type.Literal(r))),
  from: Instant,
  to: Instant,
  uptimePercent: Nullable(Type.Number({ description: 'up / (up + down) × 100 over the range; null when nothing is known' })),
  upSeconds: Type.Number(),
  downSeconds: Type.Number(),
  unknownSeconds: Type.Number(),
  events: Type.Array(
    Type.Object({ state: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('unknown')]), start: Instant, end: Instant, seconds: Type.Number(), ongoing: Type.Boolean() }),
    { description: `stretches of one state, newest first (at most ${MAX_EVENTS}); the newest lasts until now` },
  ),
  eventsTruncated: Type.Boolean(),
});

const Result = Type.Object(
  {
    at: Type.String({ description: 'ISO-8601 instant with a zone; for scheduled probes, the slot' }),
    ok: Type.Boolean(),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000 })),
    location: Type.Optional(Type.String({ maxLength: 40, description: "default: the monitor's first location" })),
    error: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const MaintenanceView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  startsAt: Instant,
  endsAt: Instant,
  announcedAt: Nullable(Instant, { description: 'when the municipalities were told: the first delivery of Kopa\'s notice, or the time an operator declared; null until then' }),
  announcementStatus: Type.Union([Type.Literal('sent'), Type.Literal('declared'), Type.Literal('pending'), Type.Literal('no_recipients')], {
    description: 'sent: Kopa\'s notice was delivered at announcedAt; declared: announced by other means (declaredBy); pending: a notice is recorded, none delivered yet; no_recipients: nobody to notify, so it is not announced. Only sent and declared windows count as announced maintenance',
  }),
  serviceIds: Type.Array(Type.String()),
  createdAt: Instant,
  seriesId: Nullable(Type.String({ description: 'the recurring series this window is an occurrence of' })),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  cancelledAt: Nullable(Instant),
  cancelReason: Nullable(Type.String()),
  sequence: Type.Integer({ description: 'counts changes; the calendar event\'s SEQUENCE' }),
  declaredBy: Nullable(Type.String({ description: 'who recorded an announcement made outside Kopa (an explicit announcedAt)' })),
  updatedAt: Nullable(Instant),
  createdBy: Nullable(Type.String()),
});

const ExclusionView = Type.Object({
  id: Type.String(),
  serviceId: Type.String(),
  tenantId: Nullable(Type.String()),
  startsAt: Instant,
  endsAt: Instant,
  reason: Type.String(),
  createdAt: Instant,
  createdBy: Type.String(),
  withdrawal: Type.Optional(Nullable(Type.Object({ at: Instant, by: Type.String(), reason: Type.String() }))),
});

const Outage = Type.Object({ start: Instant, end: Instant, seconds: Type.Number(), excludedSeconds: Type.Number(), exclusionIds: Type.Array(Type.String()) });
const ServiceReport = Type.Object({
  serviceId: Type.String(),
  serviceCode: Type.String(),
  serviceName: Type.String(),
  periodStart: Instant,
  periodEnd: Instant,
  availabilityPercent: Nullable(Type.Number()),
  upSeconds: Type.Number(),
  downSeconds: Type.Number(),
  maintenanceSeconds: Type.Number(),
  unknownSeconds: Type.Number(),
  excludedSeconds: Type.Number(),
  coveragePercent: Nullable(Type.Number()),
  targetPercent: Type.Number(),
  met: Type.Boolean(),
  monitors: Type.Integer(),
  outages: Type.Array(Outage),
  exclusions: Type.Array(Type.Object({ id: Type.String(), startsAt: Instant, endsAt: Instant, reason: Type.String(), createdBy: Type.String(), createdAt: Instant })),
  maintenance: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), startsAt: Instant, endsAt: Instant, announcedAt: Nullable(Instant, { description: 'null: not announced (no notice delivered), so counted as ordinary time' }), counted: Type.Boolean(), declaredBy: Type.Optional(Nullable(Type.String({ description: 'who declared an announcement made outside Kopa; null when Kopa sent the notice' }))) })),
});
const DeskFigures = Type.Object({
  tickets: Type.Integer(),
  reactionMetPercent: Nullable(Type.Number()),
  resolutionMetPercent: Nullable(Type.Number()),
  medianReactionMinutes: Nullable(Type.Number()),
  p90ReactionMinutes: Nullable(Type.Number()),
  breaches: Type.Integer(),
  satisfactionAverage: Nullable(Type.Number()),
  satisfactionRatings: Type.Integer(),
});
const SlaReport = Type.Object({
  tenantId: Type.String(),
  month: Type.String(),
  inProgress: Type.Boolean({ description: 'true while the month has not ended: the figures count only the time up to `upTo`' }),
  upTo: Type.String({ format: 'date-time', description: 'the instant the figures count up to: the month’s end once it has ended, else when the report was computed' }),
  services: Type.Array(ServiceReport),
  desk: DeskFigures,
  publication: Type.Union([Type.Object({ version: Type.Integer(), publishedAt: Instant, reason: Type.Union([Type.String(), Type.Null()]) }), Type.Null()], { description: 'The frozen version served; null while the month is not published (or with ?live=true)' }),
});

const DAY_MS = 86_400_000;
const instantOr = (text: string | undefined, fallback: number) => (text === undefined ? new Date(fallback) : new Date(text));

export const monitoringRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/monitors', {
    schema: {
      'x-kopa-permission': 'monitors.write',
      tags: ['monitoring'],
      summary: 'Add a monitor to a service (operator)',
      body: Type.Object(
        {
          serviceId: Uuid,
          tenantId: Type.Optional(Nullable(Uuid)),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          type: Type.Union(MONITOR_TYPES.map((t) => Type.Literal(t))),
          target: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          intervalSeconds: Type.Integer({ minimum: 10, maximum: 86_400 }),
          timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000, description: 'default 10,000 or half the interval, whichever is less' })),
          failuresToConfirm: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FAILURES_TO_CONFIRM, description: 'default 2' })),
          critical: Type.Optional(Type.Boolean({ description: 'default true' })),
          locations: Type.Optional(Locations),
          config: Type.Optional(MonitorConfig),
          active: Type.Optional(Type.Boolean({ description: 'default true' })),
        },
        { additionalProperties: false },
      ),
      response: { 201: MonitorView, ...ERRORS },
    },
  }, async (request, reply) => {
    const b = request.body;
    const monitor = await createMonitor(deps, actorOf(request), {
      serviceId: b.serviceId,
      tenantId: b.tenantId ?? null,
      name: b.name.trim(),
      type: b.type,
      target: b.target ?? null,
      config: b.config ?? {},
      intervalSeconds: b.intervalSeconds,
      timeoutMs: b.timeoutMs ?? Math.min(10_000, (b.intervalSeconds * 1000) / 2),
      failuresToConfirm: b.failuresToConfirm ?? 2,
      critical: b.critical ?? true,
      locations: b.locations ?? ['local'],
      active: b.active ?? true,
    });
    return reply.status(201).header('Location', `/api/v1/monitors/${monitor.id}`).send(monitor);
  });

  app.get('/monitors/:id', {
    schema: { 'x-kopa-permission': 'monitors.read', tags: ['monitoring'], summary: 'One monitor', params: Params, response: { 200: MonitorView, ...ERRORS } },
  }, async (request) => getMonitor(deps, actorOf(request), pathId(request.params.id, 'Monitor')));

  app.get('/monitors/:id/availability', {
    schema: {
      'x-kopa-permission': 'monitors.read',
      tags: ['monitoring'],
      summary: 'A monitor’s uptime and state changes over the last 24 h, 7, 30 or 90 days (rolled-up data where final)',
      params: Params,
      querystring: Type.Object({ range: Type.Optional(Type.Union(MONITOR_RANGES.map((r) => Type.Literal(r)), { description: 'default 24h' })) }, { additionalProperties: false }),
      response: { 200: MonitorAvailabilityView, ...ERRORS },
    },
  }, async (request) => monitorAvailability(deps, actorOf(request), pathId(request.params.id, 'Monitor'), (request.query.range ?? '24h') as MonitorRange));

  app.patch('/monitors/:id', {
    schema: {
      'x-kopa-permission': 'monitors.write',
      tags: ['monitoring'],
      summary: 'Edit or pause (`active: false`) a monitor (operator); the interval and failuresToConfirm are fixed — they decide how stored results are judged',
      params: Params,
      body: Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          target: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          config: Type.Optional(MonitorConfig),
          timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 120_000 })),
          critical: Type.Optional(Type.Boolean()),
          locations: Type.Optional(Locations),
          active: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false, minProperties: 1 },
      ),
      response: { 200: MonitorView, ...ERRORS },
    },
  }, async (request) => updateMonitor(deps, actorOf(request), pathId(request.params.id, 'Monitor'), request.body));

  app.post('/monitors/:id/results', {
    // 10,000 results with error texts are more than Fastify's default 1 MiB.
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      'x-kopa-permission': 'results.write',
      tags: ['monitoring'],
      summary: `Probe results of one monitor (at most ${MAX_RESULTS_PER_BATCH.toLocaleString('en')}); idempotent on (monitor, location, at): a resent result counts as a duplicate`,
      params: Params,
      body: Type.Object({ results: Type.Array(Result, { maxItems: MAX_RESULTS_PER_BATCH }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ accepted: Type.Integer(), duplicates: Type.Integer() }), ...ERRORS },
    },
  }, async (request) => ingestProbeResults(deps, actorOf(request), pathId(request.params.id, 'Monitor'), request.body.results));

  app.get('/maintenance-windows', {
    schema: {
      'x-kopa-permission': 'maintenance.read',
      tags: ['monitoring'],
      summary: 'Maintenance windows overlapping [from, to) (default: the last 30 days and the next 90)',
      querystring: Type.Object({ from: Type.Optional(Instant), to: Type.Optional(Instant), serviceId: Type.Optional(Uuid), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(MaintenanceView), ...ERRORS },
    },
  }, async (request, reply) => {
    const now = deps.clock.now().getTime();
    const windows = await listMaintenance(deps, actorOf(request), instantOr(request.query.from, now - 30 * DAY_MS), instantOr(request.query.to, now + 90 * DAY_MS));
    const serviceId = request.query.serviceId;
    const wanted = serviceId === undefined ? windows : windows.filter((w) => w.serviceIds.includes(serviceId));
    const key = (w: (typeof wanted)[number]) => [w.startsAt, w.id] as const;
    return sendPage(request, reply, 'maintenance', pageInMemory(wanted, key, pageRequest(request.query, 'maintenance', ['string', 'uuid'])), key);
  });

  app.post('/maintenance-windows', {
    schema: {
      'x-kopa-permission': 'maintenance.write',
      tags: ['monitoring'],
      summary: 'Announce maintenance (operator, desk agent); announced later than the agreement’s notice, it counts as ordinary time',
      body: Type.Object(
        {
          serviceIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }),
          startsAt: Instant,
          endsAt: Instant,
          title: Type.String({ minLength: 1, maxLength: 300 }),
          description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
          announcedAt: Type.Optional(Instant),
          recurrence: Type.Optional(
            Nullable(Type.String({ maxLength: 500, description: 'RFC 5545 RRULE (FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY incl. 2TU/-1FR, COUNT, UNTIL), e.g. FREQ=MONTHLY;BYDAY=2TU; startsAt–endsAt is the first occurrence, kept in Riga wall-clock time' })),
          ),
        },
        { additionalProperties: false },
      ),
      response: { 201: MaintenanceView, ...ERRORS },
    },
  }, async (request, reply) => {
    const window = await scheduleMaintenance(deps, actorOf(request), request.body);
    return reply.status(201).send(window);
  });

  app.get('/maintenance-windows/:id', {
    schema: { 'x-kopa-permission': 'maintenance.read', tags: ['monitoring'], summary: 'One maintenance window', params: Params, response: { 200: MaintenanceView, ...ERRORS } },
  }, async (request) => getMaintenance(deps, actorOf(request), pathId(request.params.id, 'Maintenance window')));

  app.patch('/maintenance-windows/:id', {
    schema: {
      'x-kopa-permission': 'maintenance.write',
      tags: ['monitoring'],
      summary: 'Change a maintenance window (of a series: this occurrence, or with scope series every occurrence not yet ended); not once it has ended. Subscribed municipalities are told',
      params: Params,
      body: Type.Object(
        {
          scope: Type.Optional(Type.Union([Type.Literal('occurrence'), Type.Literal('series')], { description: 'default occurrence; series: title, description, services and the move of this occurrence\'s start and end (within its day, in Riga time) apply to every occurrence of its series not yet ended (one under way keeps its start)' })),
          recurrence: Type.Optional(Type.Unknown({ description: 'not accepted: a series\' rule is not changed (400, recurrence: unknown_field); cancel the series and schedule a new one' })),
          serviceIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50 })),
          startsAt: Type.Optional(Instant),
          endsAt: Type.Optional(Instant),
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
          description: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
        },
        { additionalProperties: false },
      ),
      response: { 200: MaintenanceView, ...ERRORS },
    },
  }, async (request) => changeMaintenance(deps, actorOf(request), pathId(request.params.id, 'Maintenance window'), request.body));

  app.post('/maintenance-windows/:id/cancel', {
    schema: {
      'x-kopa-permission': 'maintenance.write',
      tags: ['monitoring'],
      summary: 'Cancel a maintenance window, or (scope series) every occurrence of its series not yet ended; it stays listed and no longer counts as maintenance',
      params: Params,
      body: Type.Object(
        {
          reason: Type.String({ minLength: 1, maxLength: 2000 }),
          scope: Type.Optional(Type.Union([Type.Literal('occurrence'), Type.Literal('series')], { description: 'default occurrence' })),
        },
        { additionalProperties: false },
      ),
      response: { 200: MaintenanceView, ...ERRORS },
    },
  }, async (request) => cancelMaintenance(deps, actorOf(request), pathId(request.params.id, 'Maintenance window'), request.body));

  app.get('/sla-exclusions', {
    schema: {
      'x-kopa-permission': 'sla_reports.read',
      tags: ['monitoring'],
      summary: 'Outages excluded from the SLA overlapping [from, to) (default: the last 90 days)',
      querystring: Type.Object({ from: Type.Optional(Instant), to: Type.Optional(Instant), serviceId: Type.Optional(Uuid), ...PageQuery }, { additionalProperties: false }),
      response: { 200: pageOf(ExclusionView), ...ERRORS },
    },
  }, async (request, reply) => {
    const now = deps.clock.now().getTime();
    const all = await listExclusions(deps, actorOf(request), instantOr(request.query.from, now - 90 * DAY_MS), instantOr(request.query.to, now + DAY_MS), request.query.serviceId);
    const key = (x: (typeof all)[number]) => [x.startsAt, x.id] as const;
    return sendPage(request, reply, 'sla-exclusions', pageInMemory(all, key, pageRequest(request.query, 'sla-exclusions', ['string', 'uuid'])), key);
  });

  app.post('/sla-exclusions', {
    schema: {
      'x-kopa-permission': 'sla_exclusions.write',
      tags: ['monitoring'],
      summary: 'Exclude an outage from the SLA (probe fault, force majeure) with a reason (operator); reports show it',
      body: Type.Object(
        {
          serviceId: Uuid,
          tenantId: Type.Optional(Nullable(Uuid)),
          startsAt: Instant,
          endsAt: Instant,
          reason: Type.String({ minLength: 1, maxLength: 2000 }),
        },
        { additionalProperties: false },
      ),
      response: { 201: ExclusionView, ...ERRORS },
    },
  }, async (request, reply) => reply.status(201).send(await excludeOutage(deps, actorOf(request), request.body)));

  app.post('/sla-exclusions/:id/withdraw', {
    schema: {
      'x-kopa-permission': 'sla_exclusions.write',
      tags: ['monitoring'],
      summary: 'Withdraw a mistaken exclusion with a reason (operator): live reports count the outage again; published ones change only by a correction',
      params: Type.Object({ id: Type.String() }),
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 200: ExclusionView, ...ERRORS },
    },
  }, async (request) => withdrawExclusion(deps, actorOf(request), pathId(request.params.id, 'SLA exclusion'), request.body.reason));

  app.get('/tenants/:id/sla-reports/:month', {
    schema: {
      'x-kopa-permission': 'sla_reports.read',
      tags: ['monitoring'],
      summary: 'Monthly availability report of a municipality by DESIGN.md’s definition, the published (frozen) version once there is one; `?format=csv` or `?format=pdf` (Latvian, `&lang=en` English); `?live=true` recomputes',
      params: Type.Object({ id: Type.String(), month: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, a month in the municipality’s calendar zone' }) }),
      querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('pdf')])), live: Type.Optional(Type.Boolean()), ...LanguageQuery }, { additionalProperties: false }),
      response: { 200: SlaReport, ...ERRORS },
    },
  }, async (request, reply) => {
    const tenantId = pathId(request.params.id, 'Municipality');
    const { month } = request.params;
    const { report, publication } = await currentSlaReport(deps, actorOf(request), tenantId, month, request.query.live === true);
    if (request.query.format === 'pdf') {
      const pdf = await slaReportPdf(deps, report, publication?.version, documentLanguage(request, request.query.lang));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="sla-report-${month}.pdf"`).send(pdf);
    }
    if (request.query.format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="sla-report-${month}.csv"`).serializer((x: string) => x).send(slaReportCsv(report));
    }
    return { ...report, publication };
  });
};
