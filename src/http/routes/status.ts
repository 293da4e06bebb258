import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { publicStatus, tenantStatus, type PlatformStatus } from '../../app/monitoring/platform-status.js';
import { keepPublicStatus, keptPublicStatus } from '../../app/monitoring/kept-answer.js';
import { holdKeptResults } from '../../app/monitoring/kept-tails.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import type { RequestActivity } from '../request-activity.js';
import { statusCache } from '../status-cache.js';
import { writtenOnce } from '../written-once.js';
import { pathId } from '../ids.js';
import { DateText, ERRORS, Instant, Nullable } from '../schemas.js';
import { IncidentView } from './incidents.js';

const State = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('maintenance'), Type.Literal('unknown')]);
const StatusView = Type.Object({
  generatedAt: Instant,
  history: Type.Union([Type.Literal('complete'), Type.Literal('computing')], {
    description:
      "'computing' in a first look, given while the 90 days are computed for the first time (after an install over history, or an upgrade): each service's state now, but no days, uptime or since yet; ask again in a few seconds (it is not cached). 'complete' otherwise",
  }),
  overall: Type.Union([Type.Literal('operational'), Type.Literal('outage'), Type.Literal('maintenance'), Type.Literal('unknown')]),
  services: Type.Array(
    Type.Object({
      id: Type.String(),
      code: Type.String(),
      name: Type.Object({ lv: Type.String(), en: Type.Union([Type.String(), Type.Null()]) }),
      critical: Type.Boolean(),
      state: State,
      since: Type.Union([Instant, Type.Null()]),
      monitors: Type.Integer(),
      uptimePercent: Nullable(Type.Number({ description: 'up / (up + down) × 100 over the 90 days shown, maintenance excluded; null when nothing is known' })),
      days: Type.Array(Type.Object({ date: DateText, availabilityPercent: Nullable(Type.Number()), downSeconds: Type.Number(), maintenanceSeconds: Type.Number(), unknownSeconds: Type.Number() }), { description: 'The last 90 days in Riga, oldest first' }),
    }),
  ),
  incidents: Type.Array(IncidentView),
  maintenance: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), description: Type.Union([Type.String(), Type.Null()]), startsAt: Instant, endsAt: Instant, announcedAt: Instant, serviceIds: Type.Array(Type.String()), createdAt: Instant })),
});

/** The answer's schema, digested: an answer kept by a release whose schema differs is not given (ADR 0022). */
const ANSWER_SHAPE = createHash('sha256').update(JSON.stringify(StatusView)).digest('base64url');

export const statusRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; statusCacheMs?: number; requests: RequestActivity }> = async (app, { deps, statusCacheMs, requests }) => {
  const ttlMs = statusCacheMs ?? 15_000;
  const kept = { latest: () => keptPublicStatus(deps, ANSWER_SHAPE), keep: (answer: PlatformStatus) => keepPublicStatus(deps, answer, ANSWER_SHAPE) };
  const cache = statusCache({ ttlMs, now: () => deps.clock.now().getTime(), store: deps.store, compute: (store, firstLook) => publicStatus({ store, clock: deps.clock }, { firstLook }), requests, log: app.log, kept });
  const current = cache.current;
  // One answer serves every visitor for its while: it is written out once, not once per visitor.
  const send = writtenOnce<PlatformStatus>();
  // The first answer is computed as the server starts, not while the first visitor waits.
  if (ttlMs > 0) {
    // The kept results read first, so the first page's counts build on it even when no start
    // computation runs (the answer kept at the stop still fresh) or one gives way.
    app.addHook('onReady', async () => {
      await holdKeptResults(deps).catch((error: unknown) => app.log.warn({ err: error }, 'the kept results could not be read at the start'));
      await cache.start();
    });
    app.addHook('onClose', async () => cache.close());
  }

  app.get('/status', {
    schema: { tags: ['status'], summary: 'The public status page: each shared service now, 90 daily bars, incidents and planned maintenance (no sign-in)', security: [], response: { 200: StatusView, ...ERRORS } },
  }, async (_request, reply) => {
    const answer = await current();
    // A first look is replaced within seconds: nobody on the way keeps it.
    reply.header('cache-control', answer.history === 'complete' ? 'public, max-age=15' : 'no-cache');
    return send(reply, answer);
  });

  app.get('/tenants/:id/status', {
    schema: { 'x-kopa-permission': 'services.read', tags: ['status'], summary: 'The same for the services one municipality uses, its own instances included', params: Type.Object({ id: Type.String() }), response: { 200: StatusView, ...ERRORS } },
  }, async (request) => tenantStatus(deps, actorOf(request), pathId(request.params.id, 'Municipality')));
};
