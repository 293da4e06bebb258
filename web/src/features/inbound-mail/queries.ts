import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { body, client, type BodyOf, type ResponseOf } from '../../api/client';

/** Mail received at the desk, generated from the server's OpenAPI (ADR 0012). */
export type InboundMail = ResponseOf<'/api/v1/inbound-mail', 'get'>['items'][number];

/** Which mail a page lists: waiting in quarantine, or what the desk made of it (attached, opened, discarded). */
export type MailView = 'quarantined' | 'handled';

/** The quarantine (or the handled mail), newest first, a page at a time. */
export function useQuarantine(view: MailView = 'quarantined') {
  return useInfiniteQuery({
    queryKey: ['inbound-mail', view],
    queryFn: ({ pageParam, signal }) => body(client.GET('/api/v1/inbound-mail', { params: { query: { status: view, limit: 50, ...(pageParam && { cursor: pageParam }) } }, signal })),
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

export type OpenTicketInput = BodyOf<'/api/v1/inbound-mail/{id}/open-ticket', 'post'>;

/** Adds a quarantined mail to a ticket as its sender's comment. */
export function useAttachMail() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ticketId }: { id: string; ticketId: string }) => body(client.POST('/api/v1/inbound-mail/{id}/attach', { params: { path: { id } }, body: { ticketId } })),
    onSuccess: () => Promise.all([queries.invalidateQueries({ queryKey: ['inbound-mail'] }), queries.invalidateQueries({ queryKey: ['tickets'] })]),
  });
}

/** Opens an e-mail ticket from a quarantined mail. */
export function useOpenTicketFromMail() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: OpenTicketInput }) => body(client.POST('/api/v1/inbound-mail/{id}/open-ticket', { params: { path: { id } }, body: input })),
    onSuccess: () => Promise.all([queries.invalidateQueries({ queryKey: ['inbound-mail'] }), queries.invalidateQueries({ queryKey: ['tickets'] })]),
  });
}

/** The ticket of a number the desk person typed, or null when there is none they may see. */
export async function ticketByNumber(number: string): Promise<{ id: string; number: string; subject: string } | null> {
  const page = await body(client.GET('/api/v1/tickets', { params: { query: { q: number, limit: 20 } } }));
  return page.items.find((t) => String(t.number) === number) ?? null;
}
