/**
 * The requests the signed-in UI's first screen sends together after a restart: the session check,
 * then the monitors page's list, counts, services and municipalities. Every other route's request
 * validators and response serializers are compiled on first use, to keep them out of the embedded
 * server's memory peak at start (ADR 0025, "2026-12-06, night"); these are compiled before the
 * server listens, union validators of their answers included, since compiling them on the first
 * visit held the one thread ~230 ms while the page waited (ADR 0026, "2026-12-06, night").
 */
const FIRST_SCREEN = new Set(['GET /api/v1/session', 'GET /api/v1/monitors', 'GET /api/v1/monitors/counts', 'GET /api/v1/services', 'GET /api/v1/tenants']);

/** Whether a route's compilers run before the server listens (its answers' status 200 only; problems are rare). */
export type CompiledAtStart = (method: string, url: string) => boolean;

export const onFirstScreen: CompiledAtStart = (method, url) => FIRST_SCREEN.has(`${method} ${url}`);
