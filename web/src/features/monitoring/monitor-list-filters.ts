import type { DisplayState, MonitorListQuery } from './queries';

/** What the operator filters the monitors list by, as the address holds it. */
export interface MonitorFilterValues {
  q: string;
  /** "" for every state. */
  state: DisplayState | '';
  serviceId: string;
  sort: 'name' | 'state';
}

export const DISPLAY_STATES: readonly DisplayState[] = ['down', 'unknown', 'up', 'paused'];

/** The rows a screen of the monitors list shows. */
export const MONITORS_PAGE_SIZE = 50;

/** The filters in the page's address; anything not understood is no filter. */
export function filtersFrom(params: URLSearchParams): MonitorFilterValues {
  const state = params.get('state') ?? '';
  return {
    q: params.get('q') ?? '',
    state: (DISPLAY_STATES as readonly string[]).includes(state) ? (state as DisplayState) : '',
    serviceId: params.get('service') ?? '',
    sort: params.get('sort') === 'state' ? 'state' : 'name',
  };
}

/** The list request of these filters: the page and web/src/early.ts ask the same, so the page takes the early answer. */
export function listQueryOf(filters: MonitorFilterValues): MonitorListQuery {
  return { q: filters.q || undefined, state: filters.state || undefined, serviceId: filters.serviceId || undefined, sort: filters.sort, limit: MONITORS_PAGE_SIZE };
}
