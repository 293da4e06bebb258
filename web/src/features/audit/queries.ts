import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { body, client, type ResponseOf } from '../../api/client';
import type { paths } from '../../api/schema';

/** The shapes of the audit log, generated from the server's OpenAPI (ADR 0012). */
export type AuditEvent = ResponseOf<'/api/v1/audit-events', 'get'>['items'][number];
export type ChainVerification = ResponseOf<'/api/v1/audit-events/verify', 'post'>;
export type AuditQuery = Omit<NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>, 'cursor'>;

/** The log, newest first, a page at a time ("load more" asks for the next one). */
export function useAuditLog(query: AuditQuery) {
  return useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam, signal }) => body(client.GET('/api/v1/audit-events', { params: { query: { ...query, ...(pageParam && { cursor: pageParam }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Re-checks the hash chain on the server. */
export function useVerifyChain() {
  return useMutation({ mutationFn: () => body(client.POST('/api/v1/audit-events/verify')) });
}
