/**
 * GET answers asked for while the app's own scripts are still loading (web/src/early.ts), each
 * handed to the API client's first identical request instead of asking the server again
 * (ADR 0028). Only a head start, never a cache: an answer is taken once; one not taken within
 * KEPT_MS is forgotten; and every write (signing in, say) forgets them all, since what was
 * answered before it may no longer be true.
 */
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';

/** A GET to ask early: the API path and its query parameters, as the page's own query sends them. */
export type EarlyRequest = readonly [path: string, query?: Record<string, unknown>];

interface EarlyAnswer {
  askedAt: number;
  response: Promise<Response>;
}

/** Long enough for the app's scripts to arrive on a slow line; short enough that nothing old is shown. */
const KEPT_MS = 15_000;

const answers = new Map<string, EarlyAnswer>();
// The API client's own (openapi-fetch's default), so that both build the same address.
const serializeQuery = createQuerySerializer();

/** A request's address as a key: absolute, its query's parameters sorted, so their order does not matter. */
function keyOf(url: string): string {
  const address = new URL(url, document.baseURI);
  address.searchParams.sort();
  return address.href;
}

/** Asks the server for `path` (with `query`) now, for the client's first identical GET to take. */
export function askEarly(...[path, query]: EarlyRequest): void {
  const url = createFinalURL(path, { baseUrl: '', params: { query }, querySerializer: serializeQuery, pathSerializer: defaultPathSerializer });
  const response = fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  // A failure is the taker's to handle (it asks again), not an unhandled rejection.
  response.catch(() => undefined);
  answers.set(keyOf(url), { askedAt: performance.now(), response });
}

/** The API client's fetch: a GET asked early is answered by that answer, once; anything else goes to the server. */
export function fetchTakingEarly(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : null;
  if (!request || answers.size === 0) return fetch(input, init);
  if (request.method !== 'GET') {
    answers.clear();
    return fetch(input, init);
  }
  const key = keyOf(request.url);
  const early = answers.get(key);
  if (!early) return fetch(input, init);
  answers.delete(key);
  if (performance.now() - early.askedAt > KEPT_MS) return fetch(input, init);
  return early.response.catch(() => fetch(input, init));
}
