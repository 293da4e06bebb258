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
