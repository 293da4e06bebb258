import { systemActor } from '../domain/actor.js';
import type { Deps } from '../app/ports.js';
import { authenticateSession } from '../app/identity/authenticate.js';
import { browseMonitors, monitorCounts } from '../app/monitoring/browse-monitors.js';
import { listServices } from '../app/catalogue/manage-services.js';
import { listTenants } from '../app/municipalities/list-tenants.js';
import { FIRST_PAGE } from '../app/shared/paging.js';
import { newSecret } from '../app/shared/secrets.js';

/**
 * The reads behind the operator's monitors page's first screen — a session's lookup, the list's
 * first page by name, the counts, the services and the municipalities — run once as `kopa serve`
 * gets ready on the embedded database, before it listens. Without it a restarted server's first
 * page pays PGlite's first runs of these reads (its WebAssembly and buffers) and Node's: ~1 s of
 * CPU more than the same requests warm (ADR 0026, "The warm start"). Reads only, as the system:
 * nothing is written, nothing kept; the session looked up is a random one, which matches none. A
 * failure is the caller's to log; it must not stop the start.
 */
export async function warmFirstScreen(deps: Deps): Promise<void> {
  const actor = systemActor('start: warming the first screen');
  await authenticateSession(deps, newSecret(), { requestId: null, clientAddress: null, sessionTtlHours: 1 });
  await browseMonitors(deps, actor, { sort: 'name' }, FIRST_PAGE);
  await monitorCounts(deps, actor);
  await listServices(deps, actor);
  await listTenants(deps, actor);
}
