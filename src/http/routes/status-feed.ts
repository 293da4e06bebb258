import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { create } from 'xmlbuilder2';
import { recentIncidents } from '../../app/monitoring/manage-incidents.js';
import type { Deps } from '../../app/ports.js';
import { FEED_ENTRIES, feedEntries, type FeedEntry } from '../../domain/status/incident-feed.js';
import type { Incident } from '../../domain/status/incident.js';

const ATOM = 'http://www.w3.org/2005/Atom';
/** The feed's own id (RFC 4151 tag URI): the same wherever the instance is served from. */
const FEED_ID = 'tag:rda.lv,2026:kopa/status';

/** RFC 4287 Atom: one entry per incident update, newest first. */
export function atomFeed(entries: readonly FeedEntry[], base: string, generatedAt: string): string {
  const feed = create({ version: '1.0', encoding: 'UTF-8' }).ele(ATOM, 'feed').att('xml:lang', 'lv');
  feed.ele(ATOM, 'id').txt(FEED_ID);
  feed.ele(ATOM, 'title').txt('Kopa — pakalpojumu statuss / Service status');
  feed.ele(ATOM, 'updated').txt(entries[0]?.at ?? generatedAt);
  feed.ele(ATOM, 'author').ele(ATOM, 'name').txt('Kopa');
  feed.ele(ATOM, 'link').att('rel', 'self').att('type', 'application/atom+xml').att('href', `${base}/api/v1/status/feed.atom`);
  feed.ele(ATOM, 'link').att('rel', 'alternate').att('type', 'text/html').att('href', `${base}/status`);
  for (const e of entries) {
    const entry = feed.ele(ATOM, 'entry');
    entry.ele(ATOM, 'id').txt(e.id);
    entry.ele(ATOM, 'title').txt(e.title);
    entry.ele(ATOM, 'updated').txt(e.at);
    entry.ele(ATOM, 'published').txt(e.at);
    entry.ele(ATOM, 'link').att('rel', 'alternate').att('type', 'text/html').att('href', `${base}/status#incident-${e.incidentId}`);
    entry.ele(ATOM, 'category').att('term', e.impact);
    entry.ele(ATOM, 'content').att('type', 'text').txt(e.message);
  }
  return feed.end({ prettyPrint: true });
}

export const statusFeedRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; statusCacheMs?: number }> = async (app, { deps, statusCacheMs }) => {
  // Read as often as the status page and changed as seldom: one read serves everyone for a while.
  const ttl = statusCacheMs ?? 15_000;
  let cache: { at: number; incidents: Promise<Incident[]> } | null = null;
  const incidents = () => {
    if (ttl <= 0) return recentIncidents(deps, FEED_ENTRIES);
    const now = deps.clock.now().getTime();
    if (!cache || now - cache.at > ttl) {
      const read = recentIncidents(deps, FEED_ENTRIES);
      cache = { at: now, incidents: read };
      read.catch(() => (cache = null));
    }
    return cache.incidents;
  };

  app.get('/status/feed.atom', {
    schema: {
      tags: ['status'],
      summary: 'The status page as an Atom feed (RFC 4287): the latest 50 incident updates, newest first (no sign-in)',
      security: [],
      produces: ['application/atom+xml'],
      response: { 200: Type.String({ description: 'application/atom+xml' }) },
    },
  }, async (request, reply) => {
    const base = deps.notifications?.publicUrl ?? `${request.protocol}://${request.host}`;
    const xml = atomFeed(feedEntries(await incidents()), base, deps.clock.now().toISOString());
    return reply.header('cache-control', 'public, max-age=15').type('application/atom+xml; charset=utf-8').send(xml);
  });
};
