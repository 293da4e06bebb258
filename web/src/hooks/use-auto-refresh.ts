import { useEffect, useState } from 'react';
import { useResource, type Resource } from './use-resource';

export interface RefreshingResource<T> extends Resource<T> {
  /** The last refresh failed; the value shown is older than it should be. Cleared by the next success. */
  stale: boolean;
}

/**
 * Like useResource, and loads again every `everyMs` while the page is visible (and at once
 * when it becomes visible again). The shown value stays in place while the next one loads; a
 * failed refresh marks it stale instead of replacing it with an error.
 */
export function useAutoRefresh<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: readonly unknown[], everyMs = 60_000): RefreshingResource<T> {
  const resource = useResource(load, deps);
  const { reload, data, error } = resource;
  const [stale, setStale] = useState(false);

  useEffect(() => {
    if (!load) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) reload();
    }, everyMs);
    const onVisible = () => {
      if (!document.hidden) reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload, everyMs, load === null]);

  useEffect(() => setStale(false), [data]);
  useEffect(() => {
    if (error !== null && data !== undefined) setStale(true);
  }, [error]);

  return { ...resource, error: data === undefined ? error : null, stale };
}
