import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { body, client, type ResponseOf } from '../../api/client';
import type { paths } from '../../api/schema';

/** The shapes of the outbox answers, generated from the server's OpenAPI (ADR 0012). */
export type OutboxNotice = ResponseOf<'/api/v1/outbox', 'get'>['items'][number];
export type OutboxQuery = Omit<NonNullable<paths['/api/v1/outbox']['get']['parameters']['query']>, 'cursor'>;

const keys = { all: ['outbox'] as const, list: (q: OutboxQuery) => ['outbox', q] as const };

/** Outgoing notices, newest first, a page at a time ("load more" asks for the next one). */
export function useOutbox(query: OutboxQuery) {
  return useInfiniteQuery({
    queryKey: keys.list(query),
    queryFn: ({ pageParam, signal }) => body(client.GET('/api/v1/outbox', { params: { query: { ...query, ...(pageParam && { cursor: pageParam }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Sends a failed notice again; every list is fetched again, as its status changed. */
export function useRetryNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => body(client.POST('/api/v1/outbox/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}
