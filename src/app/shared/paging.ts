/**
 * Keyset paging shared by every list. A page is asked for by the sort key of the last item the
 * caller has seen (`after`) and a size; the answer says whether more follow. How the key travels
 * (an opaque cursor) is the http layer's business.
 */
export type CursorKey = readonly (string | number)[];

export interface PageRequest {
  /** Sort key of the last item already seen; null for the first page. */
  after: CursorKey | null;
  limit: number;
}

export interface Slice<T> {
  items: T[];
  /** True when at least one more item follows the last one. */
  more: boolean;
}

export const FIRST_PAGE: PageRequest = { after: null, limit: 50 };

/** Rows read with `limit + 1` become a page and whether more follow. */
export function sliceOf<T>(rows: T[], limit: number): Slice<T> {
  return { items: rows.slice(0, limit), more: rows.length > limit };
}

/** Total order on keys: numbers by value, strings by code point (never locale, which may tie). */
export function compareKeys(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Keyset paging of a list already read whole: for catalogues that are small by nature (providers,
 * calendars, a municipality's agreements) or computed in memory (monitor states). The key must be
 * unique (end it with the id); `descending` pages from the largest key down.
 */
export function pageInMemory<T>(all: readonly T[], keyOf: (item: T) => CursorKey, page: PageRequest, descending = false): Slice<T> {
  const sign = descending ? -1 : 1;
  const sorted = [...all].sort((a, b) => sign * compareKeys(keyOf(a), keyOf(b)));
  const after = page.after;
  const rest = after === null ? sorted : sorted.filter((item) => sign * compareKeys(keyOf(item), after) > 0);
  return sliceOf(rest.slice(0, page.limit + 1), page.limit);
}
