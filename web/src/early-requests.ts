/**
 * The monitors page's first screen, asked as soon as this small script arrives: index.html loads it
 * as a module script of its own (`async`, see vite.config.ts), so it runs before the main script
 * has been evaluated — react-dom, the router and the messages take 0.15–0.9 s on a cold visit
 * (ADR 0026, evening), during which the server could already be answering. The main script imports
 * this module too, so it is evaluated once, always before the main script's code; the API client
 * (api/client.ts) takes each answer here instead of asking again, once.
 *
 * Only the monitors page opened by its bare address: its first requests are then known without
 * the page's code (the same as `prefetchMonitorsPage` asks with no filters; the browser test
 * holds that each is asked once). Any other address asks nothing here. Nothing is imported: this
 * module must stay a chunk of its own, a few hundred bytes.
 */
const FIRST_SCREEN: Readonly<Record<string, readonly string[]>> = {
  '/monitors': ['/api/v1/session', '/api/v1/monitors?sort=name&limit=50', '/api/v1/monitors/counts', '/api/v1/services?limit=200', '/api/v1/tenants?limit=200'],
};

const asked = new Map<string, Promise<Response>>();

if (location.search === '') {
  for (const path of FIRST_SCREEN[location.pathname] ?? []) {
    // eslint-disable-next-line no-restricted-globals -- the client is in the main script this runs before; it takes these answers (takeEarly)
    const answer = fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    // A failure is the failure of the request that takes it; one nobody takes is not reported.
    answer.catch(() => undefined);
    asked.set(path, answer);
  }
}

/** The answer asked early for this request (a GET of the same path and query), once; otherwise undefined. */
export function takeEarly(request: Request): Promise<Response> | undefined {
  if (request.method !== 'GET' || asked.size === 0) return undefined;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return undefined;
  const key = url.pathname + url.search;
  const answer = asked.get(key);
  asked.delete(key);
  return answer;
}

/**
 * Forgets the answers nobody took: a later request (after a sign-in, another page) must never get
 * one asked before it. Called once the first screen's requests have been made.
 */
export function forgetEarly(): void {
  asked.clear();
}
