import type { QueryClient } from '@tanstack/react-query';
import { servicesQuery } from '../catalogue/queries';
import { tenantsQuery } from '../municipalities/queries';
import { filtersFrom, listQueryOf } from './monitor-list-filters';
import { monitorCountsQuery, monitorListQuery } from './queries';

/**
 * The monitors page opened by its address: its first screen's requests start with the session
 * check instead of after it and the page's code (a waterfall of three round trips, 1.5 s of a cold
 * visit; ADR 0025). The page's own queries then find them answered or on their way, under the
 * same keys. A 401 while the session is still being checked ends nothing (SessionProvider); the
 * session check decides whether the page is shown at all.
 */
export function prefetchMonitorsPage(queryClient: QueryClient, search: URLSearchParams): void {
  void queryClient.prefetchInfiniteQuery(monitorListQuery(listQueryOf(filtersFrom(search))));
  void queryClient.prefetchQuery(monitorCountsQuery);
  void queryClient.prefetchQuery(servicesQuery);
  void queryClient.prefetchQuery(tenantsQuery);
}
