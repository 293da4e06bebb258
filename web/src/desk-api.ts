import { ApiError, listAll, query, reportUnauthorized, request, toApiError, writeHeaders, type Page } from './api';
import type {
  Assignee,
  Attachment,
  CalendarDay,
  CalendarDetail,
  CalendarException,
  CalendarSummary,
  DeskReport,
  ExceptionInput,
  Service,
  Subscription,
  TicketEvent,
  TicketInput,
  TicketPage,
  TicketStatus,
  TicketWithEvents,
} from './desk-types';

const id = encodeURIComponent;

/** Links the browser follows itself (downloads), with the API prefix. */
export const deskLinks = {
  attachment: (ticketId: string, attachmentId: string) => `/api/v1/tickets/${id(ticketId)}/attachments/${id(attachmentId)}`,
  deskReportCsv: (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/desk-report/${id(month)}?format=csv`,
  calendarIcs: (calendarId: string) => `/api/v1/calendars/${id(calendarId)}.ics`,
};

/** The service desk, the catalogue and business calendars. */
export const deskApi = {
  tickets: {
    list: (filters: { status?: string; tenantId?: string; priority?: string; assigneeId?: string; q?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
      request<TicketPage>('GET', `/tickets${query(filters)}`, { signal }),
    /** Older timeline entries: the ticket's `timelineNext`, then each page's `next`. */
    timelinePage: (path: string, signal?: AbortSignal) => request<Page<TicketEvent>>('GET', path, { signal }),
    get: (ticketId: string, signal?: AbortSignal) => request<TicketWithEvents>('GET', `/tickets/${id(ticketId)}`, { signal }),
    open: (input: TicketInput) => request<TicketWithEvents>('POST', '/tickets', { body: input }),
    comment: (ticketId: string, body: string, isPublic: boolean) =>
      request<TicketEvent>('POST', `/tickets/${id(ticketId)}/comments`, { body: { body, public: isPublic } }),
    assignees: (signal?: AbortSignal) => listAll<Assignee>('/tickets/assignees', signal),
    setStatus: (ticketId: string, status: TicketStatus) => request<TicketWithEvents>('POST', `/tickets/${id(ticketId)}/status`, { body: { status } }),
    assign: (ticketId: string, assigneeId: string | null) => request<TicketWithEvents>('POST', `/tickets/${id(ticketId)}/assignee`, { body: { assigneeId } }),
    rate: (ticketId: string, rating: number, comment: string | null) =>
      request<TicketWithEvents>('POST', `/tickets/${id(ticketId)}/satisfaction`, { body: { rating, ...(comment && { comment }) } }),
    attachments: (ticketId: string, signal?: AbortSignal) => listAll<Attachment>(`/tickets/${id(ticketId)}/attachments`, signal),
  },
  services: {
    list: (signal?: AbortSignal) => listAll<Service>('/services', signal),
    subscriptions: (tenantId: string, signal?: AbortSignal) => listAll<Subscription>(`/tenants/${id(tenantId)}/subscriptions`, signal),
  },
  deskReport: (tenantId: string, month: string, signal?: AbortSignal) =>
    request<DeskReport>('GET', `/tenants/${id(tenantId)}/desk-report/${id(month)}`, { signal }),
  calendars: {
    list: (signal?: AbortSignal) => listAll<CalendarSummary>('/calendars', signal),
    get: (calendarId: string, signal?: AbortSignal) => request<CalendarDetail>('GET', `/calendars/${id(calendarId)}`, { signal }),
    days: (calendarId: string, from: string, to: string, signal?: AbortSignal) =>
      request<CalendarDay[]>('GET', `/calendars/${id(calendarId)}/days${query({ from, to })}`, { signal }),
    addException: (calendarId: string, input: ExceptionInput) =>
      request<CalendarException>('POST', `/calendars/${id(calendarId)}/exceptions`, { body: input }),
    removeException: (calendarId: string, date: string) => request<void>('DELETE', `/calendars/${id(calendarId)}/exceptions/${id(date)}`),
  },
};

/** What `uploadAttachment` reports while the file travels. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends one file as multipart/form-data (field "file") with XMLHttpRequest, which, unlike
 * fetch, reports upload progress. Problems come back as ApiError like every other call.
 */
export function uploadAttachment(ticketId: string, file: File, onProgress: (progress: UploadProgress) => void, signal?: AbortSignal): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/tickets/${id(ticketId)}/attachments`);
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'Network error', ''));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.onload = () => {
      const headers = { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'text/plain' };
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Attachment);
        } catch (error) {
          reject(error);
        }
        return;
      }
      void toApiError(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers })).then((error) => {
        if (error.status === 401) reportUnauthorized();
        reject(error);
      });
    };
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
