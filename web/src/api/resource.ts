import { useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import type { Resource } from '../hooks/use-resource';

/**
 * A query as the `Resource` shape the shared components (AsyncSection, lists) take, so that a
 * feature moved to TanStack Query and one not yet moved render alike. `setData` writes the cache.
 */
export function useQueryResource<T>(query: UseQueryResult<T>, key: QueryKey): Resource<T> {
  const queryClient = useQueryClient();
  return {
    data: query.data,
    error: query.error ?? null,
    loading: query.isLoading,
    reload: () => void query.refetch(),
    setData: (update) => queryClient.setQueryData<T>(key, (previous) => (typeof update === 'function' ? (update as (p: T | undefined) => T)(previous) : update)),
  };
}

/** A query that loads again every so often: `stale` says the last refresh failed and the value shown is older. */
export interface RefreshingResource<T> extends Resource<T> {
  stale: boolean;
}

/**
 * A refreshing query as the shape the status pages take: while a value is shown, a failed
 * refresh marks it stale instead of replacing it with an error (as `useAutoRefresh` did).
 */
export function useRefreshingResource<T>(query: UseQueryResult<T>, key: QueryKey): RefreshingResource<T> {
  const resource = useQueryResource(query, key);
  return { ...resource, error: query.data === undefined ? resource.error : null, stale: query.isRefetchError };
}

/**
 * What a page refreshed every minute asks of its query: again every `everyMs` while the page is
 * visible (not in a hidden tab), and at once when it becomes visible again.
 */
export const refreshEvery = (everyMs = 60_000) => ({ refetchInterval: everyMs, refetchIntervalInBackground: false, refetchOnWindowFocus: true }) as const;
