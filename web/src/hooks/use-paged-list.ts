import { useCallback, useEffect, useState } from 'react';
import type { Page } from '../api';

export interface PagedList<T> {
  items: T[];
  /** More follow: `loadMore` fetches the next page. */
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  /** The first item of the page loaded last by `loadMore` (to move focus to). */
  firstOfLastPage: T | null;
  loadMore(): Promise<void>;
  retry(): void;
  /** Replaces loaded items (e.g. with refreshed states), keeping the paging position. */
  setItems(update: (items: T[]) => T[]): void;
}

/**
 * A list read from the server a page at a time: the first page when `key` changes, the next one
 * (by the page's `next` link) on request. Nothing is loaded beyond what the person asked to see.
 */
export function usePagedList<T>(loadPage: (next: string | null, signal?: AbortSignal) => Promise<Page<T>>, key: string): PagedList<T> {
  const [items, setItemsState] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [firstOfLastPage, setFirst] = useState<T | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loadPage(null, controller.signal)
      .then((page) => {
        setItemsState(page.items);
        setNext(page.next);
        setFirst(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
    // loadPage is rebuilt each render; `key` says when the list asked for changed.
  }, [key, attempt]);

  const loadMore = useCallback(async () => {
    if (next === null) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await loadPage(next);
      setItemsState((list) => [...list, ...page.items]);
      setNext(page.next);
      setFirst(page.items[0] ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [next, loadPage]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { items, hasMore: next !== null, loading, loadingMore, error, firstOfLastPage, loadMore, retry, setItems: setItemsState };
}
