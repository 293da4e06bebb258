import { listAll, query, request } from './api';
import type {
  CalendarDay,
  CalendarDetail,
  CalendarException,
  CalendarSummary,
  DeskReport,
  ExceptionInput,
  Service,
  Subscription,
} from './desk-types';

const id = encodeURIComponent;

/** Links the browser follows itself (downloads), with the API prefix. */
export const deskLinks = {
  deskReportCsv: (tenantId: string, month: string) => `/api/v1/tenants/${id(tenantId)}/desk-report/${id(month)}?format=csv`,
  calendarIcs: (calendarId: string) => `/api/v1/calendars/${id(calendarId)}.ics`,
};

/** The service desk, the catalogue and business calendars. */
export const deskApi = {
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
