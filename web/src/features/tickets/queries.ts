import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf } from '../../api/client';
import { useQueryResource } from '../../api/resource';
import type { paths } from '../../api/schema';
import { uploadFile, type UploadProgress } from '../../api/upload';

/** The shapes of the desk's answers, generated from the server's OpenAPI (ADR 0012). */
export type TicketWithEvents = ResponseOf<'/api/v1/tickets/{id}', 'get'>;
export type Ticket = ResponseOf<'/api/v1/tickets', 'get'>['items'][number];
export type TicketEvent = TicketWithEvents['events'][number];
export type TicketStatus = Ticket['status'];
export type TicketCategory = Ticket['category'];
export type SlaClock = Ticket['sla']['reaction'];
export type ClockKind = keyof Ticket['sla'];
export type Satisfaction = NonNullable<Ticket['satisfaction']>;
export type Assignee = ResponseOf<'/api/v1/tickets/assignees', 'get'>['items'][number];
export type Attachment = ResponseOf<'/api/v1/tickets/{id}/attachments', 'get'>['items'][number];
export type TicketInput = BodyOf<'/api/v1/tickets', 'post'>;
export type TicketQuery = Omit<NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>, 'cursor'>;

/** A ticket with the moment its clocks were measured (the browser counts on from there). */
export interface Measured<T> {
  ticket: T;
  measuredAt: number;
}
const measured = <T>(ticket: T): Measured<T> => ({ ticket, measuredAt: Date.now() });

const keys = {
  all: ['tickets'] as const,
  list: (query: TicketQuery) => ['tickets', 'list', query] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  attachments: (id: string) => ['tickets', 'detail', id, 'attachments'] as const,
  assignees: ['tickets', 'assignees'] as const,
  watchers: (id: string) => ['tickets', 'detail', id, 'watchers'] as const,
  watcherCandidates: (id: string) => ['tickets', 'detail', id, 'watcher-candidates'] as const,
};

export type Watcher = ResponseOf<'/api/v1/tickets/{id}/watchers', 'get'>['items'][number];

/** Where the browser downloads an attachment itself. */
export const attachmentHref = (ticketId: string, attachmentId: string) => `/api/v1/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** Tickets page by page (newest first), each page measured when it arrived. */
export function useTicketList(query: TicketQuery) {
  return useInfiniteQuery({
    queryKey: keys.list(query),
    queryFn: async ({ pageParam, signal }) => {
      const page = await body(client.GET('/api/v1/tickets', { params: { query: { ...query, ...(pageParam && { cursor: pageParam }) } }, signal }));
      return { ...page, measuredAt: Date.now() };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One ticket with its clocks and the latest entries of its timeline. */
export function useTicket(id: string) {
  const query = useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => body(client.GET('/api/v1/tickets/{id}', { params: { path: { id } }, signal })).then(measured),
  });
  return useQueryResource(query, keys.detail(id));
}

export function useTicketAttachments(id: string) {
  const query = useQuery({
    queryKey: keys.attachments(id),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tickets/{id}/attachments', { params: { path: { id }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.attachments(id));
}

/** Staff a ticket can be assigned to; asked only when the person may assign. */
export function useAssignees(enabled: boolean) {
  const query = useQuery({
    queryKey: keys.assignees,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tickets/assignees', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
    enabled,
  });
  return useQueryResource(query, keys.assignees);
}

/** Older timeline entries: the ticket's `timelineNext`, then each page's `next`. */
export function timelinePage(ticketId: string, link: string) {
  const cursor = new URL(link, window.location.origin).searchParams.get('cursor') ?? undefined;
  return body(client.GET('/api/v1/tickets/{id}/timeline', { params: { path: { id: ticketId }, query: { cursor } } }));
}

/**
 * A workflow change answers with the whole ticket: it replaces the cached one (no second
 * request), and the lists are loaded again when next shown.
 */
function useTicketChange<A>(ticketId: string, change: (argument: A) => Promise<TicketWithEvents>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (ticket) => {
      queryClient.setQueryData(keys.detail(ticketId), measured(ticket));
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}

export const useSetTicketStatus = (ticketId: string) =>
  useTicketChange(ticketId, (status: TicketStatus) => body(client.POST('/api/v1/tickets/{id}/status', { params: { path: { id: ticketId } }, body: { status } })));

export const useAssignTicket = (ticketId: string) =>
  useTicketChange(ticketId, (assigneeId: string | null) => body(client.POST('/api/v1/tickets/{id}/assignee', { params: { path: { id: ticketId } }, body: { assigneeId } })));

export const useRateTicket = (ticketId: string) =>
  useTicketChange(ticketId, ({ rating, comment }: { rating: number; comment: string | null }) =>
    body(client.POST('/api/v1/tickets/{id}/satisfaction', { params: { path: { id: ticketId } }, body: { rating, ...(comment && { comment }) } })),
  );

/** A comment answers with the new entry only: the ticket (timeline, clocks) is loaded again. */
export function useCommentOnTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ text, isPublic }: { text: string; isPublic: boolean }) =>
      body(client.POST('/api/v1/tickets/{id}/comments', { params: { path: { id: ticketId } }, body: { body: text, public: isPublic } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.detail(ticketId), exact: true }),
  });
}

/** An upload adds the file to the list and an entry to the timeline. */
export function useUploadAttachment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (progress: UploadProgress) => void }) => uploadFile<Attachment>(`/api/v1/tickets/${encodeURIComponent(ticketId)}/attachments`, file, onProgress),
    onSuccess: (attachment) => {
      queryClient.setQueryData<Attachment[]>(keys.attachments(ticketId), (list) => [...(list ?? []), attachment]);
      void queryClient.invalidateQueries({ queryKey: keys.detail(ticketId), exact: true });
    },
  });
}

export function useOpenTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TicketInput) => body(client.POST('/api/v1/tickets', { body: input })),
    onSuccess: (ticket) => {
      queryClient.setQueryData(keys.detail(ticket.id), measured(ticket));
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}

/** The people who follow a ticket (the reporter hears of it anyway). */
export function useWatchers(id: string) {
  const query = useQuery({
    queryKey: keys.watchers(id),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tickets/{id}/watchers', { params: { path: { id }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.watchers(id));
}

/** The people the signed-in person may add as watchers (the desk: the municipality's people and agency staff; others: colleagues). */
export function useWatcherCandidates(id: string, enabled: boolean) {
  const query = useQuery({
    queryKey: keys.watcherCandidates(id),
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/tickets/{id}/watcher-candidates', { params: { path: { id }, query: { limit: PAGE_LIMIT, cursor } }, signal }))),
    enabled,
  });
  return useQueryResource(query, keys.watcherCandidates(id));
}

/** Follow a ticket (oneself, or `other` added by the desk or a colleague), or stop following it. */
export function useWatching(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ watch, userId, other = false }: { watch: boolean; userId: string; other?: boolean }) => {
      if (watch) await body(client.POST('/api/v1/tickets/{id}/watchers', { params: { path: { id: ticketId } }, body: other ? { userId } : {} }));
      else await body(client.DELETE('/api/v1/tickets/{id}/watchers/{userId}', { params: { path: { id: ticketId, userId } } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.watchers(ticketId), exact: true }),
  });
}

/** The satisfaction mail's link: what it is about, and the answer (no sign-in; the token is the credential). */
export const satisfactionLink = (token: string) => body(client.GET('/api/v1/tickets/satisfaction', { params: { query: { token } } }));
export const answerSatisfaction = (token: string, score: number, comment: string | null) =>
  body(client.POST('/api/v1/tickets/satisfaction', { body: { token, score, ...(comment && { comment }) } }));
