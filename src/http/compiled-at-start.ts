/**
 * The routes whose request validators and answers' serializers are compiled before the server
 * listens. Every other route's are compiled on first use, to keep them out of the embedded
 * server's memory peak at start (ADR 0025, "2026-12-06, night"). Compiled at start, union
 * validators of their answers included:
 * - the signed-in UI's first screen, sent together after a restart: the session check, then the
 *   monitors page's list, counts, services and municipalities. Compiling them on the first visit
 *   held the one thread ~230 ms while the page waited (ADR 0026, "2026-12-06, night");
 * - the public status page, the most visited route: compiling its answer's serializer on the
 *   first request after a restart was ~17 ms of that request (ADR 0022, "2026-12-07, later").
 */
const AT_START = new Set(['GET /api/v1/session', 'GET /api/v1/monitors', 'GET /api/v1/monitors/counts', 'GET /api/v1/services', 'GET /api/v1/tenants', 'GET /api/v1/status']);

/** Whether a route's compilers run before the server listens (its answers' status 200 only; problems are rare). */
export type CompiledAtStart = (method: string, url: string) => boolean;

export const compiledAtStart: CompiledAtStart = (method, url) => AT_START.has(`${method} ${url}`);
