import createClient, { type Client, type ClientPathsWithMethod, type FetchResponse, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import { fetchTakingEarly } from './early-answers';
import { ApiError, reportUnauthorized, toApiError, writeHeaders } from './problem';
import type { components, paths } from './schema';

/** The server's named schemas (`Schemas['Tenant']`), generated from its OpenAPI (ADR 0012). */
export type Schemas = components['schemas'];

/** The JSON body a path and method answer with on success. */
export type ResponseOf<P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'put' | 'delete'> = paths[P][M] extends {
  responses: infer R;
}
  ? { [S in keyof R]: S extends 200 | 201 | 202 ? (R[S] extends { content: { 'application/json': infer B } } ? B : never) : never }[keyof R]
  : never;

/** The JSON body a path and method take. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'patch' | 'put' | 'delete'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** Sign-in, signing out and the session probe: a 401 there is an answer, not an expired session. */
const QUIET_UNAUTHORIZED = new Set(['GET /api/v1/session', 'POST /api/v1/session', 'DELETE /api/v1/session', 'POST /api/v1/session/mfa', 'POST /api/v1/session/mfa/webauthn/options', 'POST /api/v1/session/logout']);

/**
 * Sends the session's CSRF token with writes, turns problem answers into ApiError (so a call
 * either gives its typed body or throws), tells the session about a 401, and reports a network
 * failure as status 0 — as every request of the UI did before the client was generated.
 */
const conventions: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept', 'application/json');
    if (request.method !== 'GET') for (const [name, value] of Object.entries(writeHeaders())) request.headers.set(name, value);
    return request;
  },
  async onResponse({ request, response, schemaPath }) {
    if (response.ok) return response;
    const error = await toApiError(response);
    if (error.status === 401 && !QUIET_UNAUTHORIZED.has(`${request.method} ${schemaPath}`)) reportUnauthorized(error);
    throw error;
  },
  onError({ error }) {
    if (error instanceof ApiError || (error instanceof DOMException && error.name === 'AbortError')) return error;
    return new ApiError(0, 'Network error', error instanceof Error ? error.message : String(error));
  },
};

type Verb = 'get' | 'post' | 'put' | 'patch' | 'delete';
type InitOf<P extends keyof paths, M extends Verb> = MaybeOptionalInit<paths[P], M>;
/**
 * openapi-fetch infers `init` from the argument itself, so a query parameter the operation does not
 * declare type-checks and reaches the server, which refuses it (openapi-ts/openapi-typescript#2329).
 * Here `init` is typed by the operation, so an undeclared parameter is a type error.
 */
type StrictMethod<M extends Verb> = <P extends ClientPathsWithMethod<Client<paths>, M>>(
  url: P,
  ...init: undefined extends InitOf<P, M> ? [InitOf<P, M>?] : [InitOf<P, M>]
) => Promise<FetchResponse<Extract<paths[P][M], Record<string, unknown>>, InitOf<P, M>, `${string}/${string}`>>;
type StrictClient = Omit<Client<paths>, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'> & { GET: StrictMethod<'get'>; POST: StrictMethod<'post'>; PUT: StrictMethod<'put'>; PATCH: StrictMethod<'patch'>; DELETE: StrictMethod<'delete'> };

/** The one way the UI calls the API: paths, parameters and bodies typed from web/src/api/schema.d.ts. */
// Its fetch takes the answers web/src/early.ts asked for before the app's code had arrived.
const fetchClient = createClient<paths>({ baseUrl: '', credentials: 'same-origin', fetch: fetchTakingEarly });
fetchClient.use(conventions);
// The same functions, seen through the operation-typed signatures above.
export const client = fetchClient as unknown as StrictClient;

/**
 * The body of a successful call. Failures never get here: the middleware throws them as ApiError.
 * (openapi-fetch types `data` as possibly undefined beside `error`; after the middleware it is not.)
 */
export async function body<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

/** The largest page the API gives. */
export const PAGE_LIMIT = 200;

/**
 * Every item of a list that is small by nature, page after page, by the `nextCursor` each page
 * gives (docs/api.md, "Lists and paging").
 */
export async function everyPage<T>(page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    items.push(...next.items);
    cursor = next.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return items;
}
