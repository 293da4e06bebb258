import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { publicStatus, tenantStatus, type PlatformStatus } from '../../app/monitoring/platform-status.js';
import type { Deps } from '../../app/ports.js';
import { actorOf } from '../auth.js';
import { pathId } from '../ids.js';
import { DateText, ERRORS, Instant, Nullable } from '../schemas.js';
import { IncidentView } from './incidents.js';

const State = Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('maintenance'), Type.Literal('unknown')]);
const StatusView = Type.Object({
  generatedAt: Instant,
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

/**
 * The public page is read often and changes by the minute: one computation serves everyone for a
 * while. Once that while is over the answer in hand is still given at once while the next one is
 * computed (stale-while-revalidate), so no visitor waits for a computation but the first after the
 * start; `generatedAt` says how old an answer is. A computation that fails is forgotten, and the
 * next visitor waits for a fresh one (and gets its error if that fails too).
 */
function cached(ttlMs: number, now: () => number, compute: () => Promise<PlatformStatus>) {
  let fresh: { at: number; data: Promise<PlatformStatus> } | null = null;
  let computing: Promise<PlatformStatus> | null = null;
  const refresh = () => {
    const at = now();
    const data = compute();
    computing = data;
    data.then(
      () => (fresh = { at, data }),
      () => (fresh = null),
    ).finally(() => (computing = null));
    return data;
  };
  return () => {
    if (ttlMs <= 0) return compute();
    if (!fresh) return computing ?? refresh();
    if (now() - fresh.at > ttlMs && !computing) void refresh();
    return fresh.data;
  };
}

export const statusRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; statusCacheMs?: number }> = async (app, { deps, statusCacheMs }) => {
  const ttlMs = statusCacheMs ?? 15_000;
  const current = cached(ttlMs, () => deps.clock.now().getTime(), () => publicStatus(deps));
  // The first answer is computed as the server starts, not while the first visitor waits.
  if (ttlMs > 0) app.addHook('onReady', async () => void current().catch(() => undefined));

  app.get('/status', {
    schema: { tags: ['status'], summary: 'The public status page: each shared service now, 90 daily bars, incidents and planned maintenance (no sign-in)', security: [], response: { 200: StatusView, ...ERRORS } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=15');
    return current();
  });

  app.get('/tenants/:id/status', {
    schema: { 'x-kopa-permission': 'services.read', tags: ['status'], summary: 'The same for the services one municipality uses, its own instances included', params: Type.Object({ id: Type.String() }), response: { 200: StatusView, ...ERRORS } },
  }, async (request) => tenantStatus(deps, actorOf(request), pathId(request.params.id, 'Municipality')));
};
