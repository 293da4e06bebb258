import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, client, everyPage, PAGE_LIMIT, type BodyOf, type ResponseOf } from '../../api/client';
import { useQueryResource } from '../../api/resource';

/** The shapes of business calendars, generated from the server's OpenAPI (ADR 0012). */
export type CalendarSummary = ResponseOf<'/api/v1/calendars', 'get'>['items'][number];
export type CalendarDetail = ResponseOf<'/api/v1/calendars/{id}', 'get'>;
export type CalendarException = CalendarDetail['exceptions'][number];
export type ExceptionKind = CalendarException['kind'];
export type CalendarDay = ResponseOf<'/api/v1/calendars/{id}/days', 'get'>[number];
export type ExceptionInput = BodyOf<'/api/v1/calendars/{id}/exceptions', 'post'>;
export type WeeklyHours = CalendarSummary['weeklyHours'];

/** Where the browser downloads a calendar as iCalendar itself. */
export const calendarIcsHref = (calendarId: string) => `/api/v1/calendars/${encodeURIComponent(calendarId)}.ics`;

const keys = {
  list: ['calendars'] as const,
  detail: (id: string) => ['calendars', id] as const,
  days: (id: string, from: string, to: string) => ['calendars', id, 'days', from, to] as const,
};

/** Every business calendar, by id. */
export function useCalendars() {
  const query = useQuery({
    queryKey: keys.list,
    queryFn: ({ signal }) => everyPage((cursor) => body(client.GET('/api/v1/calendars', { params: { query: { limit: PAGE_LIMIT, cursor } }, signal }))),
  });
  return useQueryResource(query, keys.list);
}

/** One calendar with its exceptions. */
export function useCalendar(id: string) {
  const query = useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => body(client.GET('/api/v1/calendars/{id}', { params: { path: { id } }, signal })),
  });
  return useQueryResource(query, keys.detail(id));
}

/** Each day from `from` to `to` (included): working or not, and its hours. */
export const calendarDays = (id: string, from: string, to: string, signal?: AbortSignal) =>
  body(client.GET('/api/v1/calendars/{id}/days', { params: { path: { id }, query: { from, to } }, signal }));

export function useCalendarDays(id: string, from: string, to: string) {
  const query = useQuery({ queryKey: keys.days(id, from, to), queryFn: ({ signal }) => calendarDays(id, from, to, signal) });
  return useQueryResource(query, keys.days(id, from, to));
}

/** Every calendar once per page load, for the time zone of each (the list rarely changes). */
export const calendarList = () => everyPage((cursor) => body(client.GET('/api/v1/calendars', { params: { query: { limit: PAGE_LIMIT, cursor } } })));

/** An exception changes the calendar, its days and the list's exception count: all are loaded again. */
function useCalendarChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.list });
}

export function useAddException(calendarId: string) {
  const changed = useCalendarChanged();
  return useMutation({
    mutationFn: (input: ExceptionInput) => body(client.POST('/api/v1/calendars/{id}/exceptions', { params: { path: { id: calendarId } }, body: input })),
    onSuccess: changed,
  });
}

export function useRemoveException(calendarId: string) {
  const changed = useCalendarChanged();
  return useMutation({
    mutationFn: (date: string) => body(client.DELETE('/api/v1/calendars/{id}/exceptions/{date}', { params: { path: { id: calendarId, date } } })),
    onSuccess: changed,
  });
}

/** A calendar's name for its id (the id itself until the list has loaded, or for one since removed). */
export function useCalendarName(): (id: string) => string {
  const calendars = useCalendars();
  const names = new Map((calendars.data ?? []).map((c) => [c.id, c.name]));
  return (id) => names.get(id) ?? id;
}
