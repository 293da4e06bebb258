import { PAGE_LIMIT } from '../../api/client';
import type { EarlyRequest } from '../../api/early-answers';
import { filtersFrom, listQueryOf } from './monitor-list-filters';

/**
 * The monitors page's first screen, asked for by web/src/early.ts before the app's code has
 * arrived: the list as the address filters it, the counts, and the services and municipalities
 * the rows and filters name. Each is exactly what the page's own query asks first
 * (monitorListQuery, monitorCountsQuery, servicesQuery, tenantsQuery), so that the page takes
 * these answers instead of asking again (test/e2e/early-answers.test.ts counts the requests).
 */
export function monitorsFirstScreen(search: URLSearchParams): EarlyRequest[] {
  return [
    ['/api/v1/monitors', listQueryOf(filtersFrom(search))],
    ['/api/v1/monitors/counts'],
    ['/api/v1/services', { limit: PAGE_LIMIT }],
    ['/api/v1/tenants', { limit: PAGE_LIMIT }],
  ];
}
