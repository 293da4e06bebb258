/**
 * The hand-written request layer the features not yet moved to the generated client still use
 * (ADR 0012): each feature that moves to `client.ts` and TanStack Query deletes its calls here.
 */
import { ApiError, reportUnauthorized, toApiError, writeHeaders } from './problem';
import type { Tenant } from '../features/municipalities/queries';

export { ApiError, isApiError, problemCode, reportUnauthorized, setCsrfToken, setUnauthorizedHandler, toApiError, writeHeaders, type FieldError } from './problem';

const PREFIX = '/api/v1';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** For the sign-in and session probe: a 401 there is an answer, not an expired session. */
  quietUnauthorized?: boolean;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') Object.assign(headers, writeHeaders());
  let response: Response;
  try {
    // A `next` link from a page already carries the prefix.
    response = await fetch(path.startsWith(`${PREFIX}/`) ? path : `${PREFIX}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Network error', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && !options.quietUnauthorized) reportUnauthorized(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** One page of a list, as every list endpoint answers (docs/api.md, "Lists and paging"). */
export interface Page<T> {
  items: T[];
  /** Path and query of the next page; null on the last. */
  next: string | null;
  nextCursor: string | null;
}

/** The largest page the API gives. */
export const PAGE_LIMIT = 200;

/**
 * Every item of a list that is small by nature (catalogues, a municipality's agreements), page
 * after page. Large lists (tickets, monitors, the audit log) are shown a page at a time instead.
 */
export async function listAll<T>(path: string, signal?: AbortSignal): Promise<T[]> {
  const items: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let next: string | null = `${path}${separator}limit=${PAGE_LIMIT}`;
  while (next !== null) {
    const page: Page<T> = await request<Page<T>>('GET', next, { signal });
    items.push(...page.items);
    next = page.next;
  }
  return items;
}


/** The calls of the features not yet on the generated client. */
export const api = {
  /** Only the single sign-on feature still lists municipalities here (another change moves it). */
  tenants: {
    list: (signal?: AbortSignal) => listAll<Tenant>('/tenants', signal),
  },
};
