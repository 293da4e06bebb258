import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { body, client, type ResponseOf } from '../../api/client';

/** Mail received at the desk, generated from the server's OpenAPI (ADR 0012). */
export type InboundMail = ResponseOf<'/api/v1/inbound-mail', 'get'>['items'][number];

/** The quarantine, newest first, a page at a time. */
export function useQuarantine() {
  return useInfiniteQuery({
    queryKey: ['inbound-mail', 'quarantined'],
    queryFn: ({ pageParam, signal }) => body(client.GET('/api/v1/inbound-mail', { params: { query: { status: 'quarantined', limit: 50, ...(pageParam && { cursor: pageParam }) } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDiscardMail() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => body(client.POST('/api/v1/inbound-mail/{id}/discard', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['inbound-mail'] }),
  });
}
