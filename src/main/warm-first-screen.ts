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
 * first page by name, the counts, the services and the municipalities — run once per kept
 * connection as `kopa serve` gets ready, before it listens. A restarted server's first page
 * otherwise pays for Node's first runs of these paths and each new backend's first plans and
 * catalogue reads (ADR 0026, "The warm start"). Reads only, as the system: nothing is written,
 * nothing kept; the session looked up is a random one, which matches none.
 *
 * The rounds run side by side so that each holds its own connection for most of its reads (the
 * pool hands out idle connections last-in first-out: one after another they would all meet one
 * backend). A failure is the caller's to log; it must not stop the start.
 */
export async function warmFirstScreen(deps: Deps, connections: number): Promise<void> {
  const actor = systemActor('start: warming the first screen');
  const round = async () => {
    await authenticateSession(deps, newSecret(), { requestId: null, clientAddress: null, sessionTtlHours: 1 });
    await browseMonitors(deps, actor, { sort: 'name' }, FIRST_PAGE);
    await monitorCounts(deps, actor);
    await listServices(deps, actor);
    await listTenants(deps, actor);
  };
  await Promise.all(Array.from({ length: Math.max(1, connections) }, round));
}
